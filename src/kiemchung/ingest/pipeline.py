"""Ingestion runs: validate, normalise and store records in transactional batches.

Each batch is one transaction: its accepted posts and its quarantined records are written
together, so a run killed at any moment leaves whole batches; running again skips what is
there (``dedup_key`` is unique) and the database ends as after one clean run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from kiemchung.errors import NotFoundError, StorageError, ValidationError
from kiemchung.ingest.connectors import Connector, choose_connector, get_connector, open_records
from kiemchung.ingest.mapping import Resolved
from kiemchung.ingest.readers import RawRecord, encodable
from kiemchung.ingest.validate import (
    LOSSY_CODES,
    Context,
    Rejection,
    content_hash,
    dedup_key,
    redact_raw,
    validate,
)
from kiemchung.records import IngestSummary
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.posts import ensure_source, insert_posts
from kiemchung.storage.quarantine import insert_quarantine
from kiemchung.text import fold, normalize

log = logging.getLogger(__name__)

Progress = Callable[[IngestSummary, int], None]
"""Called after each batch with the running counts and the bytes read so far."""

_VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)
_AUTHOR_IN_TEXT = re.compile(
    r'("(?:author|user(?:name)?|handle|account|page(?:_name)?|from(?:_id)?|sender|channel)"'
    r'\s*:\s*)"(?:[^"\\]|\\.)*"',
    re.IGNORECASE,
)


_MAX_SOURCE = 200
_SQLITE_CACHE_KIB = 65536


@dataclass(frozen=True)
class _Run:
    source: str
    source_id: int
    fmt: str
    kind: str
    context: Context


def ingest_file(store: Store, path: str | Path, *, source: str | None = None,
                fmt: str | None = None, settings: Settings,
                progress: Progress | None = None) -> IngestSummary:
    """Ingest a JSONL/CSV/export file; ``read == accepted + duplicates + quarantined``.

    ``source`` defaults to the file's name, ``fmt`` to a guess from the suffix and the
    header or first record. Safe to run again on the same file: nothing is added twice.
    """
    path = Path(path)
    if not path.is_file():
        raise NotFoundError("file not found", source=str(path))
    with path.open("rb") as stream:
        connector = choose_connector(stream, path, fmt)
        run_source = source or path.name
        records, resolver = open_records(
            connector, stream, path=path, max_record_bytes=settings.max_record_bytes,
            on_header=lambda resolved: _check_key(resolved, settings),
        )
        log.info("ingesting %s as %s (source %s)", path, connector.name, run_source)
        return _ingest(store, records, resolver, source=run_source, connector=connector,
                       settings=settings, kind="post", progress=progress,
                       position=stream.tell)


def ingest_records(store: Store, records: Iterable[Mapping[str, Any]], *, source: str,
                   settings: Settings, fmt: str = "jsonl", kind: str = "post",
                   progress: Progress | None = None) -> IngestSummary:
    """Ingest records already parsed (JSON ingest API, tipline); line = 1-based position."""
    if isinstance(records, Mapping):
        raise ValidationError("a single record was given where a batch is expected",
                              expected="a sequence of objects", received="mapping")
    connector = get_connector(fmt)
    raws = (_api_record(index, data) for index, data in enumerate(records, start=1))
    return _ingest(store, raws, connector.resolve, source=source, connector=connector,
                   settings=settings, kind=kind, progress=progress, position=lambda: 0)


def _api_record(index: int, data: Any) -> RawRecord:
    if isinstance(data, Mapping) and not encodable(data):
        return RawRecord(index, data=None, raw=repr(data)[:4096], error=Rejection(
            "invalid_utf8", "a string holds a lone surrogate (not valid Unicode)"))
    return RawRecord(index, data=data)


def _check_key(resolved: Resolved, settings: Settings) -> None:
    if resolved.fields.get("author") and not settings.author_hash_key:
        from kiemchung.ingest.validate import author_hash

        author_hash("", key="")  # raises the ConfigError naming the setting


def _ingest(store: Store, records: Iterator[RawRecord], resolver: Callable[[Any], Resolved], *,
            source: str, connector: Connector, settings: Settings, kind: str,
            progress: Progress | None, position: Callable[[], int]) -> IngestSummary:
    if not source.strip() or len(source) > _MAX_SOURCE:
        raise ValidationError("invalid source name", field="source",
                              expected=f"1 to {_MAX_SOURCE} characters", received=source)
    summary = IngestSummary()
    context = Context(source=source, max_text_chars=settings.max_text_chars,
                      author_hash_key=settings.author_hash_key,
                      platform=connector.mapping.platform, dayfirst=connector.mapping.dayfirst)
    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # The unique dedup_key and content_hash indexes take random keys: a page cache
            # that holds them avoids re-reading index pages on every insert (bounded, 64 MB).
            conn.exec_driver_sql(f"PRAGMA cache_size=-{_SQLITE_CACHE_KIB}")
            conn.commit()
        with conn.begin():
            source_id = ensure_source(conn, source, kind=connector.name)
        run = _Run(source, source_id, connector.name, kind, context)
        for chunk in _chunks(records, max(1, settings.batch_size)):
            posts, bad = _prepare_batch(chunk, resolver, run)
            try:
                with conn.begin():
                    accepted = insert_posts(conn, posts)
                    insert_quarantine(conn, bad)
            except SQLAlchemyError as err:
                raise StorageError(f"could not write a batch: {getattr(err, 'orig', err)}",
                                   source=source, line=chunk[0].line) from err
            summary.read += len(chunk)
            summary.accepted += accepted
            summary.duplicates += len(posts) - accepted
            summary.quarantined += len(bad)
            if progress is not None:
                progress(summary, position())
    summary.check()
    log.info("%s: %s", source, summary)
    return summary


def _chunks(records: Iterator[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    while chunk := list(islice(records, size)):
        yield chunk


def _prepare_batch(chunk: Sequence[RawRecord], resolver: Callable[[Any], Resolved],
                  run: _Run) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Validate and normalise a batch: rows for ``posts`` and rows for ``quarantine``."""
    posts: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    now = m.utcnow()
    for record in chunk:
        resolved = resolver(record.data)
        outcome = record.error or validate(record.data, resolved, run.context)
        if isinstance(outcome, Rejection):
            bad.append(_quarantine_row(record, outcome, resolved, run, now))
        else:
            outcome["dedup_key"] = dedup_key(run.source, outcome)
            posts.append(outcome)
    _normalise(posts, run, now)
    return posts, bad


