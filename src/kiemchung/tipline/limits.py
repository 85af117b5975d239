"""Per-client rate limits for the public endpoints (in-process, fixed one-minute windows)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from kiemchung.errors import RateLimitedError

MAX_KEYS = 100_000


class RateLimiter:
    """At most ``per_minute`` hits per key in each one-minute window.

    In-process: with several server processes each has its own budget (documented).
    """

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._windows: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> bool:
        """Count one request for ``key``; False when it is over the limit."""
        if self.per_minute <= 0:
            return True
        window = int(self.clock() // 60)
        with self._lock:
            start, count = self._windows.get(key, (window, 0))
            if start != window:
                start, count = window, 0
            if count >= self.per_minute:
                return False
            if len(self._windows) >= MAX_KEYS:
                self._forget_old(window)
            self._windows[key] = (start, count + 1)
            return True

    def check(self, key: str) -> None:
        """Like :meth:`hit`, raising :class:`RateLimitedError` when over the limit."""
        if not self.hit(key):
            raise RateLimitedError("too many requests; try again in a minute",
                                   expected=f"at most {self.per_minute} requests per minute")

    def _forget_old(self, window: int) -> None:
        self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        if len(self._windows) >= MAX_KEYS:
            self._windows.clear()
