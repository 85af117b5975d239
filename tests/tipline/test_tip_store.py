"""submit_tip: redacted storage, indicators, grouping by story, triage queue, retention."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from tipline_fakes import add_library

from kiemchung.errors import ValidationError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.tipline import purge_tips, submit_tip

TIPSTER_TEXT = ("Tôi là Lan, số của tôi 0912 345 678, email của tôi lan.nguyen@gmail.com. "
                "Tôi nhận tin này: 'Bạn được hoàn tiền điện, vào https://evn-hoantien.top để nhận'")


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_tip_is_stored_redacted_with_indicators(store: Store, settings: Settings, matcher,
                                                analyser) -> None:
    add_library(store)
    receipt = submit_tip(store, TIPSTER_TEXT, channel="telegram", contact="telegram:42",
                         settings=settings, matcher=matcher, analyser=analyser)
    with store.session() as session:
        tip = session.get(m.Tip, receipt.tip_id)
        post = session.get(m.Post, receipt.post_id)
        assert tip is not None and post is not None
        for private in ("0912 345 678", "0912345678", "lan.nguyen@gmail.com"):
            assert private not in tip.text_redacted and private not in post.text
        assert "evn-hoantien.top" in tip.text_redacted
        values = " ".join(str(ind.get("value")) for ind in tip.indicators)
        assert "evn-hoantien.top" in values
        assert post.kind == "tip" and post.dedup_key.startswith("tip:")
        assert post.platform == "telegram" and post.author_hash is None
        source = session.get(m.Source, post.source_id)
        assert source is not None and source.name == "tipline"
        assert "42" not in str(post.extra)  # reviewers never see the contact


def test_confident_answer_keeps_no_contact_and_skips_the_queue(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    receipt = submit_tip(library_store, "EVN hoàn tiền điện cho khách", channel="zalo",
                         contact="zalo:777", settings=settings, matcher=matcher, analyser=analyser)
    assert receipt.answer.decision == "match" and not receipt.queued
    with library_store.session() as session:
        tip = session.get(m.Tip, receipt.tip_id)
        assert tip is not None and tip.contact is None and tip.decision == "match"
    assert _count(library_store, m.ReviewItem) == 0


def test_unanswered_tip_enters_the_queue_and_keeps_the_contact_until_expiry(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    now = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    receipt = submit_tip(library_store, "Nghe nói mai nghỉ học toàn quốc?", channel="messenger",
                         contact="messenger:PSID1", settings=settings, matcher=matcher,
                         analyser=analyser, now=now)
    assert receipt.answer.decision == "none" and receipt.queued
    with library_store.session() as session:
        tip = session.get(m.Tip, receipt.tip_id)
        assert tip is not None and tip.contact == "messenger:PSID1"
        assert tip.contact_expires_at == now + timedelta(days=settings.tip_retention_days)
        item = session.scalars(select(m.ReviewItem)).one()
        assert item.post_id == receipt.post_id


def test_maybe_keeps_candidate_matches_for_reviewers(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    receipt = submit_tip(library_store, "Có phải tăng lương không?", channel="web",
                         settings=settings, matcher=matcher, analyser=analyser)
    assert receipt.answer.decision == "maybe" and receipt.queued
    with library_store.session() as session:
        rows = session.scalars(select(m.Match).where(m.Match.post_id == receipt.post_id)).all()
        assert [(r.factcheck_id, r.decision) for r in rows] == [("fc-luong", "maybe")]


def test_identical_tips_are_grouped_in_one_story_with_one_queue_item(
    store: Store, settings: Settings, matcher, analyser
) -> None:
    text = "Nghe nói sắp đổi tiền mới, tiền cũ hết giá trị"
    first = submit_tip(store, text, channel="web", settings=settings, matcher=matcher,
                       analyser=analyser)
    assert first.story_id is None and first.queued
    second = submit_tip(store, unicodedata.normalize("NFD", text), channel="telegram",
                        contact="telegram:1", settings=settings, matcher=matcher,
                        analyser=analyser)
    third = submit_tip(store, "nghe noi sap doi tien moi, tien cu het gia tri", channel="zalo",
                       contact="zalo:2", settings=settings, matcher=matcher, analyser=analyser)
    assert second.story_id is not None and third.story_id == second.story_id
    assert not second.queued and not third.queued
    with store.session() as session:
        story = session.get(m.Story, second.story_id)
        assert story is not None and story.size == 3
        tips = session.scalars(select(m.Tip).order_by(m.Tip.id)).all()
        assert {t.story_id for t in tips} == {second.story_id}
        items = session.scalars(select(m.ReviewItem)).all()
        assert len(items) == 1 and items[0].story_id == second.story_id


def test_different_tips_are_not_grouped(sqlite_store: Store, settings: Settings, matcher,
                                        analyser) -> None:
    a = submit_tip(sqlite_store, "Tin thứ nhất về bão số 3", channel="web", settings=settings,
                   matcher=matcher, analyser=analyser)
    b = submit_tip(sqlite_store, "Tin khác hẳn về giá xăng", channel="web", settings=settings,
                   matcher=matcher, analyser=analyser)
    assert a.story_id is None and b.story_id is None
    assert _count(sqlite_store, m.ReviewItem) == 2


@pytest.mark.parametrize(("text", "channel", "field"), [
    ("", "web", "text"),
    ("   ", "web", "text"),
    ("x" * 20001, "web", "text"),
    ("ok", "sms", "channel"),
])
def test_invalid_tips_are_refused(sqlite_store: Store, settings: Settings, matcher, analyser,
                                  text: str, channel: str, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        submit_tip(sqlite_store, text, channel=channel, settings=settings, matcher=matcher,
                   analyser=analyser)
    assert err.value.field == field
    assert _count(sqlite_store, m.Tip) == 0


def test_purge_forgets_old_contacts_only(store: Store, settings: Settings, matcher,
                                         analyser) -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    old = submit_tip(store, "Tin cũ chưa kiểm chứng", channel="telegram", contact="telegram:1",
                     settings=settings, matcher=matcher, analyser=analyser,
                     now=now - timedelta(days=settings.tip_retention_days + 1))
    recent = submit_tip(store, "Tin mới chưa kiểm chứng", channel="telegram",
                        contact="telegram:2", settings=settings, matcher=matcher,
                        analyser=analyser, now=now - timedelta(days=1))
    assert purge_tips(store, settings=settings, now=now) == 1
    with store.session() as session:
        old_tip = session.get(m.Tip, old.tip_id)
        recent_tip = session.get(m.Tip, recent.tip_id)
        assert old_tip is not None and old_tip.contact is None
        assert old_tip.text_redacted  # the redacted tip itself stays
        assert recent_tip is not None and recent_tip.contact == "telegram:2"
    # a shorter retention setting applies to contacts stored under the longer one
    assert purge_tips(store, settings=settings.replace(tip_retention_days=0), now=now) == 1
    assert purge_tips(store, settings=settings, now=now) == 0
