"""Bursts: a story growing faster than its own history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

BURST_DETECTOR = "burst.rate.v1"
BURST_THRESHOLD = 3.0
"""Scores at or above this, with at least :data:`MIN_RECENT` recent posts, are bursts."""
MIN_RECENT = 3


def burst_score(times: Sequence[datetime], *, now: datetime,
                window: timedelta = timedelta(hours=24)) -> float:
    """Posts in the last ``window`` relative to the rate expected from earlier posts.

    ``(recent + 1) / (expected + 1)`` where ``expected`` is the story's earlier posts
    spread over its earlier life, scaled to one window. A new story with many posts in
    its first day scores high; a steady one scores about 1; a dying one below 1.
    """
    start = now - window
    recent = sum(1 for t in times if start < t <= now)
    earlier = [t for t in times if t <= start]
    if not earlier:
        return float(recent + 1)
    span = max(start - min(earlier), window)
    expected = len(earlier) * (window / span)
    return (recent + 1) / (expected + 1)


def is_burst(score: float, recent: int) -> bool:
    """Whether a story is bursting (score and volume both high enough)."""
    return score >= BURST_THRESHOLD and recent >= MIN_RECENT
