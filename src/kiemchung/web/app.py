"""``create_app(settings)``: the FastAPI application, assembled from registered routers."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiemchung import __version__
from kiemchung.errors import AuthenticationError, ConfigError, KiemchungError
from kiemchung.plugins import load_plugins
from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store

log = logging.getLogger(__name__)

MIN_SECRET_CHARS = 16
# Pages of the desk and the public fact-checks get a strict Content-Security-Policy:
# no inline script at all, so hostile text can never run even if escaping failed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
CSP_PREFIXES = ("/desk", "/login", "/logout", "/factchecks")


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """Build the web app for ``settings``; ``store`` may be passed in (tests, embedding).

    Every router registered under the ``routers`` plugin kind is included: a router entry
    is a callable ``(app: FastAPI) -> APIRouter``. Refuses to start without a secret key
    (``KIEMCHUNG_SECRET_KEY``): sessions and CSRF tokens are signed with it.
    """
    _check_secret(settings)
    app = FastAPI(
        title="kiemchung",
        version=__version__,
        description="Vietnamese information-integrity desk: fact-checks, public checker, "
        "tipline and review API. Errors have one shape: "
        '`{"error": {"code", "message", "detail"}}`.',
    )
    app.state.settings = settings
    app.state.store = store if store is not None else open_store(settings.db_url)
    app.state.matcher = None  # set lazily by whoever needs one (kiemchung.matching)
    _setup_desk(app, settings)
    app.add_exception_handler(KiemchungError, _error_response)  # type: ignore[arg-type]
    registry = load_plugins()
    for _name, make_router in registry.items("routers"):
        app.include_router(make_router(app))
    return app


def _check_secret(settings: Settings) -> None:
    if len(settings.secret_key) < MIN_SECRET_CHARS:
        raise ConfigError(
            "the web app needs a secret key to sign sessions and CSRF tokens; set "
            "KIEMCHUNG_SECRET_KEY (or secret_key in kiemchung.toml) to a random string, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'",
            field="secret_key", expected=f"at least {MIN_SECRET_CHARS} characters",
            received=f"{len(settings.secret_key)} characters")


def _setup_desk(app: FastAPI, settings: Settings) -> None:
    from kiemchung.web.security import SESSION_COOKIE, SESSION_MAX_AGE_S, LoginLimiter
    from kiemchung.web.templating import STATIC_DIR, make_environment

    app.state.templates = make_environment()
    app.state.login_limiter = LoginLimiter(settings.login_attempts_per_minute)
    app.add_middleware(
        SessionMiddleware, secret_key=settings.secret_key, session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE_S, same_site="lax",
        https_only=settings.public_base_url.startswith("https://"))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


class SecurityHeaders:
    """Pure ASGI middleware adding security headers (cheaper than ``@app.middleware``).

    ``nosniff`` and ``Referrer-Policy`` on every response; the strict CSP and
    ``X-Frame-Options`` on desk, log-in and public fact-check pages. Headers a route set
    itself are kept.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        strict = str(scope.get("path", "")).startswith(CSP_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                _set_default(headers, "X-Content-Type-Options", "nosniff")
                _set_default(headers, "Referrer-Policy", "same-origin")
                if strict:
                    _set_default(headers, "Content-Security-Policy", CSP)
                    _set_default(headers, "X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _set_default(headers: MutableHeaders, name: str, value: str) -> None:
    if name not in headers:
        headers[name] = value


async def _error_response(request: Request, err: KiemchungError) -> Response:
    """The one JSON error shape: ``{"error": {"code", "message", "detail"}}``.

    Browsers asking for a desk or public page get the same error as an HTML page (and a
    redirect to the login page when they are not logged in).
    """
    if _wants_html(request):
        if isinstance(err, AuthenticationError):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        from kiemchung.web.templating import render

        return render(request, "error.html", {"status": err.http_status, "message": str(err)},
                      status_code=err.http_status)
    return JSONResponse(err.to_dict(), status_code=err.http_status)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return ("text/html" in request.headers.get("accept", "")
            and path.startswith(CSP_PREFIXES) and "hx-request" not in request.headers)


def app_store(request: Request) -> Store:
    """FastAPI dependency: the app's store."""
    store: Store = request.app.state.store
    return store


def app_settings(request: Request) -> Settings:
    """FastAPI dependency: the app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def health_payload() -> dict[str, Any]:
    return {"status": "ok", "version": __version__}
