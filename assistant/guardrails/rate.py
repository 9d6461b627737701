"""Rate limits per session and per account: sliding windows kept in memory (one process)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

SPANS = {"session": 60.0, "account": 3600.0}


class Limiter(Protocol):
    def check(self, session: str, account: str) -> str | None:
        """Count one request; a message when a limit is reached (the request is then not counted)."""
        ...


def limit_message(kind: str, limit: int, wait: float) -> str:
    return (
        f"You have asked {limit} questions in the last {'minute' if kind == 'session' else 'hour'}. "
        f"Please wait about {int(wait) + 1} seconds and try again."
    )


class RateLimiter:
    def __init__(
        self, per_session_per_minute: int, per_account_per_hour: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limits = {"session": per_session_per_minute, "account": per_account_per_hour}
        self._seen: dict[tuple[str, str], deque[float]] = {}
        self._clock = clock
        self._lock = threading.Lock()

    def check(self, session: str, account: str) -> str | None:
        """Count one request; a message when a limit is reached (the request is then not counted)."""
        now = self._clock()
        with self._lock:
            windows = []
            for kind, key in (("session", session), ("account", account)):
                limit, span = self._limits[kind], SPANS[kind]
                seen = self._seen.setdefault((kind, key), deque())
                while seen and seen[0] <= now - span:
                    seen.popleft()
                if len(seen) >= limit:
                    return limit_message(kind, limit, seen[0] + span - now)
                windows.append(seen)
            for seen in windows:
                seen.append(now)
        return None
