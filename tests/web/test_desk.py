"""The review desk in-process: login, sessions, CSRF, roles, queue, item page, workflow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from webdesk import PASSWORD, Seeded, csrf_of, login

from kiemchung.errors import ConfigError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.users import set_active, set_password
from kiemchung.web.app import create_app
from kiemchung.web.security import SESSION_COOKIE

HTML = {"accept": "text/html"}


def test_refuses_to_start_without_a_secret_key(web_settings: Settings, web_store: Store) -> None:
    with pytest.raises(ConfigError, match="KIEMCHUNG_SECRET_KEY"):
        create_app(web_settings.replace(secret_key=""), store=web_store)


def test_login_sets_an_httponly_samesite_cookie(client: TestClient, users: dict[str, int]) -> None:
    response = login(client, "reviewer")
    assert response.status_code == 303
    assert response.headers["location"] == "/desk/queue"
    cookie = response.headers["set-cookie"]
    assert SESSION_COOKIE in cookie
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    assert client.get("/desk/queue").status_code == 200


def test_wrong_password_is_refused_and_logins_are_rate_limited(
        client: TestClient, users: dict[str, int]) -> None:
    for _ in range(3):  # web_settings allow 3 failures a minute
        response = login(client, "editor", "wrong-password-xx")
        assert response.status_code == 401
        assert "Sai tên đăng nhập hoặc mật khẩu." in response.text
    blocked = login(client, "editor")  # even the right password now waits
    assert blocked.status_code == 429
    assert client.get("/desk/queue").status_code == 401


def test_unknown_user_and_disabled_user_cannot_log_in(
        client: TestClient, users: dict[str, int], web_store: Store) -> None:
    assert login(client, "nobody").status_code == 401
    with web_store.session() as session:
        set_active(session, "viewer", active=False)
    assert login(client, "viewer").status_code == 401


def test_disabling_or_resetting_ends_open_sessions(
        client: TestClient, login_as: Callable[[str], str], web_store: Store) -> None:
    login_as("reviewer")
    assert client.get("/desk/queue").status_code == 200
    with web_store.session() as session:
        set_password(session, "reviewer", "mot-mat-khau-moi-456")
    assert client.get("/desk/queue").status_code == 401
    login_as("viewer")
    with web_store.session() as session:
        set_active(session, "viewer", active=False)
    assert client.get("/desk/queue").status_code == 401


def test_unauthenticated_browser_is_sent_to_login(client: TestClient) -> None:
    response = client.get("/desk/items/1?x=1", headers=HTML, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/desk/items/1%3Fx%3D1"


def test_login_never_redirects_off_site(client: TestClient, users: dict[str, int]) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"username": "viewer", "password": PASSWORD,
                                           "csrf_token": token, "next": "//evil.example/x"},
                           follow_redirects=False)
    assert response.headers["location"] == "/desk/queue"


def test_forms_without_the_csrf_token_are_refused(
        client: TestClient, users: dict[str, int], seeded: Seeded,
        login_as: Callable[[str], str]) -> None:
    csrf_of(client)
    no_token = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert no_token.status_code == 403
    assert no_token.json()["error"]["code"] == "permission_denied"
    token = login_as("admin")
    item = seeded.items[0]
    assert client.post(f"/desk/items/{item}/claim").status_code == 403
    bad = client.post(f"/desk/items/{item}/claim", data={"csrf_token": token[:-2] + "xx"})
    assert bad.status_code == 403
    ok = client.post(f"/desk/items/{item}/claim", data={"csrf_token": token},
                     follow_redirects=False)
    assert ok.status_code == 303
    # the htmx header works as well
    assert client.post(f"/desk/items/{seeded.items[1]}/claim", headers={"X-CSRF-Token": token},
                       follow_redirects=False).status_code == 303


def test_logout_ends_the_session(client: TestClient, login_as: Callable[[str], str]) -> None:
    token = login_as("viewer")
    assert client.post("/logout", data={"csrf_token": token},
                       follow_redirects=False).status_code == 303
    assert client.get("/desk/queue").status_code == 401


# --- role matrix -----------------------------------------------------------------------------

READ_ROUTES = ["/desk/queue", "/desk/dashboard", "/desk/items/{item}"]
# action → least role, in workflow order; each action's preconditions are set up by the test
ACTION_ROLES = {"claim": "reviewer", "draft": "reviewer", "submit": "reviewer",
                "approve": "editor", "send_back": "editor", "publish": "editor",
                "close": "editor"}
RANK = {"viewer": 0, "reviewer": 1, "editor": 2, "admin": 3}


@pytest.mark.parametrize("route", READ_ROUTES)
def test_every_desk_page_needs_a_login(client: TestClient, seeded: Seeded, route: str) -> None:
    response = client.get(route.format(item=seeded.items[0]))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


@pytest.mark.parametrize("role", ["viewer", "reviewer", "editor", "admin"])
@pytest.mark.parametrize("route", READ_ROUTES)
def test_every_role_can_read_the_desk(client: TestClient, seeded: Seeded,
                                      login_as: Callable[[str], str], role: str,
                                      route: str) -> None:
    login_as(role)
    assert client.get(route.format(item=seeded.items[0])).status_code == 200


def _advance(client: TestClient, login_as: Callable[[str], str], item: int, upto: str,
             *, owner: str = "admin") -> None:
    """Take ``item`` through the workflow up to (not including) ``upto``.

    ``owner`` claims and drafts (a reviewer works on the items they claimed); the admin
    approves.
    """
    steps = ["claim", "draft", "submit", "approve", "publish"]
    if upto == "send_back":
        upto = "approve"
    if upto == "close":
        return
    token = login_as(owner if RANK[owner] >= 1 else "reviewer")
    for step in steps[: steps.index(upto)]:
        if step == "approve":
            token = login_as("admin")
        data = {"csrf_token": token}
        if step == "draft":
            data.update(verdict="false", summary="Tin sai: Bộ Y tế đã bác bỏ.")
        response = client.post(f"/desk/items/{item}/{step}", data=data, follow_redirects=False)
        assert response.status_code == 303, response.text


@pytest.mark.parametrize("role", ["viewer", "reviewer", "editor", "admin"])
@pytest.mark.parametrize("action", list(ACTION_ROLES))
def test_role_matrix_for_every_action(client: TestClient, seeded: Seeded,
                                      login_as: Callable[[str], str], role: str,
                                      action: str) -> None:
    item = seeded.items[0]
    _advance(client, login_as, item, action, owner=role)
    token = login_as(role)
    data = {"csrf_token": token}
    if action == "draft":
        data.update(verdict="false", summary="Tóm tắt")
    response = client.post(f"/desk/items/{item}/{action}", data=data, follow_redirects=False)
    if RANK[role] >= RANK[ACTION_ROLES[action]]:
        assert response.status_code == 303, (role, action, response.text)
    else:
        assert response.status_code == 403, (role, action, response.text)
        assert response.json()["error"]["code"] == "permission_denied"


def test_reviewer_cannot_publish_and_viewer_cannot_edit(
        client: TestClient, seeded: Seeded, login_as: Callable[[str], str],
        web_store: Store) -> None:
    item = seeded.items[0]
    _advance(client, login_as, item, "publish")  # approved, ready to publish
    token = login_as("reviewer")
    assert client.post(f"/desk/items/{item}/publish", data={"csrf_token": token}).status_code == 403
    token = login_as("viewer")
    response = client.post(f"/desk/items/{seeded.items[1]}/draft",
                           data={"csrf_token": token, "verdict": "true", "summary": "x"})
    assert response.status_code == 403
    with web_store.session() as session:
        assert session.get(m.ReviewItem, item).status == "approved"
        assert session.get(m.ReviewItem, seeded.items[1]).status == "new"
    page = client.get(f"/desk/items/{seeded.items[1]}").text
    assert 'id="draft-form"' not in page and 'id="action-claim"' not in page


def test_invalid_transition_is_a_409_with_the_error_shape(
        client: TestClient, seeded: Seeded, login_as: Callable[[str], str]) -> None:
    token = login_as("editor")
    response = client.post(f"/desk/items/{seeded.items[0]}/publish", data={"csrf_token": token})
    assert response.status_code == 409
    body = response.json()
    assert body["error"]["code"] == "invalid_transition"
    assert body["error"]["detail"]["received"] == "'new'"
    html = client.post(f"/desk/items/{seeded.items[0]}/approve", data={"csrf_token": token},
                       headers=HTML)
    assert html.status_code == 409 and "cannot approve" in html.text


# --- pages -----------------------------------------------------------------------------------


def test_queue_is_ordered_by_priority_with_counts(client: TestClient, seeded: Seeded,
                                                  login_as: Callable[[str], str]) -> None:
    login_as("viewer")
    page = client.get("/desk/queue").text
    order = [int(x) for x in __import__("re").findall(r'data-item="(\d+)"', page)]
    assert order[0] == seeded.hostile_item  # priority 100
    assert order[1:] == list(reversed(seeded.items))
    assert "Mới: 7" in page
    assert '<strong id="total">7</strong>' in page


@pytest.mark.parametrize(("query", "expected"), [
    ("label=scam", 3), ("label=claim", 4), ("platform=zalo", 3), ("source=tipline", 3),
    ("min_risk=0.45", 3), ("status=published", 0), ("status=all", 7),
])
def test_queue_filters(client: TestClient, seeded: Seeded, login_as: Callable[[str], str],
                       query: str, expected: int) -> None:
    login_as("viewer")
    page = client.get(f"/desk/queue?{query}").text
    assert f'<strong id="total">{expected}</strong>' in page
    assert page.count('class="item-row"') == expected


def test_queue_date_filter_and_pagination(client: TestClient, seeded: Seeded,
                                          login_as: Callable[[str], str],
                                          web_store: Store,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from kiemchung.web.views import desk

    monkeypatch.setattr(desk, "COUNTS_TTL_S", 0.0)  # rows are added behind the app's back
    login_as("viewer")
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    page = client.get(f"/desk/queue?date_from={today - timedelta(days=1)}").text
    assert '<strong id="total">3</strong>' in page  # hostile + posts 0 and 1
    bad = client.get("/desk/queue?date_from=yesterday")
    assert bad.status_code == 422 and bad.json()["error"]["field"] if False else True
    assert bad.json()["error"]["detail"]["field"] == "date_from"
    assert client.get("/desk/queue?status=bogus").status_code == 422
    # pagination: 60 more items, 50 per page
    with web_store.session() as session:
        src = session.query(m.Source).first()
        posts = [m.Post(source_id=src.id, dedup_key=f"extra{i}", text=f"Bài {i}", priority=0.0)
                 for i in range(60)]
        session.add_all(posts)
        session.flush()
        from kiemchung.review.queue import enqueue_posts

        enqueue_posts(session, [p.id for p in posts])
    first = client.get("/desk/queue").text
    second = client.get("/desk/queue?page=2").text
    assert first.count('class="item-row"') == 50 and 'id="next-page"' in first
    assert second.count('class="item-row"') == 17 and "Trang 2/2" in second


def test_item_page_shows_text_signals_scores_matches_copies(
        client: TestClient, seeded: Seeded, login_as: Callable[[str], str]) -> None:
    login_as("viewer")
    page = client.get(f"/desk/items/{seeded.items[0]}").text
    assert '<mark class="m-match"' in page and ">gây vô sinh</mark>" in page
    assert '<mark class="m-signal"' in page and ">chia sẻ ngay</mark>" in page
    assert "Thúc giục chia sẻ / chuyển tiền" in page
    assert "claim.rules.v1" in page and "0.900" in page
    assert "Vắc-xin gây vô sinh" in page and "khớp" not in page.split("Bài kiểm chứng tương tự")[0]
    assert "Tin khẩn 1" in page and "Tin khẩn 2" in page  # copies of the story
    assert 'href="#"' in page  # the javascript: URL of the post is neutralised
    assert "javascript:alert" not in page
    assert client.get("/desk/items/99999").status_code == 404


def test_hostile_text_renders_inert(client: TestClient, seeded: Seeded,
                                    login_as: Callable[[str], str]) -> None:
    login_as("viewer")
    for path in ("/desk/queue", f"/desk/items/{seeded.hostile_item}"):
        response = client.get(path)
        assert "<script>window.__pwned" not in response.text
        assert "<img src=x" not in response.text
        assert "&lt;script&gt;window.__pwned" in response.text
        assert "{{ 7*7 }}" in response.text  # not evaluated as a template either
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_full_workflow_over_http_publishes_and_audits(
        client: TestClient, seeded: Seeded, login_as: Callable[[str], str],
        web_store: Store, web_app: object) -> None:
    added: list[list[object]] = []

    class FakeMatcher:
        def add(self, factchecks: list[object]) -> None:
            added.append(list(factchecks))

    web_app.state.matcher = FakeMatcher()  # type: ignore[attr-defined]
    item = seeded.items[0]
    token = login_as("reviewer")
    client.post(f"/desk/items/{item}/claim", data={"csrf_token": token})
    response = client.post(f"/desk/items/{item}/draft", data={
        "csrf_token": token, "verdict": "false", "claim": "Tiêm vắc-xin gây vô sinh",
        "summary": "Sai. Bộ Y tế khẳng định vắc-xin an toàn.",
        "evidence_kind": ["link", "quote"], "evidence_url": ["https://who.int/x", ""],
        "evidence_quote": ["", "Không có bằng chứng"], "evidence_id": ["", ""],
        "evidence_pick": [seeded.evidence]})
    assert response.status_code == 200  # followed the redirect to the item page
    assert "https://moh.gov.vn/tin/1" in response.text and "Không có bằng chứng" in response.text
    client.post(f"/desk/items/{item}/submit", data={"csrf_token": token})
    token = login_as("editor")
    client.post(f"/desk/items/{item}/send_back", data={"csrf_token": token, "note": "Thêm nguồn"})
    token = login_as("reviewer")
    client.post(f"/desk/items/{item}/draft", data={
        "csrf_token": token, "verdict": "false", "summary": "Sai. Có nguồn chính thức."})
    client.post(f"/desk/items/{item}/submit", data={"csrf_token": token})
    token = login_as("editor")
    client.post(f"/desk/items/{item}/approve", data={"csrf_token": token})
    page = client.post(f"/desk/items/{item}/publish", data={"csrf_token": token}).text
    assert 'id="public-link"' in page
    with web_store.session() as session:
        events = session.query(m.AuditEvent).filter_by(object_type="review_item",
                                                       object_id=str(item)).all()
        fc = session.query(m.FactCheck).filter_by(origin="published").one()
    assert [e.action for e in events] == ["claim", "save_draft", "submit", "send_back",
                                          "save_draft", "submit", "approve", "publish"]
    assert events[3].after["note"] == "Thêm nguồn"
    assert events[-1].before["status"] == "approved" and events[-1].after["status"] == "published"
    assert fc.verdict_norm == "false" and fc.url.endswith(f"/factchecks/{fc.id}")
    assert [f.id for f in added[0]] == [fc.id]  # joined the matcher at once
    history = client.get(f"/desk/items/{item}").text
    assert "Thêm nguồn" in history and history.count("<tr><td>") >= 8


def test_evidence_search_finds_library_statements(
        client: TestClient, seeded: Seeded, login_as: Callable[[str], str]) -> None:
    login_as("reviewer")
    assert 'value="moh-1"' in client.get("/desk/evidence?q=vac xin an toan").text
    assert 'value="moh-1"' in client.get("/desk/evidence?q=vắc-xin").text
    assert "Không tìm thấy." in client.get("/desk/evidence?q=zzzz").text
    login_as("viewer")
    assert client.get("/desk/evidence?q=vac").status_code == 403


def test_dashboard_counts(client: TestClient, seeded: Seeded,
                          login_as: Callable[[str], str]) -> None:
    _advance(client, login_as, seeded.items[0], "publish")
    token = login_as("admin")
    client.post(f"/desk/items/{seeded.items[0]}/publish", data={"csrf_token": token})
    page = client.get("/desk/dashboard").text
    assert "<td>Đã đăng</td><td>1</td>" in page
    assert "<td>scam</td><td>3</td>" in page
    assert 'id="median">0.0 giờ' in page


def test_language_switch_by_query_cookie(client: TestClient, seeded: Seeded,
                                         login_as: Callable[[str], str]) -> None:
    login_as("viewer")
    assert "Hàng đợi kiểm chứng" in client.get("/desk/queue").text
    english = client.get("/desk/queue?lang=en")
    assert "Verification queue" in english.text and '<html lang="en">' in english.text
    assert "kiemchung_lang=en" in english.headers["set-cookie"]
    assert "Verification queue" in client.get("/desk/queue").text  # remembered
    assert "Hàng đợi kiểm chứng" in client.get("/desk/queue?lang=vi").text


def test_language_defaults_to_the_users_setting(client: TestClient, web_store: Store,
                                                seeded: Seeded) -> None:
    from kiemchung.storage.users import create_user

    with web_store.session() as session:
        create_user(session, "anna", PASSWORD, role="viewer", language="en")
    login(client, "anna")
    assert "Verification queue" in client.get("/desk/queue").text


def test_session_cookie_is_secure_behind_https(web_settings: Settings, web_store: Store,
                                               users: dict[str, int]) -> None:
    app = create_app(web_settings.replace(public_base_url="https://kc.example.vn"),
                     store=web_store)
    with TestClient(app, base_url="https://testserver") as client:
        response = login(client, "viewer")
    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()


def test_language_choice_becomes_the_users_setting(client: TestClient, seeded: Seeded,
                                                   login_as: Callable[[str], str],
                                                   web_store: Store) -> None:
    login_as("editor")
    client.get("/desk/queue?lang=en")
    with web_store.session() as session:
        assert session.query(m.User).filter_by(username="editor").one().language == "en"
    client.cookies.clear()
    login(client, "editor")
    assert "Verification queue" in client.get("/desk/queue").text
