"""Batch clustering: posts → stories (near-copies) → narratives; burst scores.

``cluster_partition`` is pure given a :class:`StoryIndex`; ``cluster_store`` assigns
``posts.story_id`` for posts without one (earliest first, so a story's first post names
it), refreshes each touched story's size, first/last seen, title and burst score, then
groups stories into narratives. ``find_story`` looks up the story of new texts (used by
the tipline to group a tip with earlier posts and tips about the same thing).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiemchung.batch.runner import Row
from kiemchung.clustering import StoryIndex, burst_score, group_stories, is_burst
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.text._batch import as_batch

log = logging.getLogger(__name__)

TITLE_CHARS = 160


@dataclass(slots=True)
class ClusterSummary:
    """What one clustering run changed."""

    posts: int = 0
    new_stories: int = 0
    stories_updated: int = 0
    narratives: int = 0
    bursts: int = 0

    def __str__(self) -> str:
        return (f"posts {self.posts} · new stories {self.new_stories} · stories updated "
                f"{self.stories_updated} · narratives {self.narratives} · bursts {self.bursts}")


def cluster_partition(rows: Sequence[Row], index: StoryIndex) -> list[Row]:
    """Assign ``{"post_id", "text"}`` rows to stories; adds them to ``index``.

    Result rows: ``post_id``, ``story`` (an existing story id, or ``("new", post_id)``
    naming a story started by that post) and ``new``.
    """
    keys = [("post", r["post_id"]) for r in rows]
    assigned = index.assign(keys, [str(r["text"]) for r in rows])
    out = []
    for row, (story, new) in zip(rows, assigned, strict=True):
        label: Hashable = ("new", row["post_id"]) if new else story
        if isinstance(story, tuple) and story[0] == "post":
            label = ("new", story[1])
        out.append({"post_id": row["post_id"], "story": label, "new": new})
    return out


def _when(post: m.Post) -> datetime:
    when = post.created_at or post.ingested_at
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _load_index(posts: Sequence[m.Post]) -> StoryIndex:
    index = StoryIndex()
    assigned = [p for p in posts if p.story_id is not None]
    if assigned:
        index.add([("post", p.id) for p in assigned], [p.text for p in assigned],
                  [p.story_id for p in assigned])
    return index


def cluster_store(store: Store, *, now: datetime | None = None,
                  window: timedelta = timedelta(hours=24)) -> ClusterSummary:
    """Cluster the store's posts into stories and narratives; score bursts."""
    summary = ClusterSummary()
    with store.session() as session:
        posts = list(session.scalars(select(m.Post)))
        posts.sort(key=lambda p: (_when(p), p.id))
        index = _load_index(posts)
        todo = [p for p in posts if p.story_id is None]
        rows = cluster_partition([{"post_id": p.id, "text": p.text} for p in todo], index)
        by_id = {p.id: p for p in posts}
        new_ids: dict[Hashable, int] = {}
        touched: set[int] = set()
        for row in rows:
            story = row["story"]
            if isinstance(story, tuple):
                if story not in new_ids:
                    first = by_id[story[1]]
                    created = m.Story(title=_title(first.text), size=0)
                    session.add(created)
                    session.flush()
                    new_ids[story] = created.id
                    summary.new_stories += 1
                story = new_ids[story]
            by_id[row["post_id"]].story_id = int(story)
            touched.add(int(story))
        summary.posts = len(rows)
        session.flush()
        now = now or (max(_when(p) for p in posts) if posts else datetime.now(UTC))
        summary.bursts = _refresh_stories(session, posts, touched, now=now, window=window)
        summary.stories_updated = len(touched)
        summary.narratives = _refresh_narratives(session, posts)
    return summary


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def _refresh_stories(session: Session, posts: Sequence[m.Post], touched: set[int], *,
                     now: datetime, window: timedelta) -> int:
    members: dict[int, list[m.Post]] = defaultdict(list)
    for p in posts:
        if p.story_id is not None:
            members[p.story_id].append(p)
    bursts = 0
    # Every story's burst score moves with time, not only the touched ones.
    for story in session.scalars(select(m.Story).where(m.Story.id.in_(list(members)))):
        group = members[story.id]
        times = [_when(p) for p in group]
        story.burst_score = burst_score(times, now=now, window=window)
        recent = sum(1 for t in times if now - window < t <= now)
        bursts += is_burst(story.burst_score, recent)
        if story.id in touched or story.size != len(group):
            story.size = len(group)
            story.first_seen, story.last_seen = min(times), max(times)
            story.title = story.title or _title(group[0].text)
    return bursts


def _refresh_narratives(session: Session, posts: Sequence[m.Post]) -> int:
    stories = {s.id: s for s in session.scalars(select(m.Story))}
    story_of_post = {p.id: p.story_id for p in posts if p.story_id is not None}
    matched: dict[Hashable, set[str]] = defaultdict(set)  # story id → fact-check ids
    for post_id, fc_id in session.execute(
            select(m.Match.post_id, m.Match.factcheck_id).where(m.Match.decision == "match")):
        if post_id in story_of_post:
            matched[story_of_post[post_id]].add(fc_id)
    groups = [[cast(int, s) for s in g] for g in
              group_stories({sid: s.title for sid, s in stories.items()}, matched)]
    claims = {i: c for i, c in session.execute(select(m.FactCheck.id, m.FactCheck.claim))}
    for group in groups:
        existing = sorted(n for s in group if (n := stories[s].narrative_id) is not None)
        fc_ids = sorted({fc for s in group for fc in matched.get(s, ())})
        label = claims.get(fc_ids[0], "") if fc_ids else stories[group[0]].title
        narrative = session.get(m.Narrative, existing[0]) if existing else None
        if narrative is None:
            narrative = m.Narrative(label=_title(label))
            session.add(narrative)
            session.flush()
        for sid in group:
            stories[sid].narrative_id = narrative.id
    return len(groups)


def find_story(store: Store, texts: Sequence[str]) -> list[int | None]:
    """The stored story each text belongs to (near-copy of a post or tip), or ``None``."""
    texts = as_batch(texts)
    with store.session() as session:
        posts = list(session.execute(
            select(m.Post.id, m.Post.text, m.Post.story_id).where(m.Post.story_id.is_not(None))))
        tips = list(session.execute(
            select(m.Tip.id, m.Tip.text_redacted, m.Tip.story_id)
            .where(m.Tip.story_id.is_not(None))))
    index = StoryIndex()
    if posts:
        index.add([("post", i) for i, _, _ in posts], [t for _, t, _ in posts],
                  [s for _, _, s in posts])
    if tips:
        index.add([("tip", i) for i, _, _ in tips], [t for _, t, _ in tips],
                  [s for _, _, s in tips])
    return [cast(int, hit.story) if hit is not None else None for hit in index.find(texts)]
