"""Public fact-check pages, ClaimReview JSON-LD, Atom feed, exports, JSON API, error shape."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from webdesk import HOSTILE, Seeded

from kiemchung.errors import ERROR_CLASSES, KiemchungError
from kiemchung.publish.claimreview import validate_claim_review
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.web.app import create_app
from kiemchung.web.i18n import CODES, EN

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "kiemchung" / "web" / "templates"


def _publish(client: TestClient, login_as: Callable[[str], str], item: int, *,
             claim: str = "Tiêm vắc-xin gây vô sinh", verdict: str = "false") -> None:
    token = login_as("editor")
    for step, extra in [("claim", {}),
                        ("draft", {"verdict": verdict, "claim": claim,
                                   "summary": "Sai. Bộ Y tế khẳng định vắc-xin an toàn.",
                                   "evidence_kind": "link",
                                   "evidence_url": "https://moh.gov.vn/tin/1",
                                   "evidence_quote": "", "evidence_id": ""}),
                        ("submit", {}), ("approve", {}), ("publish", {})]:
        response = client.post(f"/desk/items/{item}/{step}", data={"csrf_token": token, **extra},
                               follow_redirects=False)
        assert response.status_code == 303, response.text
    client.cookies.clear()


@pytest.fixture
def published(client: TestClient, seeded: Seeded, login_as: Callable[[str], str]) -> str:
    _publish(client, login_as, seeded.items[0])
    _publish(client, login_as, seeded.items[3], claim=HOSTILE, verdict="scam")
    return "kc-1"


def _json_ld(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json" id="claimreview">(.*?)</script>',
                      html, re.S)
    assert found
    return json.loads(found.group(1))


def test_public_page_has_valid_claimreview(client: TestClient, published: str) -> None:
    response = client.get(f"/factchecks/{published}")
    assert response.status_code == 200
    assert "Sai sự thật" in response.text and "Tiêm vắc-xin gây vô sinh" in response.text
    data = _json_ld(response.text)
    assert validate_claim_review(data) == []
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "Tiêm vắc-xin gây vô sinh"
    assert data["url"] == f"http://kiemchung.example.vn/factchecks/{published}"
    assert data["reviewRating"]["ratingValue"] == 1
    assert data["author"]["name"] == "Bàn kiểm chứng thử nghiệm"
    assert "https://moh.gov.vn/tin/1" in response.text


def test_hostile_claim_is_inert_on_the_public_page(client: TestClient, published: str) -> None:
    html = client.get("/factchecks/kc-2").text
    assert "<script>window.__pwned" not in html
    assert html.count("</script>") == 2  # htmx and the JSON-LD block only
    assert _json_ld(html)["claimReviewed"] == HOSTILE  # intact once parsed


def test_public_pages_need_no_login_and_404_unknown(client: TestClient, published: str) -> None:
    index = client.get("/factchecks").text
    assert 'href="/factchecks/kc-1"' in index and 'href="/factchecks/kc-2"' in index
    assert client.get("/factchecks/afp-1").status_code == 404  # imported, not ours
    missing = client.get("/factchecks/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_atom_feed(client: TestClient, published: str) -> None:
    response = client.get("/factchecks/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert {e.link for e in feed.entries} == {
        "http://kiemchung.example.vn/factchecks/kc-1", "http://kiemchung.example.vn/factchecks/kc-2"}
    assert any(e.title.startswith("[Sai sự thật]") for e in feed.entries)


def test_csv_and_jsonl_exports(client: TestClient, published: str) -> None:
    text = client.get("/factchecks/export.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["id"] for r in rows} == {"kc-1", "kc-2"}
    lines = client.get("/factchecks/export.jsonl").text.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["verdict"] for r in records} == {"false", "scam"}
    assert all("author" not in r for r in records)  # nobody's identity is exported


def test_json_api(client: TestClient, published: str) -> None:
    body = client.get("/api/v1/factchecks?limit=1").json()
    assert body["total"] == 2 and body["limit"] == 1 and len(body["items"]) == 1
    one = client.get("/api/v1/factchecks/kc-1").json()
    assert one["verdict"] == "false" and one["evidence"][0]["url"] == "https://moh.gov.vn/tin/1"
    assert validate_claim_review(one["claim_review"]) == []
    missing = client.get("/api/v1/factchecks/nope")
    assert missing.status_code == 404
    assert set(missing.json()["error"]) == {"code", "message", "detail"}
    assert client.get("/api/v1/factchecks?limit=0").status_code == 422


def test_openapi_documents_the_factcheck_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/factchecks" in spec["paths"]
    assert "/api/v1/factchecks/{fc_id}" in spec["paths"]
    assert "FactCheckOut" in spec["components"]["schemas"]
    assert not any(p.startswith("/desk") for p in spec["paths"])


@pytest.mark.parametrize("error_class", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_class_has_the_json_error_shape(web_settings: Settings, web_store: Store,
                                                    error_class: type[KiemchungError]) -> None:
    app = create_app(web_settings, store=web_store)
    router = APIRouter()

    @router.get("/api/v1/_boom")
    def boom() -> None:
        if error_class.__name__ == "DependencyMissingError":
            raise error_class("pkg", extra="x")  # type: ignore[call-arg]
        raise error_class("boom", field="f", expected="e", received="r")

    app.include_router(router)
    response = TestClient(app).get("/api/v1/_boom")
    assert response.status_code == error_class.http_status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == error_class.code


def test_every_template_string_has_an_english_translation() -> None:
    keys: set[str] = set()
    mine = [TEMPLATES / "base.html", TEMPLATES / "error.html", TEMPLATES / "login.html",
            *(TEMPLATES / "desk").glob("*.html"), *(TEMPLATES / "public").glob("*.html")]
    for path in mine:
        keys.update(re.findall(r"""\bt\((?:"([^"]+)"|'([^']+)')\)""", path.read_text()))
    flat = {a or b for a, b in keys}
    missing = sorted(k for k in flat if k not in EN and k not in CODES)
    assert missing == []


def test_static_assets_are_vendored(client: TestClient) -> None:
    js = client.get("/static/vendor/htmx/htmx.min.js")
    assert js.status_code == 200 and "htmx" in js.text[:200]
    assert client.get("/static/style.css").status_code == 200
    page = client.get("/factchecks").text
    assert "http" not in re.sub(r'href="http[^"]*"', "", "".join(
        re.findall(r'<(?:script|link)[^>]*>', page)))  # nothing from a CDN


def test_app_without_store_opens_settings_db(web_settings: Settings) -> None:
    app: FastAPI = create_app(web_settings)
    try:
        assert TestClient(app).get("/factchecks").status_code == 200
    finally:
        app.state.store.close()


def test_published_verdict_is_matched_at_once_by_the_real_matcher(
        client: TestClient, seeded: Seeded, login_as: Callable[[str], str],
        web_app: FastAPI) -> None:
    matcher_module = pytest.importorskip("kiemchung.matching.matcher")
    matcher = matcher_module.Matcher()
    web_app.state.matcher = matcher
    claim = "Uống nước lá tía tô mỗi sáng chữa khỏi bệnh tiểu đường"
    _publish(client, login_as, seeded.items[0], claim=claim)
    assert "kc-1" in matcher
    result = matcher.match(["uong nuoc la tia to moi sang chua khoi benh tieu duong"])[0]
    assert "kc-1" in [match.id for match in result.matches]
