"""Chat-bot webhooks end to end: platform payload in, reply through the (local fake) send
API, follow-up after a verdict is published, contact forgotten."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tipline_fakes import FakeAnalyser, FakeMatcher, PlatformFake, publish_verdict

from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.tipline import send_followups, zalo_mac
from kiemchung.web.app import create_app
from kiemchung.web.tipline import TiplineRuntime


@pytest.fixture
def client(library_store: Store, tip_settings: Settings) -> Iterator[TestClient]:
    app = create_app(tip_settings, store=library_store)
    app.state.tipline = TiplineRuntime(settings=tip_settings, store=library_store,
                                       matcher=FakeMatcher(), analyser=FakeAnalyser())
    with TestClient(app) as test_client:
        yield test_client


def _telegram(client: TestClient, chat_id: int, text: str, *, secret: str = "tg-secret-token"):
    update = {"update_id": chat_id * 10, "message": {
        "message_id": 1, "date": 1700000000, "text": text,
        "from": {"id": chat_id, "is_bot": False, "first_name": "A", "language_code": "vi"},
        "chat": {"id": chat_id, "type": "private"}}}
    return client.post("/tipline/telegram", json=update,
                       headers={"X-Telegram-Bot-Api-Secret-Token": secret})


def _tips(store: Store) -> list[m.Tip]:
    with store.session() as session:
        return list(session.scalars(select(m.Tip).order_by(m.Tip.id)))


def test_telegram_answer_then_follow_up_then_forgotten(
    client: TestClient, library_store: Store, tip_settings: Settings, platform_fake: PlatformFake
) -> None:
    response = _telegram(client, 4242, "Mai nghỉ học toàn quốc vì rét đậm? SĐT của tôi 0987654321")
    assert response.status_code == 200 and response.json() == {"ok": True, "received": 1}
    [reply] = platform_fake.of("telegram")
    assert reply.recipient == "4242"
    assert "Chưa có bài kiểm chứng" in reply.text
    [tip] = _tips(library_store)
    assert tip.contact == "telegram:4242" and tip.channel == "telegram"
    assert "0987654321" not in tip.text_redacted
    publish_verdict(library_store, post_id=tip.post_id or 0, summary="Bộ GD-ĐT chưa có thông báo.")
    assert send_followups(library_store, settings=tip_settings).sent == 1
    follow = platform_fake.of("telegram")[-1]
    assert follow.recipient == "4242" and "Bộ GD-ĐT chưa có thông báo." in follow.text
    assert _tips(library_store)[0].contact is None


def test_telegram_confident_match_is_answered_and_not_kept(
    client: TestClient, library_store: Store, platform_fake: PlatformFake
) -> None:
    _telegram(client, 7, "EVN hoàn tiền điện qua link này phải không?")
    [reply] = platform_fake.of("telegram")
    assert "Tin này đã được kiểm chứng" in reply.text
    assert "https://evn.example.vn/canh-bao-lua-dao" in reply.text
    [tip] = _tips(library_store)
    assert tip.contact is None and tip.decision == "match"


def test_telegram_start_command_gets_the_welcome(client: TestClient, library_store: Store,
                                                 platform_fake: PlatformFake) -> None:
    _telegram(client, 9, "/start")
    assert "Xin chào" in platform_fake.of("telegram")[0].text
    assert _tips(library_store) == []


def test_wrong_secret_is_refused_in_the_error_shape(client: TestClient,
                                                    platform_fake: PlatformFake) -> None:
    response = _telegram(client, 1, "hi", secret="nope")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert platform_fake.sent == []


def test_zalo_webhook_reply_through_the_oa_api(client: TestClient, library_store: Store,
                                               platform_fake: PlatformFake) -> None:
    event = {"app_id": "zalo-app-1", "event_name": "user_send_text",
             "timestamp": "1700000000123", "sender": {"id": "8090"},
             "recipient": {"id": "OA1"}, "user_id_by_app": "55",
             "message": {"text": "Có phải tăng lương cơ sở lên 5 triệu?", "msg_id": "z1"}}
    body = json.dumps(event, ensure_ascii=False).encode()
    mac = zalo_mac("zalo-app-1", body, "1700000000123", "zalo-oa-secret")
    bad = client.post("/tipline/zalo", content=body, headers={"X-ZEvent-Signature": "mac=00"})
    assert bad.status_code == 401
    ok = client.post("/tipline/zalo", content=body,
                     headers={"X-ZEvent-Signature": f"mac={mac}",
                              "Content-Type": "application/json"})
    assert ok.status_code == 200
    [reply] = platform_fake.of("zalo")
    assert reply.recipient == "8090" and "Sai sự thật" in reply.text
    assert reply.headers["access_token"] == "zalo-oa-access-token"


def test_messenger_handshake_and_reply(client: TestClient, library_store: Store,
                                       platform_fake: PlatformFake) -> None:
    ok = client.get("/tipline/messenger", params={"hub.mode": "subscribe",
                                                  "hub.verify_token": "fb-verify",
                                                  "hub.challenge": "CHALLENGE_ACCEPTED"})
    assert ok.status_code == 200 and ok.text == "CHALLENGE_ACCEPTED"
    assert client.get("/tipline/messenger", params={"hub.mode": "subscribe",
                                                    "hub.verify_token": "x",
                                                    "hub.challenge": "c"}).status_code == 401
    payload = {"object": "page", "entry": [{"id": "P", "time": 1, "messaging": [
        {"sender": {"id": "PSID9"}, "recipient": {"id": "P"}, "timestamp": 1,
         "message": {"mid": "m1", "text": "Chuyển khoản ngay để nhận quà, đọc mã OTP"}}]}]}
    body = json.dumps(payload).encode()
    sig = "sha256=" + hmac.new(b"fb-app-secret", body, hashlib.sha256).hexdigest()
    response = client.post("/tipline/messenger", content=body,
                           headers={"X-Hub-Signature-256": sig,
                                    "Content-Type": "application/json"})
    assert response.status_code == 200
    [reply] = platform_fake.of("messenger")
    assert reply.recipient == "PSID9" and reply.body["messaging_type"] == "RESPONSE"
    assert "Rất có thể là lừa đảo" in reply.text
    [tip] = _tips(library_store)
    assert tip.contact == "messenger:PSID9"


def test_chat_users_are_rate_limited(library_store: Store, tip_settings: Settings,
                                     platform_fake: PlatformFake) -> None:
    limited = tip_settings.replace(rate_limit_per_minute=2)
    app = create_app(limited, store=library_store)
    app.state.tipline = TiplineRuntime(settings=limited, store=library_store,
                                       matcher=FakeMatcher(), analyser=FakeAnalyser())
    with TestClient(app) as client:
        for i in range(4):
            _telegram(client, 77, f"Tin số {i} chưa rõ")
    assert len(platform_fake.of("telegram")) == 2
    assert len(_tips(library_store)) == 2


def test_unknown_platform_is_a_validation_error(client: TestClient) -> None:
    response = client.post("/tipline/whatsapp", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["detail"]["field"] == "platform"
