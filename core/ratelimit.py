"""A small per-address request limit for pages anyone may open without signing in (a school's public
disclosure board): at most ``per_minute`` answers per address and page in each minute, kept in the
process (each web worker counts its own; a proxy in front may limit more strictly)."""
from __future__ import annotations

import threading
import time

from flask import abort, current_app, request


class RateLimiter:
    """Fixed one-minute windows per key; forgets keys of past windows."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._window = -1
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        window = int((time.time() if now is None else now) // 60)
        with self._lock:
            if window != self._window:
                self._window, self._counts = window, {}
            count = self._counts.get(key, 0) + 1
            self._counts[key] = count
            return count <= self.per_minute


def limit_per_address(name: str) -> None:
    """Answer 429 when this address asked for page ``name`` too often this minute
    (``ZHIBU_PUBLIC_PER_MINUTE``, 60 unless configured)."""
    limiters = current_app.extensions.setdefault("zhibu_rate_limits", {})
    limiter = limiters.get(name)
    if limiter is None:
        limiter = limiters[name] = RateLimiter(int(current_app.config.get("ZHIBU_PUBLIC_PER_MINUTE", 60)))
    if not limiter.allow(request.remote_addr or "-"):
        abort(429)
