"""The triage queue: review items ordered by priority."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from kiemchung.errors import ValidationError
from kiemchung.review.workflow import OPEN_STATES, STATES
from kiemchung.storage import models as m

CHUNK = 1000


def enqueue_posts(session: Session, post_ids: Sequence[int]) -> int:
    """Put posts in the review queue (once each); returns how many were newly queued.

    The item's priority is copied from the post and its story (if any) is kept, so that
    copies of one story can be shown together; so are the fields the queue filters on
    (source, platform, risk, date, analyser labels). Call :func:`refresh_items` when a
    queued post is analysed again.
    """
    if isinstance(post_ids, int | str):
        raise TypeError("post_ids must be a sequence of ids")
    wanted = sorted(set(post_ids))
    added = 0
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        existing = set(session.scalars(
            select(m.ReviewItem.post_id).where(m.ReviewItem.post_id.in_(chunk))))
        fresh = [pid for pid in chunk if pid not in existing]
        for values in _item_fields(session, fresh):
            session.add(m.ReviewItem(**values))
            added += 1
    return added


def refresh_items(session: Session, post_ids: Sequence[int]) -> int:
    """Copy priority, risk, story and labels of these posts to their queued items again."""
    if isinstance(post_ids, int | str):
        raise TypeError("post_ids must be a sequence of ids")
    wanted = sorted(set(post_ids))
    changed = 0
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        items = {item.post_id: item for item in session.scalars(
            select(m.ReviewItem).where(m.ReviewItem.post_id.in_(chunk)))}
        for values in _item_fields(session, list(items)):
            item = items[values["post_id"]]
            for key, value in values.items():
                setattr(item, key, value)
            changed += 1
    return changed


def _item_fields(session: Session, post_ids: list[int]) -> list[dict[str, Any]]:
    if not post_ids:
        return []
    labels: dict[int, set[str]] = {}
    for post_id, label in session.execute(
        select(m.Analysis.post_id, m.Analysis.label).where(m.Analysis.post_id.in_(post_ids))
    ):
        labels.setdefault(post_id, set()).add(label)
    rows = session.execute(
        select(m.Post.id, m.Post.priority, m.Post.story_id, m.Post.source_id, m.Post.platform,
               m.Post.risk, m.Post.created_at).where(m.Post.id.in_(post_ids))
    ).all()
    return [
        {"post_id": pid, "priority": priority, "story_id": story_id, "source_id": source_id,
         "platform": platform, "risk": risk or 0.0, "posted_at": created_at,
         "labels": _labels_field(labels.get(pid, set()))}
        for pid, priority, story_id, source_id, platform, risk, created_at in rows
    ]


def _labels_field(labels: set[str]) -> str:
    text = ",".join(sorted(label.replace(",", " ") for label in labels))
    return f",{text}," if text else ""


@dataclass(slots=True, frozen=True)
class QueueFilter:
    """Filters of the triage queue; ``None``/empty means "any".

    ``status`` ``"open"`` (the default) means every state still needing work.
    """

    status: str = "open"
    label: str | None = None
    min_risk: float | None = None
    source: str | None = None
    platform: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(slots=True)
class QueueRow:
    """One line of the queue page."""

    item_id: int
    post_id: int
    status: str
    priority: float
    risk: float
    platform: str | None
    source: str
    created_at: datetime | None
    snippet: str
    story_id: int | None
    labels: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QueuePage:
    """A page of the queue, with the filtered total and counts by status."""

    rows: list[QueueRow]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]
    capped: bool = False
    """True when a filtered total reached :data:`COUNT_CAP` (shown as "1000+")."""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


SNIPPET_CHARS = 280
COUNT_CAP = 1000
"""Filtered totals are counted up to this many items: an exact count of a large filtered
queue scans the whole table, and nobody pages through more than a thousand items."""


def list_queue(session: Session, filters: QueueFilter, *, page: int = 1, per_page: int = 50,
               counts: dict[str, int] | None = None) -> QueuePage:
    """A page of review items by priority (highest first), the filtered total and counts.

    ``counts`` (items by state) may be passed in when the caller keeps them cached.
    """
    page = max(1, page)
    per_page = min(max(1, per_page), 200)
    query = _filtered(select(m.ReviewItem.id), filters)
    counts = status_counts(session) if counts is None else counts
    if _status_only(filters):  # the counts by status already give the total
        wanted = OPEN_STATES if filters.status == "open" else (
            STATES if filters.status in ("all", "") else (filters.status,))
        total = sum(counts.get(state, 0) for state in wanted)
    else:
        capped_query = query.limit(COUNT_CAP + 1).subquery()
        total = session.scalar(select(func.count()).select_from(capped_query)) or 0
    ids = list(session.scalars(
        # both descending: the (priority, id) index is read backwards, no sort step
        query.order_by(m.ReviewItem.priority.desc(), m.ReviewItem.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ))
    capped = total > COUNT_CAP
    return QueuePage(rows=_rows(session, ids), total=min(total, COUNT_CAP), page=page,
                     per_page=per_page, counts=counts, capped=capped)


def _status_only(f: QueueFilter) -> bool:
    return not any((f.label, f.min_risk is not None, f.source, f.platform, f.date_from,
                    f.date_to))


def status_counts(session: Session) -> dict[str, int]:
    """Number of review items in each state."""
    rows = session.execute(
        select(m.ReviewItem.status, func.count()).group_by(m.ReviewItem.status)
    ).all()
    return {status: int(n) for status, n in rows}


def _filtered(query: Select[Any], f: QueueFilter) -> Select[Any]:
    if f.status == "open":
        query = query.where(m.ReviewItem.status.in_(OPEN_STATES))
    elif f.status and f.status != "all":
        if f.status not in STATES:
            raise ValidationError("unknown status", field="status",
                                  expected="open, all or " + ", ".join(STATES), received=f.status)
        query = query.where(m.ReviewItem.status == f.status)
    if f.min_risk is not None:
        query = query.where(m.ReviewItem.risk >= f.min_risk)
    if f.platform:
        query = query.where(m.ReviewItem.platform == f.platform)
    if f.source:
        source_id = select(m.Source.id).where(m.Source.name == f.source).scalar_subquery()
        query = query.where(m.ReviewItem.source_id == source_id)
    if f.date_from:
        query = query.where(m.ReviewItem.posted_at >= datetime.combine(f.date_from, time.min, UTC))
    if f.date_to:
        query = query.where(m.ReviewItem.posted_at < datetime.combine(
            f.date_to + timedelta(days=1), time.min, UTC))
    if f.label:
        query = query.where(m.ReviewItem.labels.contains(f",{f.label},", autoescape=True))
    return query


def _rows(session: Session, ids: list[int]) -> list[QueueRow]:
    if not ids:
        return []
    found = session.execute(
        select(m.ReviewItem, m.Post, m.Source.name)
        .join(m.Post, m.Post.id == m.ReviewItem.post_id)
        .join(m.Source, m.Source.id == m.Post.source_id)
        .where(m.ReviewItem.id.in_(ids))
    ).all()
    post_ids = [post.id for _item, post, _src in found]
    labels: dict[int, list[str]] = {}
    for post_id, label in session.execute(
        select(m.Analysis.post_id, m.Analysis.label).where(m.Analysis.post_id.in_(post_ids))
    ):
        labels.setdefault(post_id, []).append(label)
    by_id = {
        item.id: QueueRow(item_id=item.id, post_id=post.id, status=item.status,
                          priority=item.priority, risk=post.risk, platform=post.platform,
                          source=source, created_at=post.created_at,
                          snippet=post.text[:SNIPPET_CHARS], story_id=item.story_id,
                          labels=sorted(set(labels.get(post.id, []))))
        for item, post, source in found
    }
    return [by_id[i] for i in ids if i in by_id]


def label_choices(session: Session) -> list[str]:
    """Labels analysers have given (for the filter menu)."""
    return sorted(set(session.scalars(select(m.Analysis.label).distinct())))


def platform_choices(session: Session) -> list[str]:
    """Platforms seen in the posts (for the filter menu)."""
    return sorted(p for p in session.scalars(select(m.Post.platform).distinct()) if p)


def source_choices(session: Session) -> list[str]:
    """Source names (for the filter menu)."""
    return sorted(session.scalars(select(m.Source.name)))
