"""Publishing: ClaimReview, pages, feeds, exports; published verdicts join the library."""

from kiemchung.publish.claimreview import claim_review, json_ld, validate_claim_review
from kiemchung.publish.export import factcheck_dict, to_csv, to_jsonl
from kiemchung.publish.feeds import atom_feed
from kiemchung.publish.labels import VERDICT_LABELS, verdict_label
from kiemchung.publish.library import (
    add_to_matcher,
    factcheck_id,
    get_published,
    list_published,
    publish,
)

__all__ = [
    "VERDICT_LABELS",
    "add_to_matcher",
    "atom_feed",
    "claim_review",
    "factcheck_dict",
    "factcheck_id",
    "get_published",
    "json_ld",
    "list_published",
    "publish",
    "to_csv",
    "to_jsonl",
    "validate_claim_review",
    "verdict_label",
]
