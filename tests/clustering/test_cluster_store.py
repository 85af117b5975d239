"""Batch clustering on the store (SQLite and PostgreSQL): stories, bursts, narratives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kiemchung.batch.cluster import cluster_store, find_story
from kiemchung.storage import Store
from kiemchung.storage import models as m

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
DAM = "Đập thủy điện Bản Vẽ bị vỡ, người dân hạ du cần chạy lên núi ngay trong chiều nay"
GOLD = "Giá vàng hôm nay tăng mạnh, người dân xếp hàng dài mua vàng nhẫn ở Hà Nội"


def _posts(store: Store, items: list[tuple[str, datetime]], *, start: int = 0) -> list[int]:
    with store.session() as session:
        source = session.scalar(select(m.Source).where(m.Source.name == "t"))
        if source is None:
            source = m.Source(name="t")
            session.add(source)
            session.flush()
        posts = [m.Post(source_id=source.id, dedup_key=f"p{start + i}", text=t, created_at=when)
                 for i, (t, when) in enumerate(items)]
        session.add_all(posts)
        session.flush()
        return [p.id for p in posts]


def test_cluster_store_assigns_stories_and_scores_bursts(store: Store) -> None:
    items = [(DAM, NOW - timedelta(hours=h)) for h in range(6)]
    items[1] = (DAM.lower().replace("đ", "d"), items[1][1])
    items += [(GOLD, NOW - timedelta(days=d)) for d in range(1, 6)]
    ids = _posts(store, items)
    summary = cluster_store(store, now=NOW)
    assert (summary.posts, summary.new_stories) == (11, 2)
    with store.session() as session:
        posts = {p.id: p for p in session.scalars(select(m.Post))}
        stories = {s.id: s for s in session.scalars(select(m.Story))}
    dam_story = stories[posts[ids[0]].story_id]
    assert {posts[i].story_id for i in ids[:6]} == {dam_story.id}
    assert dam_story.size == 6 and dam_story.burst_score >= 3
    assert dam_story.first_seen == NOW - timedelta(hours=5)
    assert dam_story.last_seen == NOW
    gold_story = stories[posts[ids[6]].story_id]
    assert gold_story.size == 5 and gold_story.burst_score < dam_story.burst_score
    assert summary.bursts == 1

    # A second run only places new posts; the story grows.
    new = _posts(store, [("Chia sẻ gấp: " + DAM, NOW)], start=100)
    again = cluster_store(store, now=NOW)
    assert (again.posts, again.new_stories) == (1, 0)
    with store.session() as session:
        post = session.get(m.Post, new[0])
        assert post is not None and post.story_id == dam_story.id
        story = session.get(m.Story, dam_story.id)
        assert story is not None and story.size == 7
    assert find_story(store, ["dap thuy dien ban ve bi vo nguoi dan ha du can chay len nui ngay",
                              "chuyện không liên quan"]) == [dam_story.id, None]


def test_stories_matching_the_same_fact_check_form_a_narrative(store: Store) -> None:
    ids = _posts(store, [(DAM, NOW), (GOLD, NOW)])
    with store.session() as session:
        session.add(m.FactCheck(id="fc-1", claim="Tin đồn chung"))
        session.flush()
        for pid in ids:
            session.add(m.Match(post_id=pid, factcheck_id="fc-1", score=0.9, decision="match"))
    cluster_store(store, now=NOW)
    with store.session() as session:
        stories = list(session.scalars(select(m.Story)))
        narratives = list(session.scalars(select(m.Narrative)))
    assert len(stories) == 2 and len(narratives) == 1
    assert {s.narrative_id for s in stories} == {narratives[0].id}
    assert narratives[0].label == "Tin đồn chung"
    assert cluster_store(store, now=NOW).narratives == 1
    with store.session() as session:
        assert len(list(session.scalars(select(m.Narrative)))) == 1
