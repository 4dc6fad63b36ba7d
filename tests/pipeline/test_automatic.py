"""Automatic mail through the pipeline: kept raw as skipped-automatic, listed, accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline import automatic
from hoering.store import forget, models
from hoering.store.db import open_database
from hoering.vocab import MessageStatus
from tests.kit.cli import run as run_cli
from tests.kit.mails import EXCHANGE_OOF_DA, GMAIL_VACATION, make_mail, write_config, write_in
from tests.kit.rows import count

IMAP_ACCOUNT = """
[imap]
host = "127.0.0.1"
username = "rumth@digst.dk"
password_env = "UNUSED_IN_THIS_TEST"
"""


@pytest.fixture
def cfg(tmp_path: Path):
    return load_config(write_config(tmp_path, IMAP_ACCOUNT))


@pytest.fixture
def db(cfg):
    return open_database(cfg.store_url)


def test_auto_reply_is_kept_raw_without_a_proposal(cfg, db, tmp_path) -> None:
    report = pipeline.import_paths(cfg, db, [write_in(tmp_path, "oof.eml", EXCHANGE_OOF_DA)])

    assert report.summary() == ("seen 1, matched 1, stored 0, duplicates 0, failed 0, automatic 1")
    assert (count(db, models.Proposal), count(db, models.RawMessage)) == (0, 1)
    with db() as session:
        raw = session.scalars(select(models.RawMessage)).one()
        assert raw.data == EXCHANGE_OOF_DA
        assert raw.automatic == "auto-reply (Auto-Submitted: auto-generated)"
        [state] = session.scalars(select(models.MessageState))
        assert state.status == MessageStatus.AUTOMATIC == "skipped-automatic"


def test_the_same_auto_reply_seen_twice_is_one_message(cfg, db, tmp_path) -> None:
    relayed = b"Received: from relay2.example by mx.digst.dk\r\n" + GMAIL_VACATION
    paths = [write_in(tmp_path, "a.eml", GMAIL_VACATION), write_in(tmp_path, "b.eml", relayed)]

    pipeline.import_paths(cfg, db, paths)

    assert count(db, models.RawMessage) == 1
    with db() as session:
        statuses = session.scalars(
            select(models.MessageState.status).order_by(models.MessageState.id)
        ).all()
    assert statuses == [MessageStatus.AUTOMATIC, MessageStatus.AUTOMATIC]


def test_mail_from_the_polled_account_itself_is_not_a_reply(cfg, db, tmp_path) -> None:
    # The agency's own invitation, copied to its inbox, carries the marker too.
    own = make_mail(sender="Digitaliseringsstyrelsen <rumth@digst.dk>")
    report = pipeline.import_paths(cfg, db, [write_in(tmp_path, "own.eml", own)])
    assert (report.stored, report.automatic) == (0, 1)


def test_list_automatic_shows_the_reason(cfg, db, tmp_path, capsys, monkeypatch) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "oof.eml", EXCHANGE_OOF_DA)])

    code, out, _ = run_cli(capsys, monkeypatch, "list", "--automatic", "-c", str(cfg.path))

    assert code == 0
    assert "Automatisk svar: OGP-høring" in out
    assert "auto-reply (Auto-Submitted: auto-generated)" in out
    assert "meho@kommune.example" in out


def test_accept_makes_a_proposal_and_audits_it(cfg, db, tmp_path, capsys, monkeypatch) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "oof.eml", EXCHANGE_OOF_DA)])
    with db() as session:
        [waiting] = automatic.list_automatic(session)

    code, out, _ = run_cli(
        capsys, monkeypatch, "accept", str(waiting.id), "--by", "mette", "-c", str(cfg.path)
    )

    assert code == 0, out
    assert f"message {waiting.id} accepted as proposal" in out
    with db() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        assert proposal.subject == "Automatisk svar: OGP-høring"
        [event] = session.scalars(select(models.AuditEvent))
        assert (event.by, event.field, event.new_value) == ("mette", "accepted", "proposal")
        assert event.old_value == "skipped-automatic: auto-reply (Auto-Submitted: auto-generated)"
        assert session.scalars(
            select(models.MessageState.status).order_by(models.MessageState.id)
        ).all() == [MessageStatus.STORED]
        assert automatic.list_automatic(session) == []


def test_accept_of_a_message_that_is_not_waiting_exits_2(cfg, db, capsys, monkeypatch) -> None:
    code, _, err = run_cli(capsys, monkeypatch, "accept", "99", "-c", str(cfg.path))
    assert code == 2
    assert "no automatic mail with id 99" in err


def test_an_accepted_message_seen_again_is_a_duplicate(cfg, db, tmp_path) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "oof.eml", EXCHANGE_OOF_DA)])
    with db() as session:
        [waiting] = automatic.list_automatic(session)
    automatic.accept(cfg, db, waiting.id, "mette")

    again = b"Received: by relay3\r\n" + EXCHANGE_OOF_DA
    report = pipeline.import_paths(cfg, db, [write_in(tmp_path, "again.eml", again)])

    assert (report.duplicates, report.automatic, count(db, models.Proposal)) == (1, 0, 1)
    with db() as session:
        statuses = session.scalars(
            select(models.MessageState.status).order_by(models.MessageState.id)
        ).all()
    assert statuses == [MessageStatus.STORED, MessageStatus.DUPLICATE]


def test_forget_deletes_a_persons_automatic_mail_too(cfg, db, tmp_path) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "oof.eml", EXCHANGE_OOF_DA)])
    with db.begin() as session:
        forget.forget_sender(session, "meho@kommune.example", "test")
    assert count(db, models.RawMessage) == 0


def test_stats_counts_automatic_mail(cfg, db, tmp_path, capsys, monkeypatch) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "oof.eml", EXCHANGE_OOF_DA)])
    code, out, _ = run_cli(capsys, monkeypatch, "stats", "-c", str(cfg.path))
    assert code == 0
    assert "Automatic mail:     1 (no proposal; hoering list --automatic)" in out
