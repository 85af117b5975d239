"""Triage: which analysed posts a human must look at.

A post enters the review queue when its risk is at least ``settings.triage_min_risk`` and
no published fact-check already answers it with a confident ``match`` (those are answered
automatically). Opinion-only posts have risk 0 and never enter; toxicity alone adds no risk.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from kiemchung.review.queue import enqueue_posts, refresh_items
from kiemchung.storage import Store
from kiemchung.storage import models as m


def triage_store(store: Store, *, min_risk: float) -> int:
    """Queue every analysed, risky, unanswered post not queued yet; returns how many.

    Items already queued whose post was analysed again since (tips are queued on arrival,
    before the batch analysis) get their priority, risk, story and labels refreshed.
    """
    answered = exists().where(m.Match.post_id == m.Post.id, m.Match.decision == "match")
    queued = exists().where(m.ReviewItem.post_id == m.Post.id)
    query = select(m.Post.id).where(
        m.Post.analysed_at.is_not(None), m.Post.risk >= min_risk, ~answered, ~queued
    )
    with store.session() as session:
        post_ids = list(session.scalars(query))
        stale = list(session.scalars(
            select(m.ReviewItem.post_id).join(m.Post, m.Post.id == m.ReviewItem.post_id)
            .where(m.Post.analysed_at.is_not(None), m.Post.analysed_at > m.ReviewItem.updated_at)
        ))
        if stale:
            refresh_items(session, stale)
        return enqueue_posts(session, post_ids)
