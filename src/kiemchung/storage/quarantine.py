"""Repository for quarantined records: refused input kept with its reason, for retry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kiemchung.errors import NotFoundError
from kiemchung.storage import models as m
from kiemchung.storage.posts import upsert_insert

STATUSES: tuple[str, ...] = ("open", "resolved")


def insert_quarantine(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    """Store refused records; one already stored (same ``dedup_key``) is skipped."""
    if not rows:
        return 0
    table = cast(Table, m.Quarantine.__table__)
    stmt = (
        upsert_insert(conn, table)
        .on_conflict_do_nothing(index_elements=["dedup_key"])  # type: ignore[attr-defined]
        .returning(table.c.id)
    )
    return len(conn.execute(stmt, list(rows)).all())


def list_quarantine(session: Session, *, status: str | None = "open", source: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[m.Quarantine]:
    """Quarantined records, oldest first."""
    stmt = select(m.Quarantine).order_by(m.Quarantine.id).limit(limit).offset(offset)
    if status is not None:
        stmt = stmt.where(m.Quarantine.status == status)
    if source is not None:
        stmt = stmt.where(m.Quarantine.source == source)
    return list(session.scalars(stmt))


def count_quarantine(session: Session, *, status: str | None = "open") -> int:
    """How many records are in quarantine (with this status)."""
    stmt = select(func.count()).select_from(m.Quarantine)
    if status is not None:
        stmt = stmt.where(m.Quarantine.status == status)
    return int(session.scalar(stmt) or 0)


def get_quarantine(session: Session, record_id: int) -> m.Quarantine:
    """One quarantined record; :class:`NotFoundError` if there is none with this id."""
    row = session.get(m.Quarantine, record_id)
    if row is None:
        raise NotFoundError(f"no quarantined record with id {record_id}", field="id",
                            received=record_id)
    return row


def resolve_quarantine(session: Session, record_ids: Sequence[int]) -> None:
    """Mark records as resolved (their content is now a post)."""
    if record_ids:
        session.execute(update(m.Quarantine).where(m.Quarantine.id.in_(record_ids))
                        .values(status="resolved"))
