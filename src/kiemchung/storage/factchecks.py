"""The fact-check and evidence libraries in the store: upsert by id, import, export, list."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import delete, func, select

from kiemchung import records
from kiemchung.errors import ValidationError
from kiemchung.matching import EvidenceIndex, Matcher
from kiemchung.matching.library import read_library, write_library
from kiemchung.storage import models
from kiemchung.storage.db import Store
from kiemchung.text import fold

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ImportSummary:
    """Counts of one import: ``read == inserted + updated + unchanged + failed``."""

    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[ValidationError] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"read {self.read} · inserted {self.inserted} · updated {self.updated}"
                f" · unchanged {self.unchanged} · failed {self.failed}")


def _to_row_values(fc: records.FactCheck) -> dict[str, Any]:
    return {
        "claim": fc.claim,
        "claim_folded": fold([fc.claim])[0].lower(),
        "verdict": fc.verdict,
        "verdict_norm": fc.verdict_norm,
        "summary": fc.summary,
        "url": fc.url,
        "publisher": fc.publisher,
        "published_at": fc.published_at,
        "language": fc.language,
        "tags": list(fc.tags),
        "extra": dict(fc.extra),
    }


def to_record(row: models.FactCheck) -> records.FactCheck:
    """A stored fact-check as a plain record."""
    return records.FactCheck(
        id=row.id, claim=row.claim, verdict=row.verdict, verdict_norm=row.verdict_norm,
        summary=row.summary, url=row.url, publisher=row.publisher,
        published_at=row.published_at, language=row.language or "vi",
        tags=list(row.tags or []), extra=dict(row.extra or {}),
    )


def upsert_factchecks(store: Store, factchecks: Iterable[records.FactCheck], *,
                      origin: str = "imported", batch_size: int = 1000) -> ImportSummary:
    """Insert new fact-checks and update changed ones, by ``id``."""
    summary = ImportSummary()
    batch: list[records.FactCheck] = []
    for fc in factchecks:
        batch.append(fc)
        if len(batch) >= batch_size:
            _upsert_batch(store, batch, origin=origin, summary=summary)
            batch = []
    if batch:
        _upsert_batch(store, batch, origin=origin, summary=summary)
    return summary


def _upsert_batch(store: Store, batch: Sequence[records.FactCheck], *, origin: str,
                  summary: ImportSummary) -> None:
    unique = {fc.id: fc for fc in batch}
    with store.session() as session:
        existing = {row.id: row for row in session.scalars(
            select(models.FactCheck).where(models.FactCheck.id.in_(list(unique))))}
        for fc_id, fc in unique.items():
            summary.read += 1
            values = _to_row_values(fc)
            row = existing.get(fc_id)
            if row is None:
                session.add(models.FactCheck(id=fc_id, origin=origin, **values))
                summary.inserted += 1
            elif all(getattr(row, k) == v for k, v in values.items()
                     if k != "published_at") and _same_time(row.published_at,
                                                            values["published_at"]):
                summary.unchanged += 1
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                summary.updated += 1
    summary.read += len(batch) - len(unique)
    summary.unchanged += len(batch) - len(unique)


def _same_time(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a == b)


def import_factchecks(store: Store, path: str | Path, *, fmt: str | None = None,
                      origin: str = "imported") -> ImportSummary:
    """Import a library file (ClaimReview JSON-LD, JSONL or CSV); bad rows are reported."""
    result = read_library(path, fmt=fmt)
    summary = upsert_factchecks(store, result.items, origin=origin)
    summary.read += len(result.errors)
    summary.failed = len(result.errors)
    summary.errors = list(result.errors)
    for err in result.errors:
        log.warning("fact-check not imported: %s", err)
    return summary


def load_factchecks(store: Store, *, ids: Sequence[str] | None = None,
                    limit: int | None = None) -> list[records.FactCheck]:
    """Fact-checks from the store (all, or the given ids), ordered by id."""
    query = select(models.FactCheck).order_by(models.FactCheck.id)
    if ids is not None:
        query = query.where(models.FactCheck.id.in_(list(ids)))
    if limit is not None:
        query = query.limit(limit)
    with store.session() as session:
        return [to_record(row) for row in session.scalars(query)]


def count_factchecks(store: Store) -> int:
    """How many fact-checks the store holds."""
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(models.FactCheck)) or 0)


def delete_factchecks(store: Store, ids: Sequence[str]) -> int:
    """Delete fact-checks by id; returns how many were deleted."""
    with store.session() as session:
        result = session.execute(delete(models.FactCheck).where(models.FactCheck.id.in_(ids)))
        return int(getattr(result, "rowcount", 0) or 0)


def export_factchecks(store: Store, out: TextIO, *, fmt: str = "jsonl") -> int:
    """Write the store's library to ``out`` as JSONL, CSV or ClaimReview JSON-LD."""
    return write_library(load_factchecks(store), out, fmt=fmt)


def load_evidence(store: Store) -> list[records.Evidence]:
    """The evidence library (official statements and news) as plain records."""
    with store.session() as session:
        rows = session.scalars(select(models.EvidenceItem).order_by(models.EvidenceItem.id))
        return [records.Evidence(id=r.id, title=r.title or "", text=r.text or "", url=r.url,
                                 publisher=r.publisher, published_at=r.published_at)
                for r in rows]


def library_fingerprint(store: Store) -> str:
    """Changes whenever a fact-check is added, removed or edited."""
    with store.session() as session:
        count, newest = session.execute(
            select(func.count(), func.max(models.FactCheck.updated_at))
        ).one()
    return f"{count}:{newest.isoformat() if newest is not None else '-'}"


def load_matcher(store: Store, *, index_dir: str | Path | None = None,
                 match_threshold: float | None = None,
                 maybe_threshold: float | None = None) -> Matcher:
    """A matcher over the store's fact-checks.

    With ``index_dir`` the index is kept on disk and rebuilt only when the library
    changed since it was written (see :func:`library_fingerprint`). Thresholds left at
    ``None`` (or 0, as in settings) use the calibrated values.
    """
    from kiemchung.errors import ModelError

    fingerprint = library_fingerprint(store)
    folder = Path(index_dir) if index_dir is not None else None
    stamp = folder / "fingerprint.txt" if folder is not None else None
    if stamp is not None and stamp.exists() and stamp.read_text(encoding="utf-8") == fingerprint:
        try:
            loaded = Matcher.load(stamp.parent)
            loaded.set_thresholds(match=match_threshold, maybe=maybe_threshold)
            return loaded
        except ModelError as err:
            log.warning("rebuilding the matcher index: %s", err)
    matcher = Matcher.build(load_factchecks(store), match_threshold=match_threshold,
                            maybe_threshold=maybe_threshold)
    if folder is not None:
        matcher.save(folder)
        (folder / "fingerprint.txt").write_text(fingerprint, encoding="utf-8")
    return matcher


def load_evidence_index(store: Store) -> EvidenceIndex:
    """The evidence library as an index searchable like the fact-checks."""
    return EvidenceIndex.build(load_evidence(store))
