"""store.deadline: a statement past its time limit is aborted, on a real SQLite file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text

from hoering.store.db import open_database
from hoering.store.deadline import TooSlow, time_limit

# A billion rows counted one by one: minutes of work, unless stopped.
ENDLESS = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
    "SELECT count(*) FROM c"
)


@pytest.fixture
def sessions(tmp_path: Path):
    factory = open_database(f"sqlite:///{tmp_path / 'h.db'}")
    yield factory
    factory.kw["bind"].dispose()


def test_a_statement_past_its_limit_is_stopped(sessions) -> None:
    started = time.monotonic()
    with sessions() as session, pytest.raises(TooSlow), time_limit(session, 0.2):
        session.execute(text(ENDLESS))
    assert time.monotonic() - started < 5


def test_the_connection_has_no_limit_after_the_block(sessions) -> None:
    with sessions() as session:
        with time_limit(session, 0.001):
            session.execute(text("SELECT 1"))
        time.sleep(0.01)  # past the deadline: a handler left behind would stop the next query
        short = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) "
        assert session.scalar(text(short + "SELECT count(*) FROM c")) == 200000


def test_a_postgresql_statement_past_its_limit_is_stopped(postgres_url: str) -> None:
    factory = open_database(postgres_url)
    try:
        with factory() as session, pytest.raises(TooSlow), time_limit(session, 0.2):
            session.execute(text("SELECT pg_sleep(30)"))
        with factory() as session:  # the limit was this transaction's only
            with time_limit(session, 0.2):
                session.execute(text("SELECT 1"))
            session.execute(text("SELECT pg_sleep(0.4)"))
    finally:
        factory.kw["bind"].dispose()
