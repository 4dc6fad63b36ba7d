"""The database: schema, identity enforced by constraints, cursors, time zones."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import String, Text, inspect, select
from sqlalchemy.exc import IntegrityError

from hoering.parse.identity import message_identity
from hoering.store import messages, models
from hoering.store.db import DatabaseError, open_database


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'h.db'}")


def test_opening_twice_keeps_data_and_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    with open_database(url).begin() as session:
        messages.add_raw_message(session, "sha256:x", "x" * 64, None, b"data", None)
    sessions = open_database(url)
    with sessions() as session:
        assert session.scalar(select(models.RawMessage.data)) == b"data"
        tables = set(inspect(session.bind).get_table_names())
    assert {"raw_messages", "proposals", "attachments", "folder_cursors", "runs"} <= tables


def test_database_refuses_a_second_row_with_the_same_identity(db) -> None:
    # Exactly-once is enforced by a unique constraint, not by the caller checking first.
    with db.begin() as session:
        messages.add_raw_message(session, "mid:a@b", "1" * 64, "a@b", b"one", None)
    with pytest.raises(IntegrityError), db.begin() as session:
        messages.add_raw_message(session, "mid:a@b", "2" * 64, "a@b", b"two", None)


def test_dedup_key_is_the_identity_of_the_bytes() -> None:
    identity = message_identity(b"Message-ID: <a@b>\r\nSubject: x\r\n\r\nhej\r\n")
    assert messages.dedup_key(identity) == identity.key
    assert identity.key.startswith("id:")


def test_raw_bytes_are_kept_exactly(db) -> None:
    data = bytes(range(256)) * 10 + b"\r\n\x00 ingen tab"
    with db.begin() as session:
        messages.add_raw_message(session, "sha256:y", "y" * 64, None, data, None)
    with db() as session:
        assert session.scalar(select(models.RawMessage.data)) == data


def test_datetimes_come_back_timezone_aware_in_utc(db) -> None:
    local = datetime.fromisoformat("2017-08-20T23:30:00+02:00")
    with db.begin() as session:
        session.add(models.Run(kind="poll", started_at=local))
    with db() as session:
        started = session.scalar(select(models.Run.started_at))
    assert started == local and started.tzinfo == UTC


def test_cursor_moves_forward_only_within_one_uidvalidity(db) -> None:
    with db.begin() as session:
        messages.save_cursor(session, "acct", "INBOX", 7, 10)
        messages.save_cursor(session, "acct", "INBOX", 7, 4)
    with db() as session:
        assert messages.load_cursors(session, "acct") == {"INBOX": (7, 10)}


def test_new_uidvalidity_replaces_the_cursor(db) -> None:
    with db.begin() as session:
        messages.save_cursor(session, "acct", "INBOX", 7, 10)
        messages.save_cursor(session, "acct", "INBOX", 8, 2)
    with db() as session:
        assert messages.load_cursors(session, "acct") == {"INBOX": (8, 2)}


def test_sighting_is_recorded_once_per_place(db) -> None:
    source = messages.Source("acct", "INBOX", 7, 3)
    with db.begin() as session:
        raw = messages.add_raw_message(session, "mid:z", "z" * 64, "z", b"z", None)
        messages.record_sighting(session, raw, source)
        session.flush()
        messages.record_sighting(session, raw, source)
    with db() as session:
        assert len(session.scalars(select(models.Sighting)).all()) == 1


def test_missing_directory_is_a_clear_database_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot open database"):
        open_database(f"sqlite:///{tmp_path / 'nope' / 'h.db'}")


def test_migrations_have_a_single_head() -> None:
    # Parallel work must chain its migrations; two heads would make upgrade ambiguous.
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from hoering.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


def test_migrations_match_the_models(db) -> None:
    # A model change without its migration would work in tests (fresh schema) but not
    # on a database created by an earlier version.
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from hoering.store.search import include_object

    with db() as session:
        context = MigrationContext.configure(
            session.connection(), opts={"include_object": include_object}
        )
        assert compare_metadata(context, models.Base.metadata) == []


def test_every_text_column_refuses_nul() -> None:
    # PostgreSQL rejects NUL in text; a new String/Text column must use the NulFree types.
    for table in models.Base.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, String | Text):
                assert isinstance(column.type, models.NulFreeString), f"{table.name}.{column.name}"
