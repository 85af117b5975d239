"""The append-only audit log: who changed what, when, before and after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiemchung.storage import models as m


def record_event(session: Session, *, actor_id: int | None, action: str, object_type: str,
                 object_id: str | int, before: dict[str, Any] | None,
                 after: dict[str, Any] | None) -> m.AuditEvent:
    """Append one event (the database refuses updates and deletes of this table)."""
    event = m.AuditEvent(actor_id=actor_id, action=action, object_type=object_type,
                         object_id=str(object_id), before=before, after=after)
    session.add(event)
    return event


def history(session: Session, object_type: str, object_ids: Sequence[str | int]
            ) -> list[tuple[m.AuditEvent, str | None]]:
    """Events on these objects, oldest first, each with the actor's username."""
    if isinstance(object_ids, str | int):
        raise TypeError("object_ids must be a sequence of ids")
    ids = [str(i) for i in object_ids]
    rows = session.execute(
        select(m.AuditEvent, m.User.username)
        .outerjoin(m.User, m.User.id == m.AuditEvent.actor_id)
        .where(m.AuditEvent.object_type == object_type, m.AuditEvent.object_id.in_(ids))
        .order_by(m.AuditEvent.at, m.AuditEvent.id)
    ).all()
    return [(event, username) for event, username in rows]
