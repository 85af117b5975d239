"""Verdict names (Vietnamese first, English) and their ClaimReview rating."""

from __future__ import annotations

VERDICT_LABELS: dict[str, dict[str, str]] = {
    "false": {"vi": "Sai sự thật", "en": "False"},
    "misleading": {"vi": "Gây hiểu lầm", "en": "Misleading"},
    "missing_context": {"vi": "Thiếu bối cảnh", "en": "Missing context"},
    "true": {"vi": "Đúng", "en": "True"},
    "unproven": {"vi": "Chưa đủ căn cứ", "en": "Unproven"},
    "satire": {"vi": "Châm biếm", "en": "Satire"},
    "scam": {"vi": "Lừa đảo", "en": "Scam"},
    "opinion": {"vi": "Ý kiến (không kiểm chứng)", "en": "Opinion (not checkable)"},
}

# ClaimReview ratingValue on a 1 (worst) … 5 (best) scale; opinions are never published.
VERDICT_RATINGS: dict[str, int] = {
    "false": 1, "scam": 1, "misleading": 2, "missing_context": 3, "unproven": 3, "satire": 3,
    "true": 5,
}


def verdict_label(verdict: str | None, lang: str = "vi") -> str:
    """The human name of ``verdict`` in ``lang`` (the code itself if unknown)."""
    if verdict is None:
        return ""
    names = VERDICT_LABELS.get(verdict)
    return names.get(lang, names["vi"]) if names else verdict
