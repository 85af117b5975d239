"""Follow-ups: a published verdict reaches the tipster within platform rules, then the
contact is forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from tipline_fakes import FakeMatcher, PlatformFake, publish_verdict

from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.tipline import send_followups, submit_tip


def _tip(store: Store, settings: Settings, contact: str, *, hours_ago: float = 1,
         text: str = "Nghe nói sắp đổi tiền mới?", matcher=None, analyser=None) -> tuple[int, int]:
    now = datetime.now(UTC) - timedelta(hours=hours_ago)
    receipt = submit_tip(store, text, channel=contact.split(":")[0], contact=contact,
                         settings=settings, matcher=matcher or FakeMatcher(), analyser=analyser,
                         now=now)
    return receipt.tip_id, receipt.post_id


def _contact(store: Store, tip_id: int) -> tuple[str | None, datetime | None]:
    with store.session() as session:
        tip = session.get(m.Tip, tip_id)
        assert tip is not None
        return tip.contact, tip.followed_up_at


def test_nothing_is_sent_before_a_verdict(library_store: Store, tip_settings: Settings,
                                          platform_fake: PlatformFake, analyser) -> None:
    tip_id, _ = _tip(library_store, tip_settings, "telegram:42", analyser=analyser)
    report = send_followups(library_store, settings=tip_settings)
    assert (report.sent, report.waiting) == (0, 1)
    assert platform_fake.sent == []
    assert _contact(library_store, tip_id)[0] == "telegram:42"


def test_telegram_follow_up_then_contact_forgotten(library_store: Store, tip_settings: Settings,
                                                   platform_fake: PlatformFake, analyser) -> None:
    tip_id, post_id = _tip(library_store, tip_settings, "telegram:42", hours_ago=24 * 20,
                           analyser=analyser)
    publish_verdict(library_store, post_id=post_id, verdict="false",
                    summary="NHNN không có kế hoạch đổi tiền.", factcheck_id="fc-luong")
    report = send_followups(library_store, settings=tip_settings)
    assert report.sent == 1
    [sent] = platform_fake.of("telegram")
    assert sent.recipient == "42"
    assert "Sai sự thật" in sent.text and "NHNN không có kế hoạch đổi tiền." in sent.text
    assert "https://baochinhphu.example.vn/luong" in sent.text
    contact, followed = _contact(library_store, tip_id)
    assert contact is None and followed is not None
    # idempotent: nothing left to send
    assert send_followups(library_store, settings=tip_settings).sent == 0
    assert len(platform_fake.sent) == 1


def test_verdict_on_the_story_reaches_every_tip_of_it(
    library_store: Store, tip_settings: Settings, platform_fake: PlatformFake, analyser
) -> None:
    text = "Tin đồn bắt cóc trẻ em ở cổng trường"
    first, first_post = _tip(library_store, tip_settings, "zalo:Z1", text=text, analyser=analyser)
    second, _ = _tip(library_store, tip_settings, "telegram:7", text=text, analyser=analyser)
    with library_store.session() as session:
        item = session.scalars(select(m.ReviewItem)).one()  # one item for the story
    assert item.post_id == first_post
    publish_verdict(library_store, post_id=first_post, summary="Công an xác nhận tin sai.")
    report = send_followups(library_store, settings=tip_settings)
    assert report.sent == 2
    assert {s.recipient for s in platform_fake.sent} == {"Z1", "7"}
    assert _contact(library_store, first)[0] is None and _contact(library_store, second)[0] is None


def test_messenger_outside_24h_is_not_sent_but_forgotten(
    library_store: Store, tip_settings: Settings, platform_fake: PlatformFake, analyser
) -> None:
    late, late_post = _tip(library_store, tip_settings, "messenger:OLD", hours_ago=30,
                           text="Tin A chưa rõ", analyser=analyser)
    fresh, fresh_post = _tip(library_store, tip_settings, "messenger:NEW", hours_ago=2,
                             text="Tin B chưa rõ", analyser=analyser)
    publish_verdict(library_store, post_id=late_post)
    publish_verdict(library_store, post_id=fresh_post)
    report = send_followups(library_store, settings=tip_settings)
    assert (report.sent, report.window_closed) == (1, 1)
    [sent] = platform_fake.of("messenger")
    assert sent.recipient == "NEW" and sent.body["messaging_type"] == "UPDATE"
    assert "tag" not in sent.body
    assert _contact(library_store, late) == (None, None)
    assert _contact(library_store, fresh)[0] is None


def test_a_newer_message_reopens_the_window(library_store: Store, tip_settings: Settings,
                                            platform_fake: PlatformFake, analyser) -> None:
    old, old_post = _tip(library_store, tip_settings, "zalo:U1", hours_ago=60,
                         text="Tin cũ chưa rõ", analyser=analyser)
    _tip(library_store, tip_settings, "zalo:U1", hours_ago=1, text="Tin mới khác",
         analyser=analyser)
    publish_verdict(library_store, post_id=old_post)
    assert send_followups(library_store, settings=tip_settings).sent == 1
    assert platform_fake.of("zalo")[0].recipient == "U1"
    assert _contact(library_store, old)[0] is None


def test_failed_delivery_keeps_the_contact_for_a_retry(
    library_store: Store, tip_settings: Settings, platform_fake: PlatformFake, analyser
) -> None:
    tip_id, post_id = _tip(library_store, tip_settings, "zalo:U9", analyser=analyser)
    publish_verdict(library_store, post_id=post_id)
    platform_fake.fail = True
    assert send_followups(library_store, settings=tip_settings).failed == 1
    assert _contact(library_store, tip_id)[0] == "zalo:U9"
    platform_fake.fail = False
    assert send_followups(library_store, settings=tip_settings).sent == 1
    assert _contact(library_store, tip_id)[0] is None


def test_a_newly_matching_fact_check_also_triggers_the_follow_up(
    library_store: Store, tip_settings: Settings, platform_fake: PlatformFake, analyser
) -> None:
    tip_id, _ = _tip(library_store, tip_settings, "telegram:5",
                     text="Có tin tăng lương cơ sở lên 5 triệu", analyser=analyser,
                     matcher=FakeMatcher({"fc-luong": ["khong co trong thu vien"]}))
    report = send_followups(library_store, settings=tip_settings, matcher=FakeMatcher())
    assert report.sent == 1
    assert "https://baochinhphu.example.vn/luong" in platform_fake.of("telegram")[0].text
    assert _contact(library_store, tip_id)[0] is None
