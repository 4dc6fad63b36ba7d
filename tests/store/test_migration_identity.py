"""Migration 0007 (identity) on a database whose messages were keyed the old way (0005)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.parse.identity import message_identity
from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from tests.kit.mails import make_mail, write_config

REPLY = make_mail(message_id="<a@x>")
BARE = make_mail(message_id=None, body="Uden Message-ID.\n")
OLD_ROWS = [
    # (old key, bytes): the old scheme knew a Message-ID, else the bytes
    ("mid:a@x", b"Received: by mx1\r\n" + REPLY),
    # One mail without Message-ID, stored twice by the old scheme (delivery headers differ).
    (None, b"Received: by mx1\r\n" + BARE),
    (None, b"Received: by mx2\r\n" + BARE),
    ("mid:b@x", make_mail(message_id="<b@x>", body="Et andet svar.\n")),
]


def old_database(tmp_path: Path, url: str | None = None) -> str:
    url = url or f"sqlite:///{tmp_path / 'hoering.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0005")
    with engine.begin() as conn:
        for row_id, (key, data) in enumerate(OLD_ROWS, start=1):
            sha256 = hashlib.sha256(data).hexdigest()
            conn.execute(
                models.RawMessage.__table__.insert().values(
                    id=row_id,
                    dedup_key=key or f"sha256:{sha256}",
                    sha256=sha256,
                    message_id=key and key[4:],
                    size=len(data),
                    data=data,
                    first_seen_at=datetime(2017, 8, 1, 10, tzinfo=UTC),
                )
            )
    engine.dispose()
    return url


def keys(sessions) -> dict[int, str]:
    with sessions() as session:
        rows = session.execute(select(models.RawMessage.id, models.RawMessage.dedup_key))
        return {row_id: key for row_id, key in rows}


def test_keys_are_recomputed_from_the_stored_bytes(tmp_path: Path) -> None:
    found = keys(open_database(old_database(tmp_path)))
    assert found[1] == message_identity(OLD_ROWS[0][1]).key
    assert found[4] == message_identity(OLD_ROWS[3][1]).key


def test_rows_stored_apart_before_are_not_merged(tmp_path: Path) -> None:
    found = keys(open_database(old_database(tmp_path)))
    same = message_identity(BARE).key
    assert (found[2], found[3]) == (same, f"{same}#3")
    assert len(set(found.values())) == len(OLD_ROWS)


def test_a_new_copy_of_a_migrated_message_is_a_duplicate(tmp_path: Path) -> None:
    old_database(tmp_path)
    cfg = load_config(write_config(tmp_path))
    copy = tmp_path / "copy.eml"
    copy.write_bytes(b"Received: by mx9\r\nDelivered-To: rumth@digst.dk\r\n" + REPLY)

    report = pipeline.import_paths(cfg, open_database(cfg.store_url), [copy])

    assert (report.stored, report.duplicates) == (0, 1)


def test_old_rows_are_not_automatic(tmp_path: Path) -> None:
    with open_database(old_database(tmp_path))() as session:
        assert session.scalars(select(models.RawMessage.automatic)).all() == [None] * 4


def test_the_migration_runs_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    found = keys(open_database(old_database(tmp_path, postgres_url)))
    same = message_identity(BARE).key
    assert (found[2], found[3]) == (same, f"{same}#3")
    assert found[1] == message_identity(OLD_ROWS[0][1]).key
