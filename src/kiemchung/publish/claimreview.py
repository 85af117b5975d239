"""schema.org ClaimReview JSON-LD for published fact-checks, and a validator for it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from kiemchung.publish.labels import VERDICT_RATINGS, verdict_label
from kiemchung.settings import Settings
from kiemchung.storage import models as m

BEST_RATING = 5
WORST_RATING = 1


def claim_review(fc: m.FactCheck, *, settings: Settings) -> dict[str, Any]:
    """The ClaimReview object of one published fact-check (Vietnamese)."""
    base = settings.public_base_url.rstrip("/")
    organisation = {"@type": "Organization", "name": fc.publisher or settings.publisher_name,
                    "url": base + "/"}
    verdict = fc.verdict_norm or ""
    published = fc.published_at.date().isoformat() if fc.published_at else None
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": fc.url or f"{base}/factchecks/{fc.id}",
        "claimReviewed": fc.claim,
        "author": organisation,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICT_RATINGS.get(verdict, 3),
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict_label(verdict, "vi") or (fc.verdict or ""),
        },
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization",
                                                       "name": "Không rõ / unknown"}},
        "inLanguage": fc.language or "vi",
    }
    if published:
        review["datePublished"] = published
    if fc.summary:
        review["description"] = fc.summary
    return review


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">`` block, safe against ``</script>``."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def validate_claim_review(data: dict[str, Any]) -> list[str]:
    """Problems with a ClaimReview object (empty list: valid).

    Checks what schema.org and the search engines' ClaimReview guidelines require: the
    context and type, ``url``, ``claimReviewed``, ``author`` (Organization or Person with a
    name), ``reviewRating`` (Rating with numeric value within best/worst and an
    ``alternateName``), and an ISO ``datePublished`` when present.
    """
    problems: list[str] = []
    if data.get("@context") not in ("https://schema.org", "http://schema.org"):
        problems.append("@context must be https://schema.org")
    if data.get("@type") != "ClaimReview":
        problems.append("@type must be ClaimReview")
    url = data.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        problems.append("url must be an absolute http(s) URL")
    claim = data.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        problems.append("claimReviewed must be a non-empty text")
    author = data.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Organization", "Person") \
            or not str(author.get("name") or "").strip():
        problems.append("author must be an Organization or Person with a name")
    problems.extend(_rating_problems(data.get("reviewRating")))
    if "datePublished" in data:
        try:
            datetime.fromisoformat(str(data["datePublished"]))
        except ValueError:
            problems.append("datePublished must be an ISO 8601 date")
    item = data.get("itemReviewed")
    if item is not None and (not isinstance(item, dict) or item.get("@type") != "Claim"):
        problems.append("itemReviewed must be a Claim")
    return problems


def _rating_problems(rating: Any) -> list[str]:
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        return ["reviewRating must be a Rating"]
    problems = []
    numbers = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
        problems.append("ratingValue, bestRating and worstRating must be numbers")
    elif not float(numbers[2]) <= float(numbers[0]) <= float(numbers[1]):  # type: ignore[arg-type]
        problems.append("ratingValue must lie between worstRating and bestRating")
    if not str(rating.get("alternateName") or "").strip():
        problems.append("reviewRating.alternateName (the verdict in words) is required")
    return problems
