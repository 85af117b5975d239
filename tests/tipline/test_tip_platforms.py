"""Platform adapters: signatures, payload parsing, send APIs (loopback fakes), windows."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
from tipline_fakes import PlatformFake

from kiemchung.errors import AuthenticationError, DeliveryError, ValidationError
from kiemchung.settings import Settings
from kiemchung.tipline import get_platform, make_client, zalo_mac
from kiemchung.tipline.platforms import Messenger, split_contact

TG_UPDATE = {"update_id": 10000, "message": {
    "message_id": 1365, "date": 1700000000, "text": "EVN hoàn tiền điện?",
    "from": {"id": 1111111, "is_bot": False, "first_name": "Lan", "language_code": "vi"},
    "chat": {"id": 1111111, "first_name": "Lan", "type": "private"}}}
ZALO_EVENT = {"app_id": "zalo-app-1", "user_id_by_app": "552177279717587730",
              "event_name": "user_send_text", "timestamp": "1700000000000",
              "sender": {"id": "246845883529197922"}, "recipient": {"id": "388613280878808645"},
              "message": {"text": "Có phải tăng lương không?", "msg_id": "96d3cdf3af150460909"}}
FB_EVENT = {"object": "page", "entry": [{"id": "PAGE_ID", "time": 1700000000000, "messaging": [
    {"sender": {"id": "PSID_1"}, "recipient": {"id": "PAGE_ID"}, "timestamp": 1700000000000,
     "message": {"mid": "m_abc", "text": "Tin này thật không?"}},
    {"sender": {"id": "PAGE_ID"}, "recipient": {"id": "PSID_1"}, "timestamp": 1700000000001,
     "message": {"mid": "m_echo", "text": "echo", "is_echo": True}},
    {"sender": {"id": "PSID_2"}, "recipient": {"id": "PAGE_ID"}, "timestamp": 1700000000002,
     "delivery": {"mids": ["m_abc"]}}]}]}


def _body(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def test_telegram_secret_token(tip_settings: Settings) -> None:
    tg = get_platform("telegram")
    body = _body(TG_UPDATE)
    tg.verify({"X-Telegram-Bot-Api-Secret-Token": "tg-secret-token"}, body,
              settings=tip_settings)
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        with pytest.raises(AuthenticationError):
            tg.verify(headers, body, settings=tip_settings)
    with pytest.raises(AuthenticationError, match="not configured"):
        tg.verify({"X-Telegram-Bot-Api-Secret-Token": ""}, body,
                  settings=tip_settings.replace(telegram_webhook_secret=""))


def test_telegram_update_parsing() -> None:
    [msg] = get_platform("telegram").parse(_body(TG_UPDATE))
    assert (msg.user_id, msg.text, msg.lang, msg.contact) == (
        "1111111", "EVN hoàn tiền điện?", "vi", "telegram:1111111")
    english = {**TG_UPDATE, "message": {**TG_UPDATE["message"],  # type: ignore[dict-item]
                                        "from": {"id": 1, "language_code": "en-GB"}}}
    assert get_platform("telegram").parse(_body(english))[0].lang == "en"
    sticker = {"update_id": 1, "message": {"message_id": 2, "chat": {"id": 3}, "sticker": {}}}
    assert get_platform("telegram").parse(_body(sticker)) == []
    assert get_platform("telegram").parse(_body({"update_id": 2, "poll": {}})) == []
    with pytest.raises(ValidationError):
        get_platform("telegram").parse(b"not json")


def test_zalo_event_signature(tip_settings: Settings) -> None:
    zalo = get_platform("zalo")
    body = _body(ZALO_EVENT)
    mac = hashlib.sha256(b"zalo-app-1" + body + b"1700000000000" + b"zalo-oa-secret").hexdigest()
    assert zalo_mac("zalo-app-1", body, "1700000000000", "zalo-oa-secret") == mac
    zalo.verify({"X-ZEvent-Signature": f"mac={mac}"}, body, settings=tip_settings)
    tampered = body.replace("tăng".encode(), "giảm".encode())
    with pytest.raises(AuthenticationError):
        zalo.verify({"X-ZEvent-Signature": f"mac={mac}"}, tampered, settings=tip_settings)
    with pytest.raises(AuthenticationError):
        zalo.verify({}, body, settings=tip_settings)


def test_zalo_event_parsing() -> None:
    [msg] = get_platform("zalo").parse(_body(ZALO_EVENT))
    assert (msg.user_id, msg.text, msg.message_id) == (
        "246845883529197922", "Có phải tăng lương không?", "96d3cdf3af150460909")
    follow = {**ZALO_EVENT, "event_name": "follow"}
    assert get_platform("zalo").parse(_body(follow)) == []


def test_messenger_signature_and_subscription(tip_settings: Settings) -> None:
    fb = get_platform("messenger")
    body = _body(FB_EVENT)
    sig = "sha256=" + hmac.new(b"fb-app-secret", body, hashlib.sha256).hexdigest()
    fb.verify({"X-Hub-Signature-256": sig}, body, settings=tip_settings)
    with pytest.raises(AuthenticationError):
        fb.verify({"X-Hub-Signature-256": "sha256=" + "0" * 64}, body, settings=tip_settings)
    params = {"hub.mode": "subscribe", "hub.verify_token": "fb-verify", "hub.challenge": "1158201444"}
    assert Messenger().verify_subscription(params, settings=tip_settings) == "1158201444"
    with pytest.raises(AuthenticationError):
        Messenger().verify_subscription({**params, "hub.verify_token": "x"},
                                        settings=tip_settings)


def test_messenger_parsing_skips_echoes_and_deliveries() -> None:
    messages = get_platform("messenger").parse(_body(FB_EVENT))
    assert [(m.user_id, m.text) for m in messages] == [("PSID_1", "Tin này thật không?")]
    assert get_platform("messenger").parse(_body({"object": "instagram", "entry": []})) == []


@pytest.mark.parametrize("name", ["telegram", "zalo", "messenger"])
def test_send_apis_against_local_fakes(name: str, tip_settings: Settings,
                                       platform_fake: PlatformFake) -> None:
    platform = get_platform(name)
    with make_client(tip_settings) as client:
        platform.send(client, "user-1", "Xin chào 👋", settings=tip_settings)
        platform.send(client, "user-1", "x" * 5000, settings=tip_settings, followup=True)
    first, second = platform_fake.of(name)
    assert first.recipient == "user-1" and first.text == "Xin chào 👋"
    assert len(second.text) <= platform.max_chars
    if name == "messenger":
        assert first.body["messaging_type"] == "RESPONSE"
        assert second.body["messaging_type"] == "UPDATE"
        assert "tag" not in second.body


@pytest.mark.parametrize("name", ["telegram", "zalo", "messenger"])
def test_send_errors_become_delivery_errors(name: str, tip_settings: Settings,
                                            platform_fake: PlatformFake) -> None:
    platform_fake.fail = True
    with make_client(tip_settings) as client, pytest.raises(DeliveryError):
        get_platform(name).send(client, "user-1", "hi", settings=tip_settings)


def test_messaging_windows(tip_settings: Settings) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    ago = {h: now - timedelta(hours=h) for h in (1, 23, 25, 47, 49, 24 * 30)}
    tg, zalo, fb = (get_platform(n) for n in ("telegram", "zalo", "messenger"))
    assert all(tg.may_follow_up(t, now, settings=tip_settings) for t in ago.values())
    assert [fb.may_follow_up(ago[h], now, settings=tip_settings) for h in (1, 23, 25)] == [
        True, True, False]
    assert [zalo.may_follow_up(ago[h], now, settings=tip_settings) for h in (25, 47, 49)] == [
        True, True, False]
    week = tip_settings.replace(zalo_followup_window_hours=24 * 7)
    assert zalo.may_follow_up(ago[49], now, settings=week)


def test_contacts_and_platform_names() -> None:
    assert split_contact("zalo:123") == ("zalo", "123")
    for bad in ("zalo", "sms:1", "telegram:"):
        with pytest.raises(ValidationError):
            split_contact(bad)
    with pytest.raises(ValidationError):
        get_platform("whatsapp")
