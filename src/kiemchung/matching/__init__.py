"""Fact-check and evidence libraries; hybrid retrieval and calibrated match decisions.

``Matcher.build(factchecks).match(texts)`` → one :class:`kiemchung.records.MatchResult`
per text. Library files (ClaimReview JSON-LD, JSONL, CSV) are read by
:func:`read_library`; the store's library is loaded by
:func:`kiemchung.storage.factchecks.load_matcher`.
"""

from kiemchung.matching.library import (
    LibraryRead,
    read_library,
    seed_library,
    to_claimreview,
    write_library,
)
from kiemchung.matching.matcher import MATCHER_NAME, EvidenceIndex, Matcher

__all__ = [
    "MATCHER_NAME",
    "EvidenceIndex",
    "LibraryRead",
    "Matcher",
    "read_library",
    "seed_library",
    "to_claimreview",
    "write_library",
]
