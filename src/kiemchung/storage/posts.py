"""Repository for posts and their sources: bulk, idempotent inserts on SQLite and PostgreSQL.

Inserts use ``INSERT … ON CONFLICT (dedup_key) DO NOTHING`` (SQLite ≥ 3.24 and PostgreSQL)
in one driver-level executemany per batch, so a re-run never duplicates; the driver's
row count (summed over the batch by sqlite3 and psycopg 3) says how many rows were new.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

from kiemchung.storage import models as m

POST_COLUMNS: tuple[str, ...] = (
    "source_id", "dedup_key", "external_id", "kind", "url", "platform", "author_hash", "text",
    "text_norm", "text_folded", "content_hash", "lang", "created_at", "ingested_at",
    "reactions", "shares", "comments", "views", "extra", "risk", "priority",
)
"""Columns every row given to :func:`insert_posts` must carry (one shape per batch)."""


def upsert_insert(conn: Connection, table: Table) -> Insert:
    """The dialect's INSERT that supports ``on_conflict_do_nothing`` (SQLite, PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def ensure_source(conn: Connection, name: str, *, kind: str = "file") -> int:
    """The id of the source called ``name``, created if it does not exist yet."""
    table = cast(Table, m.Source.__table__)
    stmt = upsert_insert(conn, table).values(name=name, kind=kind, config={},
                                              created_at=m.utcnow())
    conn.execute(stmt.on_conflict_do_nothing(index_elements=["name"]))  # type: ignore[attr-defined]
    source_id = conn.execute(select(table.c.id).where(table.c.name == name)).scalar_one()
    return int(source_id)


def insert_posts(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert posts, skipping those whose ``dedup_key`` exists; returns how many were new.

    Each row carries every column of :data:`POST_COLUMNS`. The rows go to the driver's
    ``executemany`` as tuples (no per-row SQL compilation).
    """
    if not rows:
        return 0
    return insert_post_tuples(conn, _tuples(rows, conn.dialect.name == "sqlite"))


def insert_post_tuples(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    """:func:`insert_posts` for rows already bound: the ingestion hot path.

    Each tuple holds the values of :data:`POST_COLUMNS` in that order, with ``extra`` as
    JSON text and times as :func:`bind_time` gives them for this connection.
    """
    if not rows:
        return 0
    sql = _INSERT_SQL["?" if conn.dialect.name == "sqlite" else "%s"]
    result = conn.exec_driver_sql(sql, rows)  # a list of tuples: executemany
    return int(result.rowcount)


_INSERT_SQL = {
    mark: (f"INSERT INTO posts ({', '.join(POST_COLUMNS)}) "
           f"VALUES ({', '.join([mark] * len(POST_COLUMNS))}) "
           "ON CONFLICT (dedup_key) DO NOTHING")
    for mark in ("?", "%s")
}


_GET = itemgetter(*POST_COLUMNS)
_EXTRA = POST_COLUMNS.index("extra")
_TIMES = (POST_COLUMNS.index("created_at"), POST_COLUMNS.index("ingested_at"))


def _tuples(rows: Sequence[Mapping[str, Any]], sqlite: bool) -> list[tuple[Any, ...]]:
    out = []
    memo: dict[datetime, Any] = {}
    for row in rows:
        values = list(_GET(row))
        values[_EXTRA] = json.dumps(values[_EXTRA])
        for i in _TIMES:
            value = values[i]
            if value is not None:
                bound = memo.get(value)
                if bound is None:
                    bound = memo[value] = _bind_time(value, sqlite)
                values[i] = bound
        out.append(tuple(values))
    return out


def bind_time(value: datetime, *, sqlite: bool) -> Any:
    """A datetime as the driver should receive it: naive-UTC text for SQLite, else aware."""
    return _bind_time(value, sqlite)


def _bind_time(value: datetime, sqlite: bool) -> Any:
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if sqlite:  # the same text SQLAlchemy's DateTime stores on SQLite: naive UTC
        return value.replace(tzinfo=None).isoformat(" ", "microseconds")
    return value


def count_posts(conn: Connection, *, source: str | None = None) -> int:
    """Number of posts, optionally of one source."""
    stmt = select(func.count()).select_from(m.Post.__table__)
    if source is not None:
        stmt = stmt.join(m.Source.__table__).where(m.Source.__table__.c.name == source)
    return int(conn.execute(stmt).scalar_one())
