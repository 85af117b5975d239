"""The public "Kiểm tra tin" page: no login, Vietnamese first, English via ?lang=en,
honest answers, limits, escaping; and a browser test on a phone-sized viewport."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from test_check_api import runtime_app

from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m

HOSTILE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> '
           '"quotes" & \u202eRTL\u202c {{ 7*7 }} </textarea></script>')


@pytest.fixture
def web_app(web_settings: Settings, web_store: Store) -> FastAPI:
    return runtime_app(web_settings, web_store)


def test_page_needs_no_login_and_is_vietnamese(client: TestClient) -> None:
    response = client.get("/kiem-tra")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="vi">' in html and "Kiểm tra tin" in html
    assert 'name="viewport"' in html and 'name="text"' in html
    assert "/static/check/check.css" in html
    assert "script-src" not in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "<script" not in html
    assert client.get("/static/check/check.css").status_code == 200


def test_english_via_query(client: TestClient) -> None:
    html = client.get("/kiem-tra?lang=en").text
    assert '<html lang="en">' in html and "Check a message" in html


def test_match_answer_on_the_page(client: TestClient) -> None:
    html = client.post("/kiem-tra", data={"text": "Tiêm vắc-xin gây vô sinh", "lang": "vi"}).text
    assert "Tin này đã được kiểm chứng" in html
    assert "Sai sự thật" in html and "https://factcheck.afp.com/x" in html
    assert "Tự kiểm tra thế nào" in html


def test_no_match_is_honest_and_queued(client: TestClient, web_store: Store) -> None:
    html = client.post("/kiem-tra", data={"text": "Sắp có bão lớn đổ bộ Hà Nội, SĐT tôi "
                                                  "0912345678", "lang": "en"}).text
    assert "No fact-check matches this yet" in html and "passed to our fact-checkers" in html
    client.app.state.tipline.writer.flush()  # type: ignore[attr-defined]
    with web_store.session() as session:
        tip = session.scalars(select(m.Tip)).one()
        assert tip.channel == "web" and tip.contact is None
        assert "0912345678" not in tip.text_redacted
        assert session.scalars(select(m.ReviewItem)).one().post_id == tip.post_id


def test_maybe_is_not_presented_as_a_verdict(client: TestClient) -> None:
    html = client.post("/kiem-tra", data={"text": "Vắc-xin mới có an toàn không"}).text
    assert "Có bài kiểm chứng có thể liên quan" in html and "chưa chắc chắn" in html


def test_empty_and_hostile_input(client: TestClient) -> None:
    assert client.post("/kiem-tra", data={"text": "  "}).status_code == 422
    html = client.post("/kiem-tra", data={"text": HOSTILE}).text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;" not in html  # not echoed
    assert "onerror=" not in html


def test_page_rate_limit(web_settings: Settings, web_store: Store) -> None:
    app = runtime_app(web_settings.replace(rate_limit_per_minute=1), web_store)
    with TestClient(app) as client:
        assert client.post("/kiem-tra", data={"text": "Tin một"}).status_code == 200
        limited = client.post("/kiem-tra", data={"text": "Tin hai"})
        assert limited.status_code == 429 and "quá nhiều yêu cầu" in limited.text


def test_page_body_limit(client: TestClient, web_settings: Settings) -> None:
    big = "a" * (web_settings.max_request_bytes + 10)
    assert client.post("/kiem-tra", data={"text": big}).status_code == 413


@pytest.mark.browser
def test_phone_sized_check_flow(live_server: str, browser_page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server}/kiem-tra")
    assert page.locator("h1").inner_text() == "Kiểm tra tin"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # no sideways scrolling on a phone
    box = page.locator("button[type=submit]").bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] > 300  # thumb-sized
    page.fill("textarea[name=text]", "Tiêm vắc-xin gây vô sinh, chia sẻ ngay")
    page.click("button[type=submit]")
    page.wait_for_selector("#answer")
    assert "Tin này đã được kiểm chứng" in page.locator("#decision").inner_text()
    assert page.locator(".match a.source").get_attribute("href") == "https://factcheck.afp.com/x"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.fill("textarea[name=text]", "Chuyển khoản 5 triệu để nhận quà tại http://qua-tang.top")
    page.click("button[type=submit]")
    page.wait_for_selector("#answer")
    assert "Chưa có bài kiểm chứng" in page.locator("#decision").inner_text()
    assert page.locator("#advice li").count() >= 2
    page.click("a.lang")
    assert page.locator("h1").inner_text() == "Check a message"
    assert page.console_errors == []
