"""A batch's rows numbered by the writer on SQLite (store/row_ids.py, issue 20): each table's
new rows go in with one statement, and every row, its id included, is the one SQLite gives
when the ORM inserts them one by one."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event, select

from hoering.config import load_config
from hoering.ingest.raw import RawMessage
from hoering.origin import MessageOrigin
from hoering.pipeline.run import Pipeline
from hoering.store import models, row_ids
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

TABLES = (
    models.RawMessage,
    models.Sighting,
    models.MessageState,
    models.Proposal,
    models.Attachment,
)


def sample_items(first_uid: int = 1) -> list[RawMessage]:
    """The sample inbox (its duplicate, campaign, attachments, automatic and unmarked mails)
    but the scan, which has no words without OCR and is slow to read."""
    paths = [p for p in sorted(SAMPLE_INBOX.glob("*.eml")) if "scannet" not in p.name]
    return [
        RawMessage(MessageOrigin("file", "inbox", uid=uid), path.read_bytes())
        for uid, path in enumerate(paths, start=first_uid)
    ]


def stored_rows(sessions, tables: tuple = TABLES) -> dict[str, list[tuple]]:
    """Every row of `tables` (the batch's) in id order, ids included, without timestamps."""
    with sessions() as session:
        return {
            cls.__tablename__: [
                tuple(value for key, value in row._mapping.items() if not key.endswith("_at"))
                for row in session.execute(select(cls.__table__).order_by(cls.__table__.c.id))
            ]
            for cls in tables
        }


def test_rows_numbered_by_the_writer_equal_those_the_orm_numbers_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two runs into each database: the second finds rows stored (ids to continue from), the
    # same mails again at new places (sightings and states of known messages) and new ones.
    first = sample_items()
    second = sample_items(first_uid=100)[:6] + [
        RawMessage(MessageOrigin("file", "inbox", uid=200 + n), make_mail(
            message_id=f"<ny-{n}@borgernet.example>", body=f"Forslag nummer {n}.\n"))
        for n in range(3)
    ]  # fmt: skip
    stored = {}
    for name in ("one by one", "numbered"):
        (tmp_path / name).mkdir()
        config = load_config(write_config(tmp_path / name, "\n[extract]\nocr = false\n"))
        sessions = open_database(config.store_url)
        with monkeypatch.context() as patch:
            if name == "one by one":
                patch.setattr(row_ids, "assign_ids", lambda _session, _classes: 0)
            Pipeline(config, sessions).run(first)
            Pipeline(config, sessions).run(second)
        stored[name] = stored_rows(sessions)
    assert stored["numbered"] == stored["one by one"]
    counts = {table: len(rows) for table, rows in stored["numbered"].items()}
    assert counts["proposals"] > 10 and counts["attachments"] > 3  # a real test
    assert counts["sightings"] > counts["raw_messages"]  # known mails seen at new places


def test_a_batch_writes_each_tables_new_rows_with_one_statement(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    sessions = open_database(config.store_url)
    inserts: Counter[str] = Counter()

    def count(_conn, _cursor, statement: str, *_args) -> None:
        found = re.match(r"\s*INSERT INTO (\w+)", statement)
        if found:
            inserts[found.group(1)] += 1

    event.listen(sessions.kw["bind"], "before_cursor_execute", count)
    items = [
        RawMessage(MessageOrigin("file", "inbox", uid=n), make_mail(
            message_id=f"<svar-{n}@borgernet.example>", body=f"Vi foreslår punkt {n}.\n"))
        for n in range(1, 31)
    ]  # fmt: skip
    report = Pipeline(config, sessions).run(items)
    assert report.stored == 30  # one batch (run.BATCH_MESSAGES is more)
    for table in ("raw_messages", "sightings", "message_states", "proposals"):
        assert inserts[table] == 1, (table, inserts)
