"""Repository for posts and their sources: bulk, idempotent inserts on SQLite and PostgreSQL.

Inserts use the dialect's ``INSERT … ON CONFLICT (dedup_key) DO NOTHING … RETURNING`` in
one executemany per batch, so a re-run never duplicates and the caller learns exactly how
many rows were new.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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
    table = m.Source.__table__
    stmt = upsert_insert(conn, table).values(name=name, kind=kind, config={},
                                              created_at=m.utcnow())
    conn.execute(stmt.on_conflict_do_nothing(index_elements=["name"]))  # type: ignore[attr-defined]
    source_id = conn.execute(select(table.c.id).where(table.c.name == name)).scalar_one()
    return int(source_id)


def insert_posts(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert posts, skipping those whose ``dedup_key`` exists; returns how many were new."""
    if not rows:
        return 0
    table = m.Post.__table__
    stmt = (
        upsert_insert(conn, table)
        .on_conflict_do_nothing(index_elements=["dedup_key"])  # type: ignore[attr-defined]
        .returning(table.c.id)
    )
    return len(conn.execute(stmt, list(rows)).all())


def count_posts(conn: Connection, *, source: str | None = None) -> int:
    """Number of posts, optionally of one source."""
    stmt = select(func.count()).select_from(m.Post.__table__)
    if source is not None:
        stmt = stmt.join(m.Source.__table__).where(m.Source.__table__.c.name == source)
    return int(conn.execute(stmt).scalar_one())
