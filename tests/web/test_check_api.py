"""``POST /api/v1/check``: answers, the one error shape, size and rate limits, OpenAPI."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from kiemchung.errors import ValidationError
from kiemchung.records import Match, MatchResult
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.web.tipline import TiplineRuntime


class KeywordMatcher:
    """Matcher double: ``vô sinh`` → match with the seeded fact-check, ``vắc`` → maybe."""

    def match(self, texts: Sequence[str], *, top_k: int = 5) -> list[MatchResult]:
        out = []
        for text in texts:
            low = text.lower()
            if "vô sinh" in low or "vo sinh" in low:
                out.append(MatchResult("match", [Match("afp-1", 0.93, verdict="false")]))
            elif "vắc" in low:
                out.append(MatchResult("maybe", [Match("afp-1", 0.55)]))
            else:
                out.append(MatchResult("none", []))
        return out


def add_factcheck(store: Store) -> None:
    with store.session() as session:
        session.add(m.FactCheck(id="afp-1", claim="Vắc-xin gây vô sinh", verdict="Sai",
                                verdict_norm="false", summary="Không có bằng chứng.",
                                url="https://factcheck.afp.com/x", publisher="AFP"))


def runtime_app(settings: Settings, store: Store) -> FastAPI:
    from kiemchung.web.app import create_app

    add_factcheck(store)
    app = create_app(settings, store=store)
    app.state.tipline = TiplineRuntime(settings=settings, store=store, matcher=KeywordMatcher())
    return app


@pytest.fixture
def web_app(web_settings: Settings, web_store: Store) -> FastAPI:
    return runtime_app(web_settings, web_store)


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def flush(client: TestClient) -> None:
    """Wait for the background tip writer."""
    client.app.state.tipline.writer.flush()  # type: ignore[attr-defined]


def test_match_answer_shape(client: TestClient, web_store: Store) -> None:
    response = client.post("/api/v1/check", json={"text": "Tiêm vắc-xin gây vô sinh!!!"})
    assert response.status_code == 200
    body = response.json()
    assert body["decision"] == "match" and body["queued"] is False
    [match] = body["matches"]
    assert match["id"] == "afp-1" and match["verdict"] == "false"
    assert match["url"] == "https://factcheck.afp.com/x" and match["score"] == pytest.approx(0.93)
    assert match["summary"] == "Không có bằng chứng."
    assert body["advice"][0]["code"] == "read_factcheck"
    assert isinstance(body["signals"], list) and body["checker"] == "checker.v1"
    flush(client)
    assert _count(web_store, m.Tip) == 1 and _count(web_store, m.ReviewItem) == 0


@pytest.mark.parametrize("payload", [
    {"text": "Tiêm vắc-xin gây vô sinh!!!"}, {"text": "Vắc xin mới có an toàn?", "lang": "en"},
    {"text": "Chuyển khoản 5 triệu vào STK 0123456789 để nhận quà", "submit": False},
    {"url": "http://vietcombank.com.vn-xac-thuc.top/login"},
])
def test_answers_follow_the_documented_schema(client: TestClient, payload: dict[str, object]
                                              ) -> None:
    # The endpoint builds its JSON itself (FastAPI does not re-validate it): every kind of
    # answer must still be exactly a CheckResponse.
    from kiemchung.web.api.check import CheckResponse

    body = client.post("/api/v1/check", json=payload).json()
    assert CheckResponse.model_validate(body).model_dump(mode="json") == body


def test_no_match_is_queued_and_said_honestly(client: TestClient, web_store: Store) -> None:
    body = client.post("/api/v1/check", json={"text": "Ngày mai mất điện toàn thành phố?"}).json()
    assert body["decision"] == "none" and body["queued"] is True
    flush(client)
    assert _count(web_store, m.ReviewItem) == 1
    assert {a["code"] for a in body["advice"]} >= {"find_source"}


def test_submit_false_stores_nothing(client: TestClient, web_store: Store) -> None:
    body = client.post("/api/v1/check", json={"text": "Tin chưa rõ", "submit": False}).json()
    assert body["decision"] == "none" and body["queued"] is False
    flush(client)
    assert _count(web_store, m.Tip) == 0


def test_url_is_checked_by_its_address(client: TestClient) -> None:
    body = client.post("/api/v1/check",
                       json={"url": "http://vietcombank.com.vn-xac-thuc.top/login",
                             "lang": "en"}).json()
    assert body["decision"] == "none"
    codes = [a["code"] for a in body["advice"]]
    assert "check_domain" in codes
    assert all(a["message"].isascii() or "chongluadao" in a["message"] for a in body["advice"])


@pytest.mark.parametrize(("payload", "field"), [
    (b'{}', "text"),
    (b'{"text": "a", "url": "http://x"}', "text"),
    (b'{"text": 5}', "text"),
    (b'{"text": "  "}', "text"),
    (b'{"text": "a", "admin": true}', "admin"),
    (b'{"text": "a", "lang": "fr"}', "lang"),
    (b'not json', "body"),
    (b'', "body"),
])
def test_validation_errors_use_the_one_error_shape(client: TestClient, payload: bytes,
                                                   field: str) -> None:
    response = client.post("/api/v1/check", content=payload,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"]
    assert error["detail"]["field"] == field or error["detail"]["field"].startswith(field)


def test_too_long_text_is_refused(client: TestClient, web_settings: Settings) -> None:
    text = "a" * (web_settings.max_text_chars + 1)
    response = client.post("/api/v1/check", json={"text": text})
    assert response.status_code in (413, 422)
    assert "error" in response.json()


def test_large_bodies_are_refused_with_413(client: TestClient, web_settings: Settings) -> None:
    big = b'{"text": "' + b"a" * web_settings.max_request_bytes + b'"}'
    response = client.post("/api/v1/check", content=big,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"

    def chunks():  # no Content-Length: streamed, counted as it arrives
        for _ in range(web_settings.max_request_bytes // 1000 + 2):
            yield b"a" * 1000

    streamed = client.post("/api/v1/check", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_clients_are_rate_limited(web_settings: Settings, web_store: Store) -> None:
    app = runtime_app(web_settings.replace(rate_limit_per_minute=3), web_store)
    with TestClient(app) as client:
        codes = [client.post("/api/v1/check", json={"text": "Tin chưa rõ", "submit": False})
                 .status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        error = client.post("/api/v1/check", json={"text": "x"}).json()["error"]
        assert error["code"] == "rate_limited"


def test_openapi_documents_the_check_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/check"]["post"]
    body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert {"text", "url", "lang", "submit"} <= set(body_schema["properties"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/CheckResponse")
    response_schema = spec["components"]["schemas"]["CheckResponse"]
    assert {"decision", "matches", "signals", "advice", "queued"} <= set(
        response_schema["properties"])
    assert {"413", "422", "429"} <= set(operation["responses"])


class CountingMatcher(KeywordMatcher):
    def __init__(self) -> None:
        self.calls = 0

    def match(self, texts: Sequence[str], *, top_k: int = 5) -> list[MatchResult]:
        self.calls += 1
        return super().match(texts, top_k=top_k)


def test_repeated_messages_are_answered_from_the_cache(web_settings: Settings,
                                                       web_store: Store) -> None:
    add_factcheck(web_store)
    counting = CountingMatcher()
    runtime = TiplineRuntime(settings=web_settings, store=web_store, matcher=counting)
    first, _ = runtime.check("Tiêm vắc-xin gây vô sinh", channel="api", lang="vi")
    again, _ = runtime.check("  Tiêm vắc-xin   gây vô sinh ", channel="api", lang="vi")
    assert counting.calls == 1 and again is first
    runtime.writer.flush()
    assert _count(web_store, m.Tip) == 2  # every tip is still stored
    runtime.matcher = CountingMatcher()  # a rebuilt matcher (library changed) empties it
    runtime.check("Tiêm vắc-xin gây vô sinh", channel="api", lang="vi")
    assert runtime.matcher.calls == 1


def test_tips_are_written_in_batches_and_a_bad_one_loses_nothing(web_settings: Settings,
                                                                  web_store: Store) -> None:
    from kiemchung.tipline.tips import NewTip
    from kiemchung.tipline.writer import TipWriter

    add_factcheck(web_store)
    runtime = TiplineRuntime(settings=web_settings, store=web_store, matcher=KeywordMatcher())
    answer = runtime.answer("Tin chưa rõ", lang="vi")
    writer = TipWriter(web_store, settings=web_settings, max_delay_s=0.2)
    for i in range(30):
        writer.put(NewTip(text=f"Tin chưa rõ số {i}", channel="api", answer=answer))
    with pytest.raises(ValidationError):
        writer.put(NewTip(text="", channel="api", answer=answer))
    writer.flush()
    assert writer.written == 30 and writer.failed == 0
    assert _count(web_store, m.Tip) == 30 and _count(web_store, m.ReviewItem) == 30


def test_the_real_matcher_is_rebuilt_when_the_library_changes(web_settings: Settings,
                                                              web_store: Store) -> None:
    add_factcheck(web_store)
    runtime = TiplineRuntime(settings=web_settings, store=web_store)  # default matcher
    claim = "Uống nước chanh nóng mỗi sáng chữa khỏi ung thư giai đoạn cuối"
    assert runtime.answer(claim, lang="vi").decision == "none"
    with web_store.session() as session:
        session.add(m.FactCheck(id="fc-chanh", claim=claim, verdict="Sai", verdict_norm="false",
                                url="https://example.vn/chanh"))
    runtime._checked_at = 0.0  # as if the 30 s check interval had passed
    answer = runtime.answer(claim, lang="vi")
    assert answer.decision == "match" and answer.matches[0].id == "fc-chanh"
