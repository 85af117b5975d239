"""Risk and priority."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiemchung.analysis import HALF_LIFE_HOURS, compute_risk, priority
from kiemchung.errors import ValidationError
from kiemchung.records import Prediction


def _p(task: str, label: str, scores: dict[str, float]) -> Prediction:
    return Prediction(label=label, scores=scores, signals=[], model=f"{task}.v1")


def _found(claim: str, claim_p: float, scam_p: float = 0.0, toxic: str = "CLEAN"
           ) -> dict[str, list[Prediction]]:
    rest = (1 - claim_p) / 2
    return {
        "scam": [_p("scam", "scam" if scam_p > 0.5 else "legit",
                    {"scam": scam_p, "legit": 1 - scam_p})],
        "claim": [_p("claim", claim, {"claim": claim_p, "opinion": rest, "other": rest})],
        "toxicity": [_p("toxicity", toxic, {"CLEAN": 0.0, "OFFENSIVE": 0.0, "HATE": 1.0})],
        "trend": [_p("trend", "safe", {"dangerous": 0.0, "safe": 1.0})],
        "clickbait": [_p("clickbait", "NON_CLICKBAIT", {"CLICKBAIT": 0.0, "NON_CLICKBAIT": 1.0})],
    }


def test_opinion_has_no_risk_and_toxicity_does_not_count() -> None:
    assert compute_risk(_found("opinion", 0.2, toxic="HATE")) == [0.0]
    assert compute_risk(_found("other", 0.0, toxic="HATE")) == [0.0]


def test_claims_and_scams_are_risky() -> None:
    claim = compute_risk(_found("claim", 0.9))[0]
    scam = compute_risk(_found("other", 0.1, scam_p=0.95))[0]
    assert 0.4 < claim < scam <= 1.0
    # A scam phrased as an opinion is still a scam.
    assert compute_risk(_found("opinion", 0.0, scam_p=0.95))[0] > 0.9


def test_match_scores_add_risk() -> None:
    base = compute_risk(_found("claim", 0.5))[0]
    assert compute_risk(_found("claim", 0.5), match_scores=[0.9])[0] > base


def test_lengths_must_agree() -> None:
    with pytest.raises(ValidationError):
        compute_risk(_found("claim", 0.5), match_scores=[0.1, 0.2])


def test_priority_grows_with_reach_and_decays_with_age() -> None:
    now = datetime(2026, 5, 1, 12, tzinfo=UTC)
    quiet = priority(0.8, created_at=now, now=now)
    viral = priority(0.8, shares=5000, reactions=20000, created_at=now, now=now)
    old = priority(0.8, shares=5000, reactions=20000,
                   created_at=now - timedelta(hours=HALF_LIFE_HOURS), now=now)
    assert 0 < quiet < viral <= 1
    assert old == pytest.approx(viral / 2, rel=1e-3)
    assert priority(0.0, shares=10**6, created_at=now, now=now) == 0.0
    naive = priority(0.8, created_at=now.replace(tzinfo=None), now=now)
    assert naive == quiet
