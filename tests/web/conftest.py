"""Fixtures of the web tests: an app on a temporary store, accounts, seeded review items,
and a live server + headless Chromium for browser tests (reusable by other web tests).

Browser fixtures: ``live_server`` serves the ``web_app`` fixture (override ``web_app`` in a
test module to serve another app) with uvicorn in a thread on a free port and yields its
base URL; ``browser_page`` is a fresh Playwright page in Debian's ``/usr/bin/chromium``.
Without Chromium the browser tests skip, unless ``KIEMCHUNG_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from webdesk import PASSWORD, LiveServer, Seeded, csrf_of, login, seed_desk

from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store
from kiemchung.storage.users import create_user

CHROMIUM = Path(os.environ.get("KIEMCHUNG_CHROMIUM", "/usr/bin/chromium"))
ROLES = ("viewer", "reviewer", "editor", "admin")


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
