"""The triage queue: review items ordered by priority."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiemchung.storage import models as m


def enqueue_posts(session: Session, post_ids: Sequence[int]) -> int:
    """Put posts in the review queue (once each); returns how many were newly queued.

    The item's priority is copied from the post and its story (if any) is kept, so that
    copies of one story can be shown together.
    """
    if isinstance(post_ids, int | str):
        raise TypeError("post_ids must be a sequence of ids")
    wanted = sorted(set(post_ids))
    if not wanted:
        return 0
    existing = set(
        session.scalars(select(m.ReviewItem.post_id).where(m.ReviewItem.post_id.in_(wanted)))
    )
    rows = session.execute(
        select(m.Post.id, m.Post.priority, m.Post.story_id).where(
            m.Post.id.in_([pid for pid in wanted if pid not in existing])
        )
    ).all()
    for post_id, priority, story_id in rows:
        session.add(m.ReviewItem(post_id=post_id, priority=priority, story_id=story_id))
    return len(rows)
