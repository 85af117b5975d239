"""Plain dataclasses shared by every layer: one name per core type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

VERDICTS: tuple[str, ...] = (
    "false",
    "misleading",
    "missing_context",
    "true",
    "unproven",
    "satire",
    "scam",
    "opinion",
)
"""Verdicts a reviewer can record (DESIGN.md, step 7)."""

Verdict = Literal[
    "false", "misleading", "missing_context", "true", "unproven", "satire", "scam", "opinion"
]
Decision = Literal["match", "maybe", "none"]


@dataclass(slots=True)
class Post:
    """One piece of content from a source, as accepted by ingestion.

    ``author_hash`` is a keyed hash of the handle: the clear handle is never kept.
    """

    text: str
    source: str = "manual"
    external_id: str | None = None
    url: str | None = None
    platform: str | None = None
    author_hash: str | None = None
    created_at: datetime | None = None
    reactions: int = 0
    shares: int = 0
    comments: int = 0
    views: int = 0
    lang: str | None = None
    text_norm: str = ""
    text_folded: str = ""
    content_hash: str = ""
    kind: str = "post"
    extra: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass(slots=True)
class Signal:
    """A human-readable reason behind a score (shown to reviewers, in Vietnamese)."""

    code: str
    message: str
    weight: float = 0.0
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class Prediction:
    """The output of one analyser on one text."""

    label: str
    scores: dict[str, float]
    signals: list[Signal]
    model: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "scores": self.scores,
            "signals": [s.message for s in self.signals],
            "model": self.model,
        }


@dataclass(slots=True)
class FactCheck:
    """A published verdict on a claim (ours or imported from another fact-checker)."""

    id: str
    claim: str
    verdict: str | None = None
    verdict_norm: str | None = None
    summary: str | None = None
    url: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None
    language: str = "vi"
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Evidence:
    """An official statement or news item in the evidence library."""

    id: str
    title: str
    text: str
    url: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None


@dataclass(slots=True)
class Match:
    """A candidate fact-check for a text, with a calibrated score."""

    id: str
    score: float
    verdict: str | None = None
    url: str | None = None
    claim: str | None = None
    highlights: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 4), "verdict": self.verdict}


@dataclass(slots=True)
class MatchResult:
    """Decision for one query text: ``match`` (auto-answer), ``maybe`` (reviewer), ``none``."""

    decision: Decision
    matches: list[Match]


@dataclass(slots=True)
class QuarantineRecord:
    """A record ingestion refused, kept with its reason so that nothing is lost."""

    source: str
    line: int | None
    reason: str
    raw: str
    field: str | None = None


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingestion run: ``read == accepted + duplicates + quarantined``."""

    read: int = 0
    accepted: int = 0
    duplicates: int = 0
    quarantined: int = 0

    def check(self) -> None:
        if self.read != self.accepted + self.duplicates + self.quarantined:
            raise AssertionError(f"counts do not add up: {self}")

    def __str__(self) -> str:
        return (
            f"read {self.read} · accepted {self.accepted} · duplicates {self.duplicates}"
            f" · quarantined {self.quarantined}"
        )
