"""What one search from the desk may cost: its length, its time, and how many run at once.

Measured before these limits: 2,000 prefix terms ran past 30 s, and 20 such searches at once
held every database connection, so a reviewer's ordinary page answered 500 or not at all.
The store keeps the terms few (store.search.MAX_TERMS); here the rest: a search holds one of
SEARCHES_AT_ONCE slots (others get 503 at once, never queue for a connection) and stops
after SEARCH_SECONDS.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from hoering.store.deadline import TooSlow, time_limit

MAX_QUERY_CHARS = 300
SEARCHES_AT_ONCE = 2
SEARCH_SECONDS = 5.0
TOO_LONG = f"Søgningen er for lang (højst {MAX_QUERY_CHARS} tegn)."
BUSY = "Der søges allerede; prøv igen om lidt."
TOO_SLOW = "Søgningen tog for lang tid; brug færre eller længere ord."


def checked_query(value: str | None) -> str:
    """The search text, stripped; 400 when longer than MAX_QUERY_CHARS."""
    query = (value or "").strip()
    if len(query) > MAX_QUERY_CHARS:
        raise HTTPException(400, TOO_LONG)
    return query


class SearchSlots:
    """At most `size` searches at once; the handlers run in threads, so a threading semaphore."""

    def __init__(self, size: int = SEARCHES_AT_ONCE, seconds: float = SEARCH_SECONDS) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self.seconds = seconds

    @contextmanager
    def hold(self, session: Session, query: str) -> Iterator[None]:
        """Run a search in `session`: 503 when all slots are taken or it runs too long.

        Without a query it is no search: nothing is held and no limit applies.
        """
        if not query:
            yield
            return
        if not self._slots.acquire(blocking=False):
            raise HTTPException(503, BUSY, headers={"retry-after": "2"})
        try:
            with time_limit(session, self.seconds):
                yield
        except TooSlow:
            raise HTTPException(503, TOO_SLOW) from None
        finally:
            self._slots.release()
