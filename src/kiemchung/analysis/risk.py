"""Risk of a post (what the analysers found) and triage priority (risk × reach × recency).

``risk`` combines scam, dangerous trend, checkable claim and sensationalism (clickbait),
and optionally matches against published fact-checks. Opinions carry no risk, and
toxicity never contributes: it is about people's language, not about false or dangerous
content, so it never puts a post into triage on its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kiemchung.errors import ValidationError
from kiemchung.records import Prediction

HALF_LIFE_HOURS = 24.0
"""Recency halves every 24 hours: a post from yesterday counts half as much as a new one."""

REACH_SCALE = math.log1p(100_000)
"""Engagement at which reach saturates to 1 (about 100k weighted interactions)."""

# How much each finding contributes (probabilities are combined as a noisy-OR).
WEIGHTS: dict[str, float] = {"scam": 1.0, "trend": 0.9, "claim": 0.6, "clickbait": 0.25,
                             "match": 1.0}
RISK_TASKS: tuple[str, ...] = ("scam", "trend", "claim", "clickbait")


def _prob(pred: Prediction, label: str) -> float:
    return float(pred.scores.get(label, 0.0))


def compute_risk(predictions_by_task: Mapping[str, Sequence[Prediction]], *,
                 match_scores: Sequence[float] | None = None) -> list[float]:
    """One risk in ``[0, 1]`` per post from the analysers' predictions.

    ``predictions_by_task`` maps task -> predictions for the same posts, in order (as
    returned by :func:`kiemchung.analysis.analyse`); missing tasks count as nothing found.
    A claim counts only by its ``claim`` probability, and a post whose claim analyser
    says ``opinion`` gets risk 0 unless scam or trend found something (an opinion is never
    checked, but a scam phrased as an opinion is still a scam). ``toxicity`` is ignored.
    ``match_scores``: optional calibrated score of the best fact-check match per post.
    """
    sizes = {len(p) for t, p in predictions_by_task.items() if t in RISK_TASKS}
    if match_scores is not None:
        sizes.add(len(match_scores))
    if len(sizes) > 1:
        raise ValidationError("predictions of different lengths", field="predictions_by_task",
                              expected="one prediction per post for every task",
                              received=sorted(sizes))
    n = sizes.pop() if sizes else 0
    out = []
    for i in range(n):
        parts = _parts(predictions_by_task, i)
        if match_scores is not None:
            parts["match"] = max(0.0, min(1.0, float(match_scores[i])))
        harm = max(parts.get("scam", 0.0), parts.get("trend", 0.0))
        claim = predictions_by_task.get("claim")
        if claim is not None and claim[i].label == "opinion" and harm < 0.5:
            out.append(0.0)
            continue
        keep = 1.0
        for task, p in parts.items():
            keep *= 1.0 - WEIGHTS[task] * p
        out.append(round(1.0 - keep, 6))
    return out


def _parts(predictions_by_task: Mapping[str, Sequence[Prediction]], i: int) -> dict[str, float]:
    parts: dict[str, float] = {}
    positive = {"scam": "scam", "trend": "dangerous", "claim": "claim", "clickbait": "CLICKBAIT"}
    for task, label in positive.items():
        preds = predictions_by_task.get(task)
        if preds is not None:
            parts[task] = _prob(preds[i], label)
    # Sensationalism matters for claims and scams, not for a clickbait headline on its own.
    if "clickbait" in parts and "claim" in parts:
        parts["clickbait"] *= parts["claim"]
    return parts


def reach(*, reactions: int = 0, shares: int = 0, comments: int = 0, views: int = 0) -> float:
    """Reach in ``[0, 1]``: log of weighted engagement (shares count most), saturating."""
    engaged = max(0, reactions) + 3 * max(0, shares) + 2 * max(0, comments) + 0.01 * max(0, views)
    return min(1.0, math.log1p(engaged) / REACH_SCALE)


def recency(created_at: datetime | None, now: datetime, *,
            half_life_hours: float = HALF_LIFE_HOURS) -> float:
    """``0.5 ** (age / half-life)``; unknown time counts as one half-life old."""
    if created_at is None:
        return 0.5
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    age_h = max(0.0, (now - created_at).total_seconds() / 3600.0)
    return float(0.5 ** (age_h / half_life_hours))


def priority(risk: float, *, reactions: int = 0, shares: int = 0, comments: int = 0,
             views: int = 0, created_at: datetime | None = None, now: datetime | None = None,
             half_life_hours: float = HALF_LIFE_HOURS) -> float:
    """Triage priority = risk × (0.2 + 0.8 × reach) × recency, in ``[0, 1]``.

    Reach is softened (a floor of 0.2) so that a risky post nobody has shared yet still
    reaches the queue; recency decays exponentially with a half-life of 24 hours.
    """
    now = now or datetime.now(UTC)
    spread = 0.2 + 0.8 * reach(reactions=reactions, shares=shares, comments=comments, views=views)
    fresh = recency(created_at, now, half_life_hours=half_life_hours)
    return round(max(0.0, min(1.0, risk)) * spread * fresh, 6)
