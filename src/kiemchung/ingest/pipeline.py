"""Ingestion runs: validate, normalise and store records in transactional batches.

Records are prepared ``batch_size`` at a time (validated, normalised, bound to tuples for
one driver ``executemany``) and committed ``ingest_batch_size`` at a time (or after
10 seconds, so other writers never wait long). A transaction holds the accepted posts and
the quarantined records of its lines together, so a run killed at any moment leaves whole
transactions; running again skips what is there (``dedup_key`` is unique) and the
database ends as after one clean run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
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
from kiemchung.storage.posts import bind_time, ensure_source, insert_post_tuples, insert_posts
from kiemchung.storage.quarantine import insert_quarantine
from kiemchung.text.normalize import normalize_fold_one

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
_SQLITE_CHECKPOINT_PAGES = 16384  # 64 MB of WAL (SQLite's default: 1000 pages)
_MAX_TRANSACTION_S = 10.0  # a transaction also ends after this long (others wait for it)


@dataclass(frozen=True)
class _Run:
    source: str
    source_id: int
    fmt: str
    kind: str
    context: Context
    sqlite: bool = True


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
    per_transaction = max(1, settings.ingest_batch_size)
    chunks = _chunks(records, max(1, min(settings.batch_size, per_transaction)))
    with store.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # The unique dedup_key and content_hash indexes take random keys: a page cache
            # that holds them avoids re-reading index pages on every insert (bounded), and
            # a longer WAL between checkpoints writes an index page changed by several
            # transactions to the database once.
            conn.exec_driver_sql(f"PRAGMA cache_size=-{_SQLITE_CACHE_KIB}")
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={_SQLITE_CHECKPOINT_PAGES}")
            conn.commit()
        with conn.begin():
            source_id = ensure_source(conn, source, kind=connector.name)
        run = _Run(source, source_id, connector.name, kind, context, sqlite)
        chunk = next(chunks, None)
        while chunk is not None:
            line = chunk[0].line
            try:
                with conn.begin():  # one transaction: up to ingest_batch_size records
                    done, full, started = 0, False, time.monotonic()
                    while chunk is not None:
                        _write_chunk(conn, chunk, resolver, run, summary)
                        if progress is not None:
                            progress(summary, position())
                        done += len(chunk)
                        # other writers wait while it is open: never hold it for long
                        full = (done >= per_transaction
                                or time.monotonic() - started >= _MAX_TRANSACTION_S)
                        chunk = None if full else next(chunks, None)
            except SQLAlchemyError as err:
                raise StorageError(f"could not write a batch: {getattr(err, 'orig', err)}",
                                   source=source, line=line) from err
            if full:
                chunk = next(chunks, None)
        if sqlite:  # the pooled connection goes back with SQLite's default
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint=1000")
            conn.commit()
    summary.check()
    log.info("%s: %s", source, summary)
    return summary


def _write_chunk(conn: Any, chunk: Sequence[RawRecord], resolver: Callable[[Any], Resolved],
                 run: _Run, summary: IngestSummary) -> None:
    """Validate, normalise and insert one chunk inside the current transaction."""
    posts, bad = _prepare_batch(chunk, resolver, run)
    accepted = insert_post_tuples(conn, posts)
    insert_quarantine(conn, bad)
    summary.read += len(chunk)
    summary.accepted += accepted
    summary.duplicates += len(posts) - accepted
    summary.quarantined += len(bad)


def _chunks(records: Iterator[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    while chunk := list(islice(records, size)):
        yield chunk


def _prepare_batch(chunk: Sequence[RawRecord], resolver: Callable[[Any], Resolved],
                   run: _Run) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]]]:
    """Validate and normalise a batch: bound rows for ``posts``, rows for ``quarantine``."""
    fields: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    now = m.utcnow()
    context = run.context
    for record in chunk:
        resolved = resolver(record.data)
        outcome = record.error or validate(record.data, resolved, context)
        if isinstance(outcome, Rejection):
            bad.append(_quarantine_row(record, outcome, resolved, run, now))
        else:
            fields.append(outcome)
    return _post_rows(fields, run, now), bad


def _normalised(texts: list[str]) -> dict[str, tuple[str, str, str | None, str]]:
    """text → (normalised, folded, language, content hash); copies are done once."""
    unique = list(dict.fromkeys(texts))  # copies of a viral text are normalised once
    pairs = [normalize_fold_one(t) for t in unique]
    norms = [norm for norm, _ in pairs]
    return {text: (norm, folded, lang, content_hash(folded))
            for text, (norm, folded), lang in zip(unique, pairs, _languages(norms), strict=True)}


def _post_rows(posts: list[dict[str, Any]], run: _Run, now: datetime) -> list[tuple[Any, ...]]:
    """Rows for :func:`insert_post_tuples`: every accepted post normalised and keyed.

    ``normalize_fold_one`` gives exactly ``normalize`` and ``fold`` of the text toolkit
    (one split of the text instead of two passes).
    """
    by_text = _normalised([p["text"] for p in posts])
    sqlite = run.sqlite
    times: dict[datetime, Any] = {}
    ingested = bind_time(now, sqlite=sqlite)
    source, source_id, kind = run.source, run.source_id, run.kind
    rows = []
    for post in posts:
        text = post["text"]
        norm, folded, lang, chash = by_text[text]
        created = post["created_at"]
        if created is not None:
            bound = times.get(created)
            if bound is None:
                bound = times[created] = bind_time(created, sqlite=sqlite)
            created = bound
        extra = post["extra"]
        rows.append((
            source_id, dedup_key(source, post), post["external_id"], kind, post["url"],
            post["platform"], post["author_hash"], text, norm, folded, chash, lang, created,
            ingested, post["reactions"], post["shares"], post["comments"], post["views"],
            json.dumps(extra) if extra else "{}", 0.0, 0.0,
        ))
    return rows


def _normalise(posts: list[dict[str, Any]], run: _Run, now: datetime) -> None:
    """Add the normalised columns to post rows given as mappings (quarantine retry)."""
    by_text = _normalised([p["text"] for p in posts])
    for post in posts:
        norm, fold_text, lang, chash = by_text[post["text"]]
        post.update(source_id=run.source_id, kind=run.kind, text_norm=norm,
                    text_folded=fold_text, content_hash=chash, lang=lang,
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
    run = _Run(row.source, source_id, connector.name, "post", context,
               conn.dialect.name == "sqlite")
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
