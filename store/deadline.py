"""A time limit on the statements of one session: a query that runs longer is aborted.

The desk runs searches users type; one of thousands of prefix terms ran past 30 s and held
its database connection all that time. SQLite has no statement timeout, so a progress
handler (called every PROGRESS_STEPS virtual-machine steps) interrupts the statement once
the deadline has passed; PostgreSQL has `SET LOCAL statement_timeout` (this transaction).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from hoering.errors import StoreError

PROGRESS_STEPS = 10_000  # about a millisecond of SQLite's work between checks


class TooSlow(StoreError):
    """A statement ran past its time limit and was aborted."""


@contextmanager
def time_limit(session: Session, seconds: float) -> Iterator[None]:
    """Statements run in `session` inside this block are aborted after `seconds` in all."""
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.execute(text(f"SET LOCAL statement_timeout = {int(seconds * 1000)}"))
        try:
            yield
        except OperationalError as exc:  # psycopg's QueryCanceled
            session.rollback()
            raise TooSlow(f"stopped after {seconds:g} s") from exc
        connection.execute(text("SET LOCAL statement_timeout = DEFAULT"))  # the rest: unlimited
        return
    if dialect != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    deadline = time.monotonic() + seconds
    raw.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    try:
        yield
    except OperationalError as exc:
        if "interrupted" not in str(exc.orig):
            raise
        raise TooSlow(f"stopped after {seconds:g} s") from exc
    finally:
        raw.set_progress_handler(None, 0)