def _normalise(posts: list[dict[str, Any]], run: _Run, now: datetime) -> None:
    texts = [p["text"] for p in posts]
    unique = list(dict.fromkeys(texts))  # copies of a viral text are normalised once
    norms = normalize(unique)
    by_text = dict(zip(unique, zip(norms, fold(norms), _languages(norms), strict=True),
                       strict=True))
    for post, text in zip(posts, texts, strict=True):
        norm, fold_text, lang = by_text[text]
        post.update(source_id=run.source_id, kind=run.kind, text_norm=norm,
                    text_folded=fold_text, content_hash=content_hash(fold_text), lang=lang,
                    ingested_at=now, risk=0.0, priority=0.0)


def _languages(texts: list[str]) -> list[str | None]:
    """'vi' for Vietnamese text, else None (unknown). Cheap: a letter check first.

    Texts without Vietnamese letters (typed without accents, or another language) go to
    ``kiemchung.text.is_vietnamese`` when the toolkit has it.
    """
    langs: list[str | None] = ["vi" if _VIETNAMESE.search(t) else None for t in texts]
    rest = [i for i, lang in enumerate(langs) if lang is None]
    if rest:
        try:
            from kiemchung.text import is_vietnamese
        except ImportError:  # an older text toolkit: letters only
            return langs
        for i, verdict in zip(rest, is_vietnamese([texts[i] for i in rest]), strict=True):
            langs[i] = "vi" if verdict else None
    return langs


