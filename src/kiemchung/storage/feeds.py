"""Repository for RSS/Atom feeds (with their polling state) and the evidence library."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kiemchung.errors import ConflictError, NotFoundError, ValidationError
from kiemchung.storage import models as m
from kiemchung.storage.posts import upsert_insert

FEED_KINDS: tuple[str, ...] = ("news", "official")


def add_feed(session: Session, url: str, *, name: str = "", kind: str = "news") -> m.Feed:
    """Register a feed; :class:`ConflictError` if this URL is already registered."""
    if kind not in FEED_KINDS:
        raise ValidationError("unknown feed kind", field="kind", expected=" or ".join(FEED_KINDS),
                              received=kind)
    if not url.lower().startswith(("http://", "https://")):
        raise ValidationError("a feed URL must be http(s)", field="url",
                              expected="http://… or https://…", received=url)
    if session.scalar(select(m.Feed.id).where(m.Feed.url == url)) is not None:
        raise ConflictError("this feed is already registered", field="url", received=url)
    feed = m.Feed(url=url, name=name, kind=kind, items_seen=0, active=True)
    session.add(feed)
    session.flush()
    return feed


def list_feeds(session: Session, *, active_only: bool = False) -> list[m.Feed]:
    """Every feed, in the order they were added."""
    stmt = select(m.Feed).order_by(m.Feed.id)
    if active_only:
        stmt = stmt.where(m.Feed.active.is_(True))
    return list(session.scalars(stmt))


def get_feed(session: Session, feed_id: int) -> m.Feed:
    """One feed by id."""
    feed = session.get(m.Feed, feed_id)
    if feed is None:
        raise NotFoundError(f"no feed with id {feed_id}", field="id", received=feed_id)
    return feed


def record_poll(conn: Connection, feed_id: int, *, new_items: int = 0,
                **state: Any) -> None:
    """Save a feed's polling state (status, error, ETag, Last-Modified, time)."""
    values = dict(state)
    if new_items:
        values["items_seen"] = m.Feed.items_seen + new_items
    conn.execute(update(m.Feed).where(m.Feed.id == feed_id).values(**values))


def insert_evidence(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    """Add evidence items, skipping ids already stored; returns how many were new."""
    if not rows:
        return 0
    table = cast(Table, m.EvidenceItem.__table__)
    stmt = (
        upsert_insert(conn, table)
        .on_conflict_do_nothing(index_elements=["id"])  # type: ignore[attr-defined]
        .returning(table.c.id)
    )
    return len(conn.execute(stmt, list(rows)).all())
