"""Copies → stories → narratives; bursts.

Pure functions over texts and timestamps; :mod:`kiemchung.batch.cluster` applies them
to the store.
"""

from kiemchung.clustering.bursts import BURST_DETECTOR, burst_score, is_burst
from kiemchung.clustering.narratives import NARRATIVE_GROUPER, group_stories
from kiemchung.clustering.stories import STORY_CLUSTERER, StoryHit, StoryIndex, minhashes, shingles

__all__ = [
    "BURST_DETECTOR",
    "NARRATIVE_GROUPER",
    "STORY_CLUSTERER",
    "StoryHit",
    "StoryIndex",
    "burst_score",
    "group_stories",
    "is_burst",
    "minhashes",
    "shingles",
]
