"""Jinja2 templates (autoescaped) and the page-rendering helper shared by the desk views."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from kiemchung.publish.labels import verdict_label
from kiemchung.settings import Settings
from kiemchung.storage.users import set_language
from kiemchung.web.i18n import LANG_COOKIE, pick_language, translator
from kiemchung.web.security import csrf_token, session_user

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def safe_url(value: Any) -> str:
    """Only http(s) links reach an ``href`` (``javascript:`` and friends become ``#``)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://", "/")) else "#"


def make_environment() -> Environment:
    """The template environment: autoescape on for every template."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.globals["verdict_label"] = verdict_label
    return env


def request_language(request: Request) -> str:
    """``?lang=`` → cookie → user setting → deployment default."""
    settings: Settings = request.app.state.settings
    user = session_user(request)
    return pick_language(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE),
                         request.session.get("lang"), user.language if user else None,
                         default=settings.language)


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200) -> HTMLResponse:
    """Render a page with the common context: user, language, ``t``, CSRF token."""
    settings: Settings = request.app.state.settings
    env: Environment = request.app.state.templates
    lang = request_language(request)
    full = {
        "request": request, "user": session_user(request), "lang": lang, "t": translator(lang),
        "csrf": csrf_token(request), "publisher": settings.publisher_name,
        **(context or {}),
    }
    response = HTMLResponse(env.get_template(name).render(full), status_code=status_code)
    if request.query_params.get("lang") in ("vi", "en"):
        _remember_language(request, lang)
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, httponly=True,
                            samesite="lax")
    return response


def _remember_language(request: Request, lang: str) -> None:
    """A logged-in user's choice becomes their setting."""
    user = session_user(request)
    if user is not None and user.language != lang:
        with request.app.state.store.session() as session:
            set_language(session, user.id, lang)
        user.language = lang
