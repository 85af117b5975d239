"""Web layer of the public checker and tipline: the "Kiểm tra tin" page and chat webhooks.

Thin: parse the request, call :mod:`kiemchung.tipline`, format the answer. Shared state
(matcher, rate limiters, outgoing HTTP transport) lives in one :class:`TiplineRuntime` per
app, created by :func:`tipline_runtime`.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi import APIRouter, BackgroundTasks, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from kiemchung.errors import KiemchungError, RateLimitedError, ValidationError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.text import normalize
from kiemchung.tipline import _i18n
from kiemchung.tipline.answer import (
    AnalyserLike,
    CheckAnswer,
    MatcherLike,
    check_texts,
    default_matcher,
)
from kiemchung.tipline.batcher import MicroBatcher
from kiemchung.tipline.limits import RateLimiter
from kiemchung.tipline.platforms import Messenger, get_platform, make_client
from kiemchung.tipline.replies import answer_messages
from kiemchung.tipline.tips import NewTip
from kiemchung.tipline.writer import TipWriter

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).parent
PAGE_PATH = "/kiem-tra"
WEBHOOK_PREFIX = "/tipline"
LIMITED_PREFIXES: tuple[str, ...] = (PAGE_PATH, "/api/v1/check", WEBHOOK_PREFIX)
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
MATCHER_CHECK_S = 30.0
ANSWER_CACHE_SIZE = 4096
_templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))

ASGIApp = Callable[[MutableMapping[str, Any], Callable[[], Awaitable[Any]],
                    Callable[[MutableMapping[str, Any]], Awaitable[None]]], Awaitable[None]]


@dataclass
class TiplineRuntime:
    """Per-app state of the checker: lazily loaded matcher, limiters, HTTP transport."""

    settings: Settings
    store: Store
    matcher: MatcherLike | None = None
    analyser: AnalyserLike | None = None
    transport: httpx.BaseTransport | None = None
    client_limiter: RateLimiter = field(init=False)
    chat_limiter: RateLimiter = field(init=False)
    writer: TipWriter = field(init=False)
    _fingerprint: tuple[Any, ...] | None = None
    _checked_at: float = 0.0
    _fixed_matcher: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _build_lock: threading.Lock = field(default_factory=threading.Lock)
    _answers: OrderedDict[tuple[str, str], CheckAnswer] = field(default_factory=OrderedDict)
    _cached_for: object = None
    _batcher: MicroBatcher[tuple[str, str, MatcherLike], CheckAnswer] = field(init=False)

    def __post_init__(self) -> None:
        self.client_limiter = RateLimiter(self.settings.rate_limit_per_minute)
        self.chat_limiter = RateLimiter(self.settings.rate_limit_per_minute)
        self.writer = TipWriter(self.store, settings=self.settings)
        self._fixed_matcher = self.matcher is not None
        # Concurrent requests are answered together: the analyser and the matcher cost
        # far less per text in a batch (see kiemchung.tipline.batcher).
        self._batcher = MicroBatcher(self._check_batch, max_batch=32,
                                     name="kiemchung-check-batcher")

    def _check_batch(self, items: Sequence[tuple[str, str, MatcherLike]]) -> list[CheckAnswer]:
        """:func:`check_texts` on concurrent requests, grouped by language and matcher."""
        out: dict[int, CheckAnswer] = {}
        groups: dict[tuple[str, int], list[int]] = {}
        for i, (_, lang, matcher) in enumerate(items):
            groups.setdefault((lang, id(matcher)), []).append(i)
        for (lang, _), index in groups.items():
            answers = check_texts(self.store, [items[i][0] for i in index], settings=self.settings,
                                  matcher=items[index[0]][2], analyser=self.analyser, lang=lang)
            out.update(zip(index, answers, strict=True))
        return [out[i] for i in range(len(items))]

    def get_matcher(self) -> MatcherLike:
        """The fact-check matcher, rebuilt when the fact-check library has changed.

        One thread rebuilds it while the others keep answering with the previous one.
        """
        with self._lock:
            matcher = self.matcher
            if matcher is not None and (self._fixed_matcher or
                                        time.monotonic() - self._checked_at < MATCHER_CHECK_S):
                return matcher
            self._checked_at = time.monotonic()
        if not self._build_lock.acquire(blocking=matcher is None):
            return matcher  # type: ignore[return-value]  # None only when blocking
        try:
            fingerprint = self._library_fingerprint()
            if self.matcher is None or fingerprint != self._fingerprint:
                built = default_matcher(self.store)
                with self._lock:
                    self.matcher, self._fingerprint = built, fingerprint
                # The index is millions of long-lived objects: move them out of the
                # collector's sight, or every full collection walks them all (pauses of
                # tens of ms in the middle of answers).
                gc.freeze()
            return self.matcher
        finally:
            self._build_lock.release()

    def _library_fingerprint(self) -> tuple[Any, ...]:
        with self.store.session() as session:
            row = session.execute(
                select(func.count(), func.max(m.FactCheck.updated_at)).select_from(m.FactCheck)
            ).one()
        return tuple(row)

    def answer(self, text: str, *, lang: str) -> CheckAnswer:
        """The answer to ``text``: viral messages are pasted again and again, so answers
        are kept in a small LRU cache, emptied whenever the fact-check library changes."""
        matcher = self.get_matcher()
        key, cached = self._cached(text, lang, matcher)
        if cached is not None:
            return cached
        return self._remember(key, self._batcher.submit((text, lang, matcher)))

    async def answer_async(self, text: str, *, lang: str) -> CheckAnswer:
        """:meth:`answer` for the event loop: no thread waits for the batcher (the answer
        is awaited), and only a matcher that must first be (re)checked or built is fetched
        on a worker thread."""
        matcher = self._ready_matcher()
        if matcher is None:
            matcher = await run_in_threadpool(self.get_matcher)
        key, cached = self._cached(text, lang, matcher)
        if cached is not None:
            return cached
        answer = await asyncio.wrap_future(self._batcher.future((text, lang, matcher)))
        return self._remember(key, answer)

    def _ready_matcher(self) -> MatcherLike | None:
        """The matcher when :meth:`get_matcher` would return it at once (no database
        check or build due), else None."""
        with self._lock:
            matcher = self.matcher
            if matcher is not None and (self._fixed_matcher or
                                        time.monotonic() - self._checked_at < MATCHER_CHECK_S):
                return matcher
        return None

    def _cached(self, text: str, lang: str, matcher: MatcherLike
                ) -> tuple[tuple[str, str], CheckAnswer | None]:
        key = (normalize([text])[0], lang)
        with self._lock:
            if matcher is not self._cached_for:
                self._answers.clear()
                self._cached_for = matcher
            cached = self._answers.get(key)
            if cached is not None:
                self._answers.move_to_end(key)
            return key, cached

    def _remember(self, key: tuple[str, str], answer: CheckAnswer) -> CheckAnswer:
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > ANSWER_CACHE_SIZE:
                self._answers.popitem(last=False)
        return answer

    def check(self, text: str, *, channel: str, lang: str,
              submit: bool = True) -> tuple[CheckAnswer, bool]:
        """Answer ``text`` and (``submit``) store it as a tip, in the background.

        Returns the answer and whether the tip was passed to the fact-checkers (no
        confident match: it joins the triage queue, or its story's item there).
        """
        return self._submitted(self.answer(text, lang=lang), text, channel=channel, lang=lang,
                               submit=submit)

    async def check_async(self, text: str, *, channel: str, lang: str,
                          submit: bool = True) -> tuple[CheckAnswer, bool]:
        """:meth:`check` for the event loop (see :meth:`answer_async`); when the tip queue
        is full, the request waits for room on a worker thread, never on the loop."""
        answer = await self.answer_async(text, lang=lang)
        if not submit:
            return answer, False
        tip = NewTip(text=text, channel=channel, answer=answer, lang=lang, now=datetime.now(UTC))
        if not self.writer.try_put(tip):
            await run_in_threadpool(self.writer.put, tip)
        return answer, not answer.confident

    def _submitted(self, answer: CheckAnswer, text: str, *, channel: str, lang: str,
                   submit: bool) -> tuple[CheckAnswer, bool]:
        if not submit:
            return answer, False
        self.writer.put(NewTip(text=text, channel=channel, answer=answer, lang=lang,
                               now=datetime.now(UTC)))
        return answer, not answer.confident


def tipline_runtime(app: FastAPI) -> TiplineRuntime:
    """The app's :class:`TiplineRuntime` (created on first use; tests may set it first)."""
    runtime: TiplineRuntime | None = getattr(app.state, "tipline", None)
    if runtime is None:
        runtime = TiplineRuntime(settings=app.state.settings, store=app.state.store)
        app.state.tipline = runtime
    return runtime


def client_key(request: Request) -> str:
    """The rate-limit key of an anonymous client: its address (use --proxy-headers behind
    a reverse proxy so that this is the real client)."""
    return request.client.host if request.client else "unknown"


# -- request size limit ------------------------------------------------------------------


class BodyLimitMiddleware:
    """Refuse bodies over ``max_bytes`` on the public paths (413), even without
    Content-Length; other paths pass through untouched."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.prefixes = prefixes

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not str(scope["path"]).startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: MutableMapping[str, Any], send: Any) -> None:
        err = ValidationError("the request body is too large", field="body",
                              expected=f"at most {self.max_bytes} bytes")
        err.code, err.http_status = "payload_too_large", 413
        payload = json.dumps(err.to_dict(), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})


# -- the public page -----------------------------------------------------------------------


def make_page_router(app: FastAPI) -> APIRouter:
    """``GET/POST /kiem-tra``: the public "Kiểm tra tin" page (no login, mobile-first)."""
    app.add_middleware(BodyLimitMiddleware,
                       max_bytes=app.state.settings.max_request_bytes, prefixes=LIMITED_PREFIXES)
    app.router.on_startup.append(lambda: _preload(app))
    router = APIRouter(tags=["public checker"], include_in_schema=False)

    @router.get(PAGE_PATH, response_class=HTMLResponse)
    def page(request: Request, lang: str | None = None) -> HTMLResponse:
        return _render(request, _lang(request, lang), text="", answer=None)

    @router.post(PAGE_PATH, response_class=HTMLResponse)
    async def submit(request: Request) -> HTMLResponse:
        form = await request.form()
        lang = _lang(request, str(form.get("lang") or "") or None)
        text = str(form.get("text") or "").strip()
        runtime = tipline_runtime(request.app)
        if not runtime.client_limiter.hit(client_key(request)):
            return _render(request, lang, text=text, answer=None, error="too_many",
                           status_code=429)
        if not text:
            return _render(request, lang, text="", answer=None, error="empty", status_code=422)
        if len(text) > runtime.settings.max_text_chars:
            return _render(request, lang, text="", answer=None, error="too_large",
                           status_code=413)
        answer, queued = await runtime.check_async(text, channel="web", lang=lang)
        return _render(request, lang, text=text, answer=answer, queued=queued)

    return router


def _preload(app: FastAPI) -> None:
    """Build the matcher in the background as the server starts, so that the first public
    question after a deploy (in every worker process) does not wait for it."""
    runtime = tipline_runtime(app)

    def build() -> None:
        try:
            runtime.get_matcher()
        except (KiemchungError, SQLAlchemyError) as err:
            log.warning("matcher not preloaded: %s", err)

    threading.Thread(target=build, name="kiemchung-matcher-preload", daemon=True).start()


def _lang(request: Request, explicit: str | None) -> str:
    settings: Settings = request.app.state.settings
    return _i18n.pick_lang(explicit or request.query_params.get("lang"),
                           default=settings.language)


def _render(request: Request, lang: str, *, text: str, answer: CheckAnswer | None,
            queued: bool = False, error: str | None = None,
            status_code: int = 200) -> HTMLResponse:
    def tr(key: str) -> str:
        return _i18n.t(key, lang)

    shown = answer.matches if answer is not None and answer.decision != "none" else []
    response = _templates.TemplateResponse(request, "check/check.html", {
        "lang": lang, "other_lang": "en" if lang == "vi" else "vi", "t": tr, "text": text,
        "answer": answer, "matches": shown, "queued": queued, "error": error,
        "advice": answer.advice_messages(lang) if answer is not None else [],
        "verdict_label": lambda mt: _i18n.verdict_label(mt.verdict_norm, mt.verdict, lang),
        "safe_url": _safe_url,
        "page_path": PAGE_PATH,
    }, status_code=status_code)
    # the page has no script at all: a strict policy means pasted text can never run
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    return response


def _safe_url(value: str | None) -> str | None:
    """Only http(s) links become an ``href``."""
    text = (value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


# -- chat-bot webhooks ---------------------------------------------------------------------


def make_webhook_router(app: FastAPI) -> APIRouter:
    """Webhooks of the Telegram bot, the Zalo Official Account and the Messenger page."""
    router = APIRouter(prefix=WEBHOOK_PREFIX, tags=["tipline webhooks"])

    @router.get("/messenger", response_class=PlainTextResponse)
    def messenger_subscribe(request: Request) -> PlainTextResponse:
        """Messenger's subscription handshake (``hub.verify_token`` → ``hub.challenge``)."""
        challenge = Messenger().verify_subscription(dict(request.query_params),
                                                  settings=request.app.state.settings)
        return PlainTextResponse(challenge)

    @router.post("/{platform_name}")
    async def webhook(platform_name: str, request: Request,
                      background: BackgroundTasks) -> JSONResponse:
        """Receive one delivery: verify its signature, answer each text in the background."""
        platform = get_platform(platform_name)
        runtime = tipline_runtime(request.app)
        body = await request.body()
        platform.verify(request.headers, body, settings=runtime.settings)
        messages = platform.parse(body)
        if messages:
            background.add_task(_answer_in_background, runtime, platform_name, messages)
        return JSONResponse({"ok": True, "received": len(messages)})

    return router


def _answer_in_background(runtime: TiplineRuntime, platform_name: str,
                          messages: list[Any]) -> None:
    try:
        matcher = runtime.get_matcher()
        with make_client(runtime.settings, transport=runtime.transport) as client:
            answer_messages(runtime.store, get_platform(platform_name), messages,
                            settings=runtime.settings, client=client,
                            limiter=runtime.chat_limiter, matcher=matcher,
                            analyser=runtime.analyser)
    except KiemchungError as err:
        log.warning("%s messages not answered: %s", platform_name, err)


def raise_rate_limited(runtime: TiplineRuntime, request: Request) -> None:
    """Dependency-style check used by the JSON API."""
    if not runtime.client_limiter.hit(client_key(request)):
        raise RateLimitedError("too many requests; try again in a minute",
                               expected=f"at most {runtime.settings.rate_limit_per_minute} "
                               "requests per minute")
