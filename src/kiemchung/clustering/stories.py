"""Stories: copies and near-copies of one text, found with MinHash LSH on folded shingles."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from kiemchung.matching._prep import prepare
from kiemchung.text._batch import as_batch

STORY_CLUSTERER = "story.minhash.v1"
NUM_PERM = 64
THRESHOLD = 0.5


def shingles(text: str, *, n: int = 3) -> set[bytes]:
    """Word ``n``-grams of the folded, teencode-expanded text (unigrams for short texts).

    Chain-letter wrappers are dropped first, so "share gấp: X" is a copy of "X".
    """
    tokens = prepare(text, query=True).tokens
    if len(tokens) < n + 2:
        grams = [" ".join(tokens[i : i + 2]) for i in range(max(len(tokens) - 1, 0))]
        grams += list(tokens)
    else:
        grams = [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return {g.encode("utf-8") for g in grams}


def minhashes(texts: Sequence[str]) -> list[MinHash]:
    """One MinHash signature per text."""
    texts = as_batch(texts)
    return MinHash.bulk([sorted(shingles(t)) for t in texts], num_perm=NUM_PERM)


@dataclass(slots=True)
class StoryHit:
    """The story a text belongs to, and how similar it is to the closest member."""

    story: Hashable
    similarity: float


class StoryIndex:
    """Members (any hashable key) of stories, searchable by text similarity.

    ``assign`` puts texts into existing stories or new ones; ``find`` only looks.
    """

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[Hashable, MinHash] = {}
        self.story_of: dict[Hashable, Hashable] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, keys: Sequence[Hashable], texts: Sequence[str],
            stories: Sequence[Hashable]) -> None:
        """Add members already assigned to stories."""
        for key, sig, story in zip(keys, minhashes(texts), stories, strict=True):
            self._insert(key, sig, story)

    def insert(self, key: Hashable, sig: MinHash, story: Hashable) -> None:
        """Add one member with a precomputed signature."""
        self._insert(key, sig, story)

    def similar(self, sig: MinHash) -> list[Hashable]:
        """Stories of members at least ``threshold`` similar to ``sig``."""
        found = {self.story_of[k] for k in self._lsh.query(sig)
                 if sig.jaccard(self._sigs[k]) >= self.threshold}
        return sorted(found, key=repr)

    def _insert(self, key: Hashable, sig: MinHash, story: Hashable) -> None:
        if key in self._sigs:
            self._lsh.remove(key)
        self._lsh.insert(key, sig)
        self._sigs[key] = sig
        self.story_of[key] = story

    def _best(self, sig: MinHash) -> StoryHit | None:
        best: StoryHit | None = None
        for key in self._lsh.query(sig):
            sim = float(sig.jaccard(self._sigs[key]))
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = StoryHit(self.story_of[key], sim)
        return best

    def find(self, texts: Sequence[str]) -> list[StoryHit | None]:
        """The story each text would join, or ``None`` (nothing is added)."""
        return [self._best(sig) for sig in minhashes(texts)]

    def assign(self, keys: Sequence[Hashable],
               texts: Sequence[str]) -> list[tuple[Hashable, bool]]:
        """Add texts in order; each joins its closest story or starts one.

        Returns ``(story, is_new)`` per text; a new story is named by its first member's
        key (callers map it to a stored story id).
        """
        out: list[tuple[Hashable, bool]] = []
        for key, sig in zip(keys, minhashes(texts), strict=True):
            hit = self._best(sig)
            story = hit.story if hit is not None else key
            self._insert(key, sig, story)
            out.append((story, hit is None))
        return out
