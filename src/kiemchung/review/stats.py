"""Dashboard basics: items by status and label, time to verdict."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiemchung.review.queue import status_counts
from kiemchung.storage import models as m


@dataclass(slots=True)
class DeskStats:
    """Aggregate figures only (never per person)."""

    by_status: dict[str, int]
    by_label: dict[str, int]
    by_verdict: dict[str, int]
    published: int
    median_hours_to_verdict: float | None


def desk_stats(session: Session) -> DeskStats:
    """Counts by status, analyser label and verdict; median hours from queueing to publishing."""
    by_label = {
        label: int(n) for label, n in session.execute(
            select(m.Analysis.label, func.count()).join(
                m.ReviewItem, m.ReviewItem.post_id == m.Analysis.post_id)
            .group_by(m.Analysis.label))
    }
    by_verdict = {
        verdict: int(n) for verdict, n in session.execute(
            select(m.VerdictRecord.verdict, func.count()).where(
                m.VerdictRecord.status == "published").group_by(m.VerdictRecord.verdict))
    }
    durations = [
        (published - created).total_seconds() / 3600
        for published, created in session.execute(
            select(m.VerdictRecord.published_at, m.ReviewItem.created_at)
            .join(m.ReviewItem, m.ReviewItem.id == m.VerdictRecord.item_id)
            .where(m.VerdictRecord.published_at.is_not(None)))
        if published is not None and created is not None
    ]
    return DeskStats(
        by_status=status_counts(session), by_label=by_label, by_verdict=by_verdict,
        published=len(durations),
        median_hours_to_verdict=statistics.median(durations) if durations else None)
