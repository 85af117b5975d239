"""Sessions, CSRF tokens, login rate limiting and role checks for the desk."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any, cast

from fastapi import Request

from kiemchung.errors import AuthenticationError, PermissionDeniedError, RateLimitedError
from kiemchung.storage import models as m
from kiemchung.storage.users import has_role

SESSION_COOKIE = "kiemchung_session"
SESSION_MAX_AGE_S = 12 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_UNSET = object()


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """FastAPI dependency for every state-changing form: the token must match the session's."""
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    expected = request.session.get("csrf")
    if not sent or not isinstance(expected, str) or not hmac.compare_digest(sent, expected):
        raise PermissionDeniedError("CSRF token missing or wrong; reload the page and try again",
                                    field=CSRF_FIELD)


def _fingerprint(user: m.User) -> str:
    # Changes when the password changes, so a reset ends every open session.
    return hmac.new(b"session", user.password_hash.encode(), "sha256").hexdigest()[:16]


def start_session(request: Request, user: m.User) -> None:
    """Log ``user`` in: a fresh session with a new CSRF token."""
    lang = request.session.get("lang")
    request.session.clear()
    request.session.update(uid=user.id, fp=_fingerprint(user), csrf=secrets.token_urlsafe(32))
    if lang:
        request.session["lang"] = lang


def end_session(request: Request) -> None:
    """Log out."""
    request.session.clear()


def session_user(request: Request) -> m.User | None:
    """The logged-in, active user of this request, or ``None``."""
    cached = getattr(request.state, "user", _UNSET)
    if cached is not _UNSET:
        return cast("m.User | None", cached)
    user = None
    uid = request.session.get("uid")
    if isinstance(uid, int):
        with request.app.state.store.session() as session:
            found = session.get(m.User, uid)
        if found is not None and found.active and hmac.compare_digest(
                str(request.session.get("fp", "")), _fingerprint(found)):
            user = found
    request.state.user = user
    return user


def require_role(role: str) -> Callable[[Request], Coroutine[Any, Any, m.User]]:
    """FastAPI dependency factory: the current user, who must hold at least ``role``."""

    async def dependency(request: Request) -> m.User:
        user = session_user(request)
        if user is None:
            raise AuthenticationError("please log in", field="session")
        if not has_role(user, role):
            raise PermissionDeniedError(f"this needs the role {role} or higher", field="role",
                                        expected=role, received=user.role)
        return user

    return dependency


class LoginLimiter:
    """Failed logins per client in a sliding one-minute window (in memory, per process)."""

    def __init__(self, per_minute: int, *, window_s: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Raise :class:`RateLimitedError` when ``client`` has failed too often lately."""
        with self._lock:
            recent = self._recent(client)
            if len(recent) >= self.per_minute:
                wait = int(self.window_s - (time.monotonic() - recent[0])) + 1
                raise RateLimitedError(f"too many failed logins; try again in {wait} s",
                                       field="password")

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(time.monotonic())

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _recent(self, client: str) -> deque[float]:
        recent = self._failures.setdefault(client, deque())
        cutoff = time.monotonic() - self.window_s
        while recent and recent[0] < cutoff:
            recent.popleft()
        if len(self._failures) > 10000:  # bound memory under a spray of clients
            for key in [k for k, v in self._failures.items() if not v][:5000]:
                del self._failures[key]
        return recent


def client_key(request: Request) -> str:
    """The client address used for rate limiting."""
    return request.client.host if request.client else "unknown"