def _quarantine_row(record: RawRecord, rejection: Rejection, resolved: Resolved, run: _Run,
                    now: datetime) -> dict[str, Any]:
    if isinstance(record.data, Mapping):
        raw = json.dumps(redact_raw(record.data, resolved, key=run.context.author_hash_key),
                         ensure_ascii=False, default=str)
    else:
        raw = _AUTHOR_IN_TEXT.sub(r'\1"[redacted]"', record.raw)
    raw = raw.replace("\x00", "\\u0000")
    key = hashlib.sha256(f"{run.source}\x1f{record.line}\x1f{raw}".encode()).hexdigest()
    return {
        "source": run.source, "line": record.line,
        "field": rejection.field[:100] if rejection.field else None,
        "reason": rejection.reason, "code": rejection.code, "format": run.fmt[:40], "raw": raw,
        "dedup_key": key, "status": "open", "created_at": now,
    }


@dataclass
class RetrySummary:
    """Outcome of retrying quarantined records."""

    retried: int = 0
    accepted: int = 0
    duplicates: int = 0
    still_quarantined: int = 0

    def __str__(self) -> str:
        return (f"retried {self.retried} · accepted {self.accepted} · duplicates "
                f"{self.duplicates} · still quarantined {self.still_quarantined}")


def retry_quarantine(store: Store, ids: Sequence[int] | None = None, *,
                     settings: Settings) -> RetrySummary:
    """Validate open quarantined records again (all, or ``ids``); fixed ones become posts.

    Records refused for bad bytes (invalid UTF-8, NUL, over-long lines, broken CSV) keep
    only an approximation of the original and stay in quarantine.
    """
    from sqlalchemy import select

    summary = RetrySummary()
    table = m.Quarantine
    stmt = select(table.__table__).where(table.status == "open").order_by(table.id)
    if ids is not None:
        stmt = stmt.where(table.id.in_(list(ids)))
        with store.engine.connect() as conn:
            found = {row.id for row in conn.execute(stmt)}
        missing = sorted(set(ids) - found)
        if missing:
            raise NotFoundError(f"no open quarantined record with id {missing[0]}", field="id")
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
        conn.rollback()  # end the read transaction; each record gets its own below
        for row in rows:
            summary.retried += 1
            outcome = _retry_one(conn, row, settings)
            if outcome is None:
                summary.still_quarantined += 1
            elif outcome:
                summary.accepted += 1
            else:
                summary.duplicates += 1
    return summary


def _retry_one(conn: Any, row: Any, settings: Settings) -> bool | None:
    """True: accepted; False: already a post; None: still refused (reason updated)."""
    from sqlalchemy import update

    if row.code in LOSSY_CODES:
        return None
    connector = get_connector(row.format or "jsonl")
    record = _reparse(row)
    resolved = connector.resolve(record.data)
    with conn.begin():
        source_id = ensure_source(conn, row.source, kind=connector.name)
    context = Context(source=row.source, max_text_chars=settings.max_text_chars,
                      author_hash_key=settings.author_hash_key,
                      platform=connector.mapping.platform, dayfirst=connector.mapping.dayfirst)
    run = _Run(row.source, source_id, connector.name, "post", context)
    outcome = record.error or validate(record.data, resolved, context)
    if isinstance(outcome, Rejection):
        with conn.begin():
            conn.execute(update(m.Quarantine).where(m.Quarantine.id == row.id).values(
                reason=outcome.reason, code=outcome.code, field=outcome.field))
        return None
    outcome["dedup_key"] = dedup_key(row.source, outcome)
    _normalise([outcome], run, m.utcnow())
    with conn.begin():  # the post and the resolution in one transaction
        inserted = insert_posts(conn, [outcome]) == 1
        conn.execute(update(m.Quarantine).where(m.Quarantine.id == row.id)
                     .values(status="resolved"))
    return inserted


def _reparse(row: Any) -> RawRecord:
    from kiemchung.ingest.readers import parse_json_line

    return parse_json_line(row.raw.encode("utf-8"), row.line)
