"""Logins the server knows of: the cookie names one, and logout ends it here, not only in
the browser.

Starlette's sessions live in the signed cookie alone, so a copy of it kept reading,
exporting and reviewing for its full 12 hours after the user logged out. The cookie now
carries a random id; a login counts only while this table holds it for that user.
The table is in memory like the cookie secret: a restart (as after a password change in
the config) ends every login.
"""

from __future__ import annotations

import secrets
import threading
import time


class LiveSessions:
    """Session id -> (user, when it expires), for logins that have not logged out."""

    def __init__(self, hours: float) -> None:
        self.seconds = hours * 3600
        self._live: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()  # sync handlers run in threads

    def start(self, user: str) -> str:
        """A new session id for `user`."""
        now = time.monotonic()
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._live = {k: v for k, v in self._live.items() if v[1] > now}  # expired ones go
            self._live[sid] = (user, now + self.seconds)
        return sid

    def user(self, sid: object) -> str | None:
        """Whose session `sid` is, or None once it has ended or expired."""
        entry = self._live.get(sid) if isinstance(sid, str) else None
        if entry is None or entry[1] <= time.monotonic():
            return None
        return entry[0]

    def end(self, sid: object) -> None:
        if isinstance(sid, str):
            with self._lock:
                self._live.pop(sid, None)
