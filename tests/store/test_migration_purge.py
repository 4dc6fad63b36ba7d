"""Migration 0018: a database made at 0011 gains raw_messages.purged_at (empty for every
stored message) and the purge_log table, and its bytes stay as they were."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from hoering.store.purge import plan


def test_a_database_at_0011_upgrades_with_nothing_purged(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hoering.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0011")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO raw_messages (id, dedup_key, sha256, size, data, first_seen_at) "
                "VALUES (1, 'sha256:x', :sha, 4, :data, '2017-08-01 10:00:00')"
            ),
            {"sha": "x" * 64, "data": b"mail"},
        )
    engine.dispose()
    with open_database(url)() as session:
        raw = session.get_one(models.RawMessage, 1)
        assert (raw.data, raw.purged_at) == (b"mail", None)
        assert session.scalars(select(models.PurgeLog)).all() == []
        assert plan(session, datetime(2030, 1, 1, tzinfo=UTC)).messages == 0  # not a reply
