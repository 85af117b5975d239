"""RSS 2.0 / Atom feeds → the evidence library, politely.

Conditional GET (``If-None-Match`` / ``If-Modified-Since``; a 304 costs nothing), at most
one request per feed every ``feed_min_interval_s`` unless forced, a User-Agent that names
kiemchung, and per-feed state: an error is recorded on its feed, never raised for the
whole poll.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import httpx

from kiemchung import __version__
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.feeds import add_feed as _add_feed
from kiemchung.storage.feeds import insert_evidence, list_feeds, record_poll
from kiemchung.text import fold, normalize
from kiemchung.text._batch import as_batch

log = logging.getLogger(__name__)

_MAX_FEED_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class FeedPollResult:
    """What happened to one feed in a poll: ``fetched``, ``not_modified``, ``skipped``, ``error``."""

    feed_id: int
    url: str
    outcome: str
    http_status: int | None = None
    new_items: int = 0
    error: str | None = None


def add_feed(store: Store, url: str, *, name: str = "", kind: str = "news") -> int:
    """Register an RSS/Atom feed (kind ``news`` or ``official``); returns its id."""
    with store.session() as session:
        return _add_feed(session, url.strip(), name=name, kind=kind).id


def user_agent(settings: Settings) -> str:
    """The User-Agent sent with every feed request."""
    return f"kiemchung/{__version__} (+{settings.public_base_url}; feed reader)"


def poll_feeds(store: Store, *, settings: Settings, force: bool = False,
               client: httpx.Client | None = None,
               now: Callable[[], datetime] | None = None) -> list[FeedPollResult]:
    """Poll every active feed that is due (all of them with ``force``)."""
    clock = now or m.utcnow
    with store.session() as session:
        feeds = [(f.id, f.url, f.name, f.etag, f.last_modified, f.last_polled_at)
                 for f in list_feeds(session, active_only=True)]
    own = client is None
    http = client or httpx.Client(timeout=settings.http_timeout_s, follow_redirects=True)
    try:
        results = []
        for feed_id, url, name, etag, modified, last in feeds:
            interval = timedelta(seconds=settings.feed_min_interval_s)
            if not force and last is not None and clock() - last < interval:
                results.append(FeedPollResult(feed_id, url, "skipped"))
                continue
            results.append(_poll_one(store, http, settings, feed_id, url, name, etag, modified,
                                     clock()))
        return results
    finally:
        if own:
            http.close()


def _poll_one(store: Store, http: httpx.Client, settings: Settings, feed_id: int, url: str,
              name: str, etag: str | None, modified: str | None,
              at: datetime) -> FeedPollResult:
    headers = {"User-Agent": user_agent(settings),
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    try:
        response = http.get(url, headers=headers)
    except httpx.HTTPError as err:
        return _failed(store, feed_id, url, at, None, f"{type(err).__name__}: {err}")
    if response.status_code == 304:
        with store.engine.begin() as conn:
            record_poll(conn, feed_id, last_polled_at=at, last_status=304, last_error=None)
        return FeedPollResult(feed_id, url, "not_modified", 304)
    if response.status_code >= 400:
        return _failed(store, feed_id, url, at, response.status_code,
                       f"HTTP {response.status_code}")
    if len(response.content) > _MAX_FEED_BYTES:
        return _failed(store, feed_id, url, at, response.status_code, "feed larger than 20 MB")
    try:
        rows = parse_feed(response.content, feed_id=feed_id, feed_url=url, publisher=name)
    except ValueError as err:
        return _failed(store, feed_id, url, at, response.status_code, str(err))
    with store.engine.begin() as conn:
        new = insert_evidence(conn, rows)
        record_poll(conn, feed_id, new_items=new, last_polled_at=at,
                    last_status=response.status_code, last_error=None,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"))
    log.info("feed %s: %d items, %d new", url, len(rows), new)
    return FeedPollResult(feed_id, url, "fetched", response.status_code, new)


def _failed(store: Store, feed_id: int, url: str, at: datetime, status: int | None,
            error: str) -> FeedPollResult:
    log.warning("feed %s failed: %s", url, error)
    with store.engine.begin() as conn:
        record_poll(conn, feed_id, last_polled_at=at, last_status=status, last_error=error)
    return FeedPollResult(feed_id, url, "error", status, error=error)


def parse_feed(content: bytes, *, feed_id: int | None, feed_url: str,
               publisher: str = "") -> list[dict[str, Any]]:
    """Evidence rows from the bytes of an RSS 2.0 or Atom document."""
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.entries and not parsed.feed.get("title"):
        reason = parsed.get("bozo_exception") or "no RSS/Atom content"
        raise ValueError(f"not an RSS/Atom feed: {reason}")
    publisher = publisher or str(parsed.feed.get("title", ""))[:300]
    rows = [_entry_row(entry, feed_id, feed_url, publisher) for entry in parsed.entries]
    rows = [row for row in rows if row["title"] or row["text"]]
    folded = fold(normalize([f"{r['title']} {r['text']}" for r in rows]))
    now = m.utcnow()
    for row, fold_text in zip(rows, folded, strict=True):
        row["text_folded"] = fold_text
        row["created_at"] = now
    return rows


def _entry_row(entry: Any, feed_id: int | None, feed_url: str, publisher: str) -> dict[str, Any]:
    title = strip_html([str(entry.get("title", ""))])[0]
    body = ""
    if entry.get("content"):
        body = str(entry["content"][0].get("value", ""))
    body = body or str(entry.get("summary", ""))
    link = str(entry.get("link", "")) or None
    identity = str(entry.get("id") or link or title)
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return {
        "id": "ev-" + hashlib.sha256(f"{feed_url}\x1f{identity}".encode()).hexdigest(),
        "feed_id": feed_id,
        "title": normalize([title])[0],
        "text": normalize(strip_html([body]))[0],
        "url": link if link and link.lower().startswith(("http://", "https://")) else None,
        "publisher": publisher,
        "published_at": datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None,
    }


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "br", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_html(fragments: Sequence[str]) -> list[str]:
    """Plain text of HTML fragments (scripts and styles dropped, entities decoded)."""
    out = []
    for fragment in as_batch(fragments, name="fragments"):
        parser = _TextOnly()
        parser.feed(fragment)
        parser.close()
        out.append("".join(parser.parts))
    return out
