"""How fast passwords may be tried: a few failures per user name and per client address,
and a few argon2 checks at once.

Measured before: 30 wrong passwords in a row were answered at full speed (and the right one
then worked), and 40 logins at once took the server up by 900 MB, argon2 using 64 MiB for
each, and 18 of them answered 500.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

MAX_FAILURES = 5  # per user name and per address, within WINDOW_SECONDS
WINDOW_SECONDS = 15 * 60
CHECKS_AT_ONCE = 2  # argon2 verifications running at once (64 MiB each)
MAX_WAITING = 64  # logins queued for a check (a coroutine each, no memory); past it, 503
MAX_KEYS = 10_000  # remembered names and addresses: random names must not grow memory
BUSY = "Der logges mange ind lige nu; prøv igen om lidt."


class LoginThrottle:
    """Recent failures by key ("user:karen", "addr:10.0.0.7") and the argon2 check slots."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._checks = asyncio.Semaphore(CHECKS_AT_ONCE)
        self._waiting = 0

    def wait_seconds(self, keys: list[str]) -> float:
        """0 when a login may be tried; else how long until the oldest failure counts no more."""
        now = time.monotonic()
        longest = 0.0
        for key in keys:
            recent = self._recent(key, now)
            if len(recent) >= MAX_FAILURES:
                longest = max(longest, recent[0] + WINDOW_SECONDS - now)
        return longest

    def failed(self, keys: list[str]) -> None:
        now = time.monotonic()
        if len(self._failures) >= MAX_KEYS:
            self._failures = {k: v for k, v in self._failures.items() if self._recent(k, now)}
        for key in keys:
            self._failures.setdefault(key, deque(maxlen=MAX_FAILURES)).append(now)

    def succeeded(self, user_key: str) -> None:
        """A right password clears the name's failures, not the address's: a user who knows
        their own password must not reset the count of guesses at other names."""
        self._failures.pop(user_key, None)

    async def check(self, verify: Callable[[], bool]) -> bool:
        """`verify()` in a thread, at most CHECKS_AT_ONCE at a time; 503 when too many wait."""
        if self._waiting >= MAX_WAITING:
            raise HTTPException(503, BUSY, headers={"retry-after": "5"})
        self._waiting += 1
        try:
            async with self._checks:
                return await run_in_threadpool(verify)
        finally:
            self._waiting -= 1

    def _recent(self, key: str, now: float) -> deque[float]:
        recent = self._failures.get(key, deque())
        while recent and recent[0] <= now - WINDOW_SECONDS:
            recent.popleft()
        return recent
