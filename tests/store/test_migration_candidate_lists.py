"""Migration 0019: the bruttoliste's theme columns, text one value a line at 0013, read back
as lists on SQLite and PostgreSQL, and given back as lines by a downgrade."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from hoering.store import models
from hoering.store.base import UTCDateTime
from hoering.store.db import _alembic_config, make_engine, open_database

OLD_CANDIDATE = {
    "id": 4, "title": "Lobbyregister", "summary": "Et register over møder.",
    "themes": "aabenhed\nantikorruption\n", "theme_labels": "Åbenhed\nAntikorruption",
    "level": "", "owner": "", "terms": "{}", "members": 2, "status": "ny", "reason": "",
    "assignee": "", "touched": False, "created_at": datetime(2017, 8, 1, tzinfo=UTC),
    "updated_at": datetime(2017, 8, 1, tzinfo=UTC),
}  # fmt: skip
TYPES = {"touched": sa.Boolean(), "created_at": UTCDateTime(), "updated_at": UTCDateTime()}


def old_database(url: str) -> str:
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0013")
    columns = (sa.column(key, TYPES.get(key)) for key in OLD_CANDIDATE)
    with engine.begin() as conn:
        conn.execute(sa.table("candidates", *columns).insert().values(OLD_CANDIDATE))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return old_database(f"sqlite:///{tmp_path / 'old.db'}")
    return old_database(request.getfixturevalue("postgres_url"))


def test_candidate_themes_read_back_as_lists(database_url: str) -> None:
    with open_database(database_url)() as session:
        candidate = session.get(models.Candidate, 4)
        assert candidate.themes == ("aabenhed", "antikorruption")
        assert candidate.theme_labels == ("Åbenhed", "Antikorruption")


def test_downgrade_gives_back_one_value_a_line(database_url: str) -> None:
    open_database(database_url)
    engine = make_engine(database_url)
    command.downgrade(_alembic_config(engine), "0013")
    with engine.connect() as conn:
        themes = conn.exec_driver_sql("SELECT themes FROM candidates").scalar_one()
    engine.dispose()
    assert themes == "aabenhed\nantikorruption"
