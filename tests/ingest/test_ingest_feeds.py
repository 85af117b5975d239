"""RSS/Atom polling against a real local HTTP server: ETag/Last-Modified, 304, errors, rate."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from kiemchung.errors import ConflictError, ValidationError
from kiemchung.ingest import add_feed, poll_feeds
from kiemchung.ingest.feeds import strip_html
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


class FeedServer:
    """Serves the test feeds with ETag and Last-Modified, and records each request."""

    def __init__(self) -> None:
        self.bodies = {"/rss": (DATA / "feed_rss.xml").read_bytes(),
                       "/atom": (DATA / "feed_atom.xml").read_bytes(),
                       "/garbage": b"<html><body>not a feed</body></html>"}
        self.modified = formatdate(1772330000, usegmt=True)
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                if self.path == "/broken":
                    self.send_error(500)
                    return
                body = server.bodies.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if (self.headers.get("If-None-Match") == etag
                        or self.headers.get("If-Modified-Since") == server.modified):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", server.modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def _evidence(store: Store) -> list[m.EvidenceItem]:
    with store.session() as session:
        return list(session.scalars(select(m.EvidenceItem).order_by(m.EvidenceItem.url)))


def _feeds(store: Store) -> dict[str, m.Feed]:
    with store.session() as session:
        return {f.url.rsplit("/", 1)[1]: f for f in session.scalars(select(m.Feed))}


def test_poll_fetches_then_uses_conditional_get(store: Store, settings: Settings,
                                                feed_server: FeedServer) -> None:
    add_feed(store, feed_server.base + "/rss", name="Bộ Y tế", kind="official")
    add_feed(store, feed_server.base + "/atom")
    first = poll_feeds(store, settings=settings)
    assert [(r.outcome, r.http_status, r.new_items) for r in first] == [
        ("fetched", 200, 2), ("fetched", 200, 1)]
    items = _evidence(store)
    assert [i.url for i in items] == ["https://ca.example.vn/bai/10", "https://moh.example.vn/tin/1",
                                      "https://moh.example.vn/tin/2"]
    moh = items[1]
    assert moh.title == "Bộ Y tế bác bỏ tin đồn uống nước chanh nóng chữa ung thư"
    assert moh.text == "Thông tin không có cơ sở khoa học."
    assert moh.publisher == "Bộ Y tế"
    assert moh.published_at is not None and moh.published_at.hour == 1
    assert "chanh nong" in moh.text_folded
    assert items[0].publisher == "Cổng thông tin Công an"
    feeds = _feeds(store)
    assert feeds["rss"].etag and feeds["rss"].last_modified and feeds["rss"].items_seen == 2

    _, headers = feed_server.requests[0]
    assert headers["User-Agent"].startswith("kiemchung/")

    second = poll_feeds(store, settings=settings, force=True)
    assert [(r.outcome, r.http_status) for r in second] == [("not_modified", 304)] * 2
    _, headers = feed_server.requests[-1]
    assert headers.get("If-None-Match") and headers.get("If-Modified-Since")
    assert len(_evidence(store)) == 3


def test_polite_interval_skips_recent_feeds(store: Store, settings: Settings,
                                            feed_server: FeedServer) -> None:
    add_feed(store, feed_server.base + "/rss")
    poll_feeds(store, settings=settings)
    again = poll_feeds(store, settings=settings)
    assert [r.outcome for r in again] == ["skipped"]
    assert feed_server.paths() == ["/rss"]
    later = poll_feeds(store, settings=settings,
                       now=lambda: m.utcnow() + timedelta(seconds=settings.feed_min_interval_s + 1))
    assert [r.outcome for r in later] == ["not_modified"]


def test_errors_are_recorded_per_feed(store: Store, settings: Settings,
                                      feed_server: FeedServer) -> None:
    for path in ("/broken", "/garbage", "/missing", "/rss"):
        add_feed(store, feed_server.base + path)
    add_feed(store, "http://127.0.0.1:9/refused")  # nothing listens on the discard port
    results = {r.url.rsplit("/", 1)[1]: r for r in poll_feeds(store, settings=settings)}
    assert results["broken"].outcome == "error" and results["broken"].http_status == 500
    assert results["missing"].http_status == 404
    assert results["garbage"].outcome == "error" and "not an RSS/Atom feed" in str(
        results["garbage"].error)
    assert results["refused"].outcome == "error" and results["refused"].http_status is None
    assert results["rss"].outcome == "fetched" and results["rss"].new_items == 2
    feeds = _feeds(store)
    assert feeds["broken"].last_error == "HTTP 500" and feeds["broken"].last_status == 500
    assert feeds["refused"].last_error
    assert feeds["rss"].last_error is None


def test_add_feed_validates(store: Store) -> None:
    add_feed(store, "https://a.example/feed")
    with pytest.raises(ConflictError):
        add_feed(store, "https://a.example/feed")
    with pytest.raises(ValidationError):
        add_feed(store, "file:///etc/passwd")
    with pytest.raises(ValidationError):
        add_feed(store, "https://b.example/feed", kind="blog")


def test_strip_html_drops_scripts_and_refuses_a_bare_string() -> None:
    assert strip_html(["<p>a&amp;b</p><script>x()</script><style>p{}</style>c"]) == [" a&bc"]
    with pytest.raises(ValidationError):
        strip_html("<p>x</p>")
