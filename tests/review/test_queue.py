"""Triage queue, item view and dashboard figures."""

from __future__ import annotations

from datetime import date

import pytest
from reviewdesk import Desk

from kiemchung.errors import ValidationError
from kiemchung.publish import publish
from kiemchung.review import QueueFilter, desk_stats, enqueue_posts, list_queue, load_item
from kiemchung.review.item import highlight
from kiemchung.review.queue import refresh_items
from kiemchung.review.workflow import approve, claim_item, save_draft, submit
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m


def test_queue_order_pagination_counts(store: Store, desk: Desk) -> None:
    with store.session() as s:
        first = list_queue(s, QueueFilter(), page=1, per_page=2)
        last = list_queue(s, QueueFilter(), page=3, per_page=2)
    assert [r.priority for r in first.rows] == [4.0, 3.0]
    assert [r.priority for r in last.rows] == [0.0]
    assert first.total == 5 and first.pages == 3 and first.counts == {"new": 5}
    assert first.rows[0].snippet == "Bài viết số 4" and first.rows[0].source == "rss"


def test_queue_filters(store: Store, desk: Desk) -> None:
    with store.session() as s:
        claim_item(s, desk.items[0], desk.users["reviewer"])
        post_id = s.get(m.ReviewItem, desk.items[1]).post_id
        s.add(m.Analysis(post_id=post_id, analyser="scam.v1", label="scam"))
        s.flush()
        assert list_queue(s, QueueFilter(label="scam")).total == 0  # not copied yet
        assert refresh_items(s, [post_id]) == 1
    with store.session() as s:
        def total(**kw: object) -> int:
            return list_queue(s, QueueFilter(**kw)).total  # type: ignore[arg-type]

        assert total(status="claimed") == 1 and total(status="new") == 4
        assert total(label="scam") == 1 and total(min_risk=0.25) == 2
        assert total(source="rss") == 5 and total(source="other") == 0
        assert total(platform="facebook") == 5 and total(platform="zalo") == 0
        assert total(date_from=date(2026, 10, 31), date_to=date(2026, 11, 1)) == 2
        with pytest.raises(ValidationError):
            total(status="bogus")


def test_enqueue_is_idempotent(fast_store: Store, fast_desk: Desk) -> None:
    store, _desk = fast_store, fast_desk
    with store.session() as s:
        post_ids = [p for (p,) in s.query(m.Post.id)]
        assert enqueue_posts(s, post_ids) == 0
        with pytest.raises(TypeError):
            enqueue_posts(s, 1)  # type: ignore[arg-type]


def test_item_view_and_highlights(fast_store: Store, fast_desk: Desk) -> None:
    store, desk = fast_store, fast_desk
    with store.session() as s:
        post_id = s.get(m.ReviewItem, desk.items[0]).post_id
        s.add(m.Analysis(post_id=post_id, analyser="claim.v1", label="claim",
                         signals=[{"message": "Có con số", "span": [9, 11]}, "chuỗi cũ",
                                  {"message": "span lỗi", "span": [5, 2]}]))
    with store.session() as s:
        view = load_item(s, desk.items[0])
    assert [sig["message"] for sig in view.signals] == ["Có con số", "chuỗi cũ", "span lỗi"]
    assert [(seg.text, seg.marks) for seg in view.segments] == [
        ("Bài viết ", []), ("số", ["Có con số"]), (" 0", [])]


def test_highlight_phrases_case_insensitive_and_nfd_safe() -> None:
    segments = highlight("Uống NƯỚC chanh chữa ung thư", spans=[], phrases=["nước chanh", "ab"])
    assert [(s.text, s.marks) for s in segments] == [
        ("Uống ", []), ("NƯỚC chanh", ["match"]), (" chữa ung thư", [])]


def test_desk_stats_median_time_to_verdict(store: Store, desk: Desk) -> None:
    rev, ed = desk.users["reviewer"], desk.users["editor"]
    for item in desk.items[:2]:
        with store.session() as s:
            claim_item(s, item, rev)
            save_draft(s, item, rev, verdict="false", summary="Sai.")
            submit(s, item, rev)
            approve(s, item, ed)
            publish(s, item, ed, settings=Settings())
    with store.session() as s:
        stats = desk_stats(s)
    assert stats.by_status == {"new": 3, "published": 2}
    assert stats.by_verdict == {"false": 2} and stats.published == 2
    assert stats.median_hours_to_verdict is not None and stats.median_hours_to_verdict >= 0


def test_filtered_total_is_capped(store: Store, desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiemchung.review.queue as queue

    monkeypatch.setattr(queue, "COUNT_CAP", 3)
    with store.session() as s:
        capped = list_queue(s, QueueFilter(source="rss"), per_page=2)
        exact = list_queue(s, QueueFilter(platform="zalo"))
    assert capped.total == 3 and capped.capped
    assert len(capped.rows) == 2
    assert exact.total == 0 and not exact.capped
