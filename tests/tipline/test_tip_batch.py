"""submit_tips stores a batch exactly as storing its tips one by one would."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from tipline_fakes import add_library

from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store
from kiemchung.storage import models as m
from kiemchung.tipline import check_texts
from kiemchung.tipline.tips import NewTip, submit_tips

RUMOUR = "Nghe nói sắp đổi tiền mới, tiền cũ hết giá trị"
TEXTS = [
    ("Tin khác hẳn về giá xăng", "web", None),
    (RUMOUR, "web", None),
    ("EVN hoàn tiền điện tháng này, bấm link để nhận", "telegram", "telegram:1"),
    (unicodedata.normalize("NFD", RUMOUR), "telegram", "telegram:2"),
    ("Bão số 3 sắp đổ bộ, cả nước nghỉ học", "zalo", "zalo:3"),
    ("nghe noi sap doi tien moi, tien cu het gia tri", "zalo", None),
    ("EVN hoàn tiền điện tháng này, bấm link để nhận", "web", None),
    ("Bão số 3 sắp đổ bộ, cả nước nghỉ học", "messenger", "messenger:4"),
    ("Công ty tăng lương 5 triệu cho mọi người", "api", None),
]
EARLIER = [("Bão số 3 sắp đổ bộ, cả nước nghỉ học", "web", None),
           ("Tin khác hẳn về giá xăng", "web", None),
           ("Tin khác hẳn về giá xăng", "api", None)]


def _tips(store: Store, settings: Settings, matcher: Any, analyser: Any,
          texts: list[tuple[str, str, str | None]], start: datetime) -> list[NewTip]:
    answers = check_texts(store, [t for t, _, _ in texts], settings=settings, matcher=matcher,
                          analyser=analyser)
    return [NewTip(text=text, channel=channel, contact=contact, answer=answer,
                   now=start + timedelta(minutes=i))
            for i, ((text, channel, contact), answer) in enumerate(zip(texts, answers,
                                                                       strict=True))]


def _utc(value: datetime | None) -> datetime | None:
    """Naive UTC (SQLite gives naive datetimes, PostgreSQL aware ones)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _state(store: Store) -> dict[str, Any]:
    """The stored tips, stories, queue and matches, keyed by tip order (ids may differ)."""
    with store.session() as session:
        posts = session.scalars(select(m.Post).order_by(m.Post.id)).all()
        order = {p.id: i for i, p in enumerate(posts)}
        stories: dict[int, int] = {}

        def story(sid: int | None) -> int | None:
            return None if sid is None else stories.setdefault(sid, len(stories))

        tips = [(order[t.post_id], t.channel, t.text_redacted, t.contact, t.decision,
                 story(t.story_id)) for t in session.scalars(select(m.Tip).order_by(m.Tip.id))]
        post_rows = [(p.text, p.content_hash, story(p.story_id), p.risk) for p in posts]
        story_rows = sorted((story(s.id), s.title, s.size, _utc(s.first_seen),
                             _utc(s.last_seen)) for s in session.scalars(select(m.Story)))
        items = sorted((order[r.post_id], story(r.story_id))
                       for r in session.scalars(select(m.ReviewItem)))
        matches = sorted((order[r.post_id], r.factcheck_id, r.decision)
                         for r in session.scalars(select(m.Match)))
    return {"tips": tips, "posts": post_rows, "stories": story_rows, "items": items,
            "matches": matches}


def test_a_batch_equals_the_same_tips_one_by_one(store: Store, settings: Settings,
                                                 tmp_path: Path, matcher: Any,
                                                 analyser: Any) -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    one_by_one = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        for target in (store, one_by_one):
            add_library(target)
            submit_tips(target, _tips(target, settings, matcher, analyser, EARLIER,
                                      start - timedelta(days=1)), settings=settings)
        batch = _tips(store, settings, matcher, analyser, TEXTS, start)
        receipts = submit_tips(store, batch, settings=settings)
        singles = [submit_tips(one_by_one, [tip], settings=settings)[0] for tip in batch]
        assert [r.queued for r in receipts] == [r.queued for r in singles]
        assert _state(store) == _state(one_by_one)
        # identical tips share a story whatever their spelling; one queue item per story
        state = _state(store)
        first = len(EARLIER)  # the batch's rumour tips are its 2nd, 4th and 6th
        rumour = [tip[5] for tip in state["tips"] if tip[0] - first in (1, 3, 5)]
        assert len(rumour) == 3 and len(set(rumour)) == 1 and rumour[0] is not None
        assert sum(1 for _, s in state["items"] if s == rumour[0]) == 1
    finally:
        one_by_one.close()


def test_an_empty_batch_stores_nothing(sqlite_store: Store, settings: Settings) -> None:
    assert submit_tips(sqlite_store, [], settings=settings) == []
