"""Fixtures of the tipline tests (the doubles themselves live in tipline_fakes.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tipline_fakes import (
    BOT_TOKEN,
    PAGE_TOKEN,
    ZALO_TOKEN,
    FakeAnalyser,
    FakeMatcher,
    PlatformFake,
    _handler,
    add_library,
)

from kiemchung.settings import Settings
from kiemchung.storage import Store


@pytest.fixture
def matcher() -> FakeMatcher:
    return FakeMatcher()


@pytest.fixture
def analyser() -> FakeAnalyser:
    return FakeAnalyser()


@pytest.fixture
def library_store(sqlite_store: Store) -> Store:
    add_library(sqlite_store)
    return sqlite_store


# -- local HTTP fakes of the platforms' send APIs -------------------------------------------


@pytest.fixture
def platform_fake() -> Iterator[PlatformFake]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    fake = PlatformFake(server)
    server.RequestHandlerClass = _handler(fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tip_settings(settings: Settings, platform_fake: PlatformFake) -> Settings:
    """Settings with every chat platform configured and pointing at the local fakes."""
    return settings.replace(
        telegram_api_base=platform_fake.base, telegram_bot_token=BOT_TOKEN,
        telegram_webhook_secret="tg-secret-token",
        zalo_api_base=platform_fake.base, zalo_app_id="zalo-app-1",
        zalo_app_secret="zalo-oa-secret", zalo_access_token=ZALO_TOKEN,
        messenger_api_base=platform_fake.base + "/v19.0",
        messenger_app_secret="fb-app-secret", messenger_page_token=PAGE_TOKEN,
        messenger_verify_token="fb-verify", http_timeout_s=5.0,
    )

