"""A batch's new proposals, attachments, sightings and states go in as plain rows
(store/plain_rows.py, issue 20): every row, its id included, is the one the ORM's unit of
work gives the same objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from hoering.config import load_config
from hoering.ingest.raw import RawMessage
from hoering.origin import MessageOrigin
from hoering.pipeline.run import Pipeline
from hoering.store import models, plain_rows, row_ids
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config
from tests.pipeline.test_batch_ids import sample_items, stored_rows

TABLES = (
    models.RawMessage,
    models.Sighting,
    models.MessageState,
    models.Proposal,
    models.Attachment,
    models.ProposalTheme,
    models.Initiative,
)
NUMBERED = (models.Sighting, models.MessageState, models.Proposal, models.Attachment)


def orm_insert(rows: plain_rows.PlainRows, session: Session) -> None:
    """The same objects written by the ORM, as the writer did before plain rows."""
    for proposal, raw_id in rows.proposals:
        proposal.raw_message = session.get(models.RawMessage, raw_id)
        session.add(proposal)
    session.add_all(models.Sighting(**row) for row in rows.sightings)
    session.add_all(rows.states)
    row_ids.assign_ids(session, (*NUMBERED, models.ProposalTheme, models.Initiative))
    session.flush()


def test_plain_rows_equal_the_rows_the_orm_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two runs: the second continues the ids, sees known mails at new places and adds new
    # ones; the sample inbox brings attachments, a campaign, automatic and unmarked mails,
    # and a run without workers derives theme tags and initiatives as objects.
    first = sample_items()
    second = sample_items(first_uid=100)[:6] + [
        RawMessage(MessageOrigin("file", "inbox", uid=200 + n), make_mail(
            message_id=f"<ny-{n}@borgernet.example>", body=f"Vi foreslår punkt {n}.\n"))
        for n in range(3)
    ]  # fmt: skip
    stored = {}
    for name in ("orm", "plain"):
        (tmp_path / name).mkdir()
        config = load_config(write_config(tmp_path / name, "\n[extract]\nocr = false\n"))
        sessions = open_database(config.store_url)
        with monkeypatch.context() as patch:
            if name == "orm":
                patch.setattr(plain_rows.PlainRows, "insert", orm_insert)
            Pipeline(config, sessions).run(first)
            Pipeline(config, sessions).run(second)
        stored[name] = stored_rows(sessions, TABLES)
    assert stored["plain"] == stored["orm"]
    counts = {table: len(rows) for table, rows in stored["plain"].items()}
    assert counts["proposals"] > 10 and counts["attachments"] > 3  # a real test
    assert counts["proposal_themes"] > 10 and counts["initiatives"] > 10
    assert counts["sightings"] > counts["raw_messages"]  # known mails seen at new places


def test_row_of_fills_the_columns_an_object_does_not_hold_with_their_defaults() -> None:
    state = models.MessageState(account="a", folder="INBOX", status="stored")
    row = plain_rows.row_of(state)
    assert "id" not in row  # the database's
    assert row["attempts"] == 0 and row["action_attempts"] == 0  # the columns' defaults
    assert row["uid"] is None and row["last_error"] is None  # no default: NULL
    assert row["created_at"] is not None and row["updated_at"] is not None  # utcnow()
    assert plain_rows.row_of(state, id=7)["id"] == 7
