"""Fixtures of the web tests: an app on a temporary store, accounts, seeded review items,
and a live server + headless Chromium for browser tests (reusable by other web tests).

Browser fixtures: ``live_server`` serves the ``web_app`` fixture (override ``web_app`` in a
test module to serve another app) with uvicorn in a thread on a free port and yields its
base URL; ``browser_page`` is a fresh Playwright page in Debian's ``/usr/bin/chromium``.
Without Chromium the browser tests skip, unless ``KIEMCHUNG_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kiemchung.review.queue import enqueue_posts
from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store
from kiemchung.storage import models as m
from kiemchung.storage.users import create_user

CHROMIUM = Path(os.environ.get("KIEMCHUNG_CHROMIUM", "/usr/bin/chromium"))
PASSWORD = "mat-khau-rat-dai-123"
ROLES = ("viewer", "reviewer", "editor", "admin")
HOSTILE = ('<script>window.__pwned = 1; alert("xss")</script><img src=x onerror="window.__pwned=2">'
           ' "quotes" & \u202eRTL\u202c {{ 7*7 }} </textarea></script>')


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    """Settings of the app under test (secret key, a public base URL)."""
    return settings.replace(public_base_url="http://kiemchung.example.vn",
                            publisher_name="Bàn kiểm chứng thử nghiệm",
                            login_attempts_per_minute=3)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests hash many passwords: use argon2id with tiny costs (production keeps defaults)."""
    from argon2 import PasswordHasher

    from kiemchung.storage import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=256,
                                                         parallelism=1))


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at the newest schema, copied by each test (faster)."""
    path = tmp_path_factory.mktemp("template") / "kiemchung.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def web_store(web_settings: Settings, migrated_sqlite: Path) -> Iterator[Store]:
    target = Path(web_settings.db_url.removeprefix("sqlite:///"))
    if web_settings.db_url.startswith("sqlite:///") and not target.exists():
        shutil.copyfile(migrated_sqlite, target)
    store = open_store(web_settings.db_url)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def users(web_store: Store) -> dict[str, int]:
    """One active account per role, named after it; password :data:`PASSWORD`."""
    ids = {}
    with web_store.session() as session:
        for role in ROLES:
            ids[role] = create_user(session, role, PASSWORD, role=role).id
    return ids


@dataclass
class Seeded:
    """Ids of the seeded data."""

    items: list[int]
    posts: list[int]
    hostile_item: int
    factcheck: str
    evidence: str


def seed_desk(store: Store, *, n: int = 6) -> Seeded:
    """A small desk: posts with analyses, a story with copies, a match, evidence, items."""
    now = datetime.now(UTC)
    with store.session() as session:
        fb = m.Source(name="facebook-export", kind="file")
        tips = m.Source(name="tipline", kind="tipline")
        story = m.Story(title="Tin giả về vắc-xin", size=3)
        session.add_all([fb, tips, story])
        session.flush()
        fc = m.FactCheck(id="afp-1", claim="Vắc-xin gây vô sinh", verdict="Sai",
                         verdict_norm="false", url="https://factcheck.afp.com/x",
                         publisher="AFP", origin="imported")
        ev = m.EvidenceItem(id="moh-1", title="Bộ Y tế: vắc-xin an toàn",
                            text="Bộ Y tế khẳng định vắc-xin an toàn",
                            text_folded="bo y te khang dinh vac xin an toan",
                            url="https://moh.gov.vn/tin/1", publisher="Bộ Y tế",
                            published_at=now)
        session.add_all([fc, ev])
        posts = []
        for i in range(n):
            text = (f"Tin khẩn {i}: tiêm vắc-xin gây vô sinh, chia sẻ ngay! NFD: Hoà bình"
                    if i < 3 else f"Nhận quà 5 triệu đồng, chuyển khoản phí {i} vào STK 0123")
            post = m.Post(source_id=fb.id if i % 2 == 0 else tips.id, dedup_key=f"k{i}", text=text,
                          platform="facebook" if i % 2 == 0 else "zalo",
                          created_at=now - timedelta(days=i), risk=0.1 * (i + 1),
                          priority=float(i + 1), story_id=story.id if i < 3 else None,
                          url=f"https://facebook.com/p/{i}" if i else "javascript:alert(1)")
            session.add(post)
            posts.append(post)
        hostile = m.Post(source_id=fb.id, dedup_key="hostile", text=HOSTILE, platform="facebook",
                         created_at=now, risk=0.99, priority=100.0)
        session.add(hostile)
        session.flush()
        for post in posts:
            scam = "gây vô sinh" not in post.text
            first = post.text.find("chuyển khoản") if scam else post.text.find("chia sẻ ngay")
            session.add(m.Analysis(
                post_id=post.id, analyser="scam.rules.v1" if scam else "claim.rules.v1",
                label="scam" if scam else "claim", score=0.9, scores={"scam": 0.9},
                signals=[{"code": "urgency", "message": "Thúc giục chia sẻ / chuyển tiền",
                          "weight": 0.5, "span": [first, first + 12]}]))
        session.add(m.Analysis(post_id=hostile.id, analyser="claim.rules.v1", label="claim",
                               score=0.5, signals=[{"code": "x", "message": HOSTILE,
                                                    "span": [0, 8]}]))
        session.add(m.Match(post_id=posts[0].id, factcheck_id="afp-1", score=0.91,
                            decision="maybe", highlights=["gây vô sinh"], matcher="hybrid.v1"))
        post_ids = [p.id for p in posts] + [hostile.id]
        enqueue_posts(session, post_ids)
        session.flush()
        items = dict(session.execute(
            m.ReviewItem.__table__.select().with_only_columns(
                m.ReviewItem.post_id, m.ReviewItem.id)).all())
    return Seeded(items=[items[p] for p in post_ids[:-1]], posts=post_ids[:-1],
                  hostile_item=items[hostile.id], factcheck="afp-1", evidence="moh-1")


@pytest.fixture
def seeded(web_store: Store) -> Seeded:
    return seed_desk(web_store)


@pytest.fixture
def web_app(web_settings: Settings, web_store: Store) -> FastAPI:
    from kiemchung.web.app import create_app

    return create_app(web_settings, store=web_store)


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at ``path`` carries in its forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Log ``client`` in through the login form; returns the response."""
    token = csrf_of(client)
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token, "next": "/desk/queue"},
                       follow_redirects=False)


@pytest.fixture
def login_as(client: TestClient, users: dict[str, int]) -> Callable[[str], str]:
    """Log the test client in as ``role``; returns the session's CSRF token."""

    def do(role: str) -> str:
        client.cookies.clear()
        response = login(client, role)
        assert response.status_code == 303, response.text
        return csrf_of(client, "/desk/queue")

    return do


# --- live server and browser -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving an app in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(web_app: FastAPI) -> Iterator[str]:
    """Base URL of ``web_app`` served by uvicorn on a free loopback port."""
    with LiveServer(web_app) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (never downloads a browser)."""
    if not CHROMIUM.exists():
        if os.environ.get("KIEMCHUNG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("KIEMCHUNG_REQUIRE_BROWSER") == "1":
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[Any]:
    """A fresh page (own cookies) that records console errors in ``page.console_errors``."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.console_errors = errors
    try:
        yield page
    finally:
        context.close()
