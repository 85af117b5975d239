"""Narratives: stories that tell the same claim (same fact-check, or similar titles)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from kiemchung.clustering.stories import StoryIndex, minhashes

NARRATIVE_GROUPER = "narrative.v1"
TITLE_THRESHOLD = 0.3


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)


def group_stories(titles: Mapping[Hashable, str],
                  factchecks: Mapping[Hashable, Iterable[str]], *,
                  threshold: float = TITLE_THRESHOLD) -> list[list[Hashable]]:
    """Groups of two or more stories: sharing a matched fact-check, or similar titles.

    ``titles`` maps story → representative text; ``factchecks`` story → matched ids.
    """
    uf = _UnionFind()
    by_fc: dict[str, Hashable] = {}
    for story, ids in factchecks.items():
        for fc_id in ids:
            if fc_id in by_fc:
                uf.union(by_fc[fc_id], story)
            else:
                by_fc[fc_id] = story
    index = StoryIndex(threshold=threshold)
    for story, sig in zip(titles, minhashes(list(titles.values())), strict=True):
        for other in index.similar(sig):
            uf.union(other, story)
        index.insert(story, sig, story)
    groups: dict[Hashable, list[Hashable]] = {}
    for story in {*titles, *factchecks}:
        groups.setdefault(uf.find(story), []).append(story)
    return [sorted(g, key=repr) for g in groups.values() if len(g) > 1]
