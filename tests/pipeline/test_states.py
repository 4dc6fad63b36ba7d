"""Per-message processing state: recorded with each message, retries, parking, `failures`,
`retry`, and the state of databases from before the state table."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoering import pipeline
from hoering.config import load_config
from hoering.parse.identity import message_identity
from hoering.parse.message import UnparseableMessage
from hoering.pipeline import parsing as pipeline_parsing
from hoering.store import models
from hoering.store.db import open_database
from hoering.vocab import MessageStatus
from tests.kit.cli import run as run_cli
from tests.kit.mails import make_mail, write_config, write_in
from tests.test_cli_poll import poll_config


def unparseable() -> bytes:
    """A marked reply that fails to parse for real, every time: a line of text before the
    header (a mailer that wrote its log line into the mail), so no header field is found.

    (Deep MIME nesting used to serve here; it parses now, cut at MAX_MIME_DEPTH.)
    """
    return (
        b"Dette er ikke en mail\r\nFrom: a@borgernet.example\r\n"
        b"Subject: OGP-h\xc3\xb8ring dybt\r\n\r\nhej\r\n"
    )


@pytest.fixture
def cfg(tmp_path: Path):
    return load_config(write_config(tmp_path, "[poll]\nmax_attempts = 3\n"))


@pytest.fixture
def db(cfg):
    return open_database(cfg.store_url)


def rows(db) -> list[models.MessageState]:
    with db() as session:
        return list(session.scalars(select(models.MessageState).order_by(models.MessageState.id)))


@pytest.fixture
def parser_down(monkeypatch):
    """The parser fails on everything (a crashed library, say) until the test lifts it."""

    def fail(data, *args, **kwargs):
        raise UnparseableMessage("parser unavailable in this test")

    monkeypatch.setattr(pipeline_parsing, "parse_message", fail)
    return lambda: monkeypatch.undo()


def test_stored_and_duplicate_places_get_a_state_row_each(cfg, db, tmp_path) -> None:
    a = write_in(tmp_path, "a.eml", make_mail())
    b = write_in(tmp_path, "b.eml", b"Received: by relay2\r\n" + make_mail())
    pipeline.import_paths(cfg, db, [a, b])
    assert [(r.status, r.attempts, r.raw_message_id is not None) for r in rows(db)] == [
        (MessageStatus.STORED, 1, True),
        (MessageStatus.DUPLICATE, 1, True),
    ]


def test_importing_again_keeps_one_row_per_place(cfg, db, tmp_path) -> None:
    path = write_in(tmp_path, "a.eml", make_mail())
    pipeline.import_paths(cfg, db, [path])
    pipeline.import_paths(cfg, db, [path])
    assert [r.status for r in rows(db)] == [MessageStatus.STORED]


def test_failed_message_is_retried_on_later_runs_then_parked(cfg, db, tmp_path, parser_down):
    path = write_in(tmp_path, "a.eml", make_mail())
    first = pipeline.import_paths(cfg, db, [path])
    assert (first.failed, rows(db)[0].status, rows(db)[0].attempts) == (1, MessageStatus.FAILED, 1)
    second = pipeline.import_paths(cfg, db, [])
    assert (second.retried, second.parked, rows(db)[0].attempts) == (1, 0, 2)
    third = pipeline.import_paths(cfg, db, [])
    assert (third.retried, third.parked) == (1, 1)
    assert (rows(db)[0].status, rows(db)[0].attempts) == (MessageStatus.PARKED, 3)
    assert pipeline.import_paths(cfg, db, []).retried == 0  # parked: left alone


def test_retry_reparses_the_stored_bytes_and_stores_the_proposal(cfg, db, tmp_path, parser_down):
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "a.eml", make_mail())])
    (tmp_path / "in" / "a.eml").unlink()  # the retry must not need the source
    parser_down()  # e.g. hoering was upgraded
    report = pipeline.import_paths(cfg, db, [])
    assert (report.retried, report.recovered) == (1, 1)
    [row] = rows(db)
    assert (row.status, row.last_error) == (MessageStatus.STORED, None)
    with db() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        assert proposal.message_id == "svar-1@borgernet.example"
        assert proposal.raw_message.parse_error is None
        assert proposal.raw_message.dedup_key == message_identity(make_mail()).key


def test_another_copy_of_a_failed_message_is_the_same_message_and_a_duplicate_on_recovery(
    cfg, db, tmp_path, monkeypatch
) -> None:
    # The first copy failed; a re-sent copy (other relay: only a Received line more) is the
    # same message (parse/identity.py), so it shares the failure and then the recovery.
    real = pipeline_parsing.parse_message

    def fail_first_copy(data, *args, **kwargs):
        if not data.startswith(b"Received"):
            raise UnparseableMessage("parser unavailable in this test")
        return real(data, *args, **kwargs)

    monkeypatch.setattr(pipeline_parsing, "parse_message", fail_first_copy)
    first = write_in(tmp_path, "1.eml", make_mail())
    second = write_in(tmp_path, "2.eml", b"Received: by relay2\r\n" + make_mail())
    pipeline.import_paths(cfg, db, [first, second])
    monkeypatch.setattr(pipeline_parsing, "parse_message", real)
    assert pipeline.import_paths(cfg, db, []).recovered == 1
    assert [r.status for r in rows(db)] == [MessageStatus.STORED, MessageStatus.DUPLICATE]
    with db() as session:
        assert session.scalar(select(func.count(models.Proposal.id))) == 1
        assert session.scalar(select(func.count(models.RawMessage.id))) == 1


def test_unparseable_message_is_parked_after_max_attempts_for_real(tmp_path) -> None:
    cfg = load_config(write_config(tmp_path, "[poll]\nmax_attempts = 2\n"))
    db = open_database(cfg.store_url)
    # In an mbox: a lone file without a header block is refused by import before parsing.
    mbox = write_in(tmp_path, "svar.mbox", b"From a@borgernet.example Thu Aug 10 10:00:00 2017\n")
    mbox.write_bytes(mbox.read_bytes() + unparseable())
    pipeline.import_paths(cfg, db, [mbox])
    pipeline.import_paths(cfg, db, [])
    [row] = rows(db)
    assert (row.status, row.attempts) == (MessageStatus.PARKED, 2)
    assert "no header fields" in row.last_error


def test_failures_lists_place_status_tries_and_reason(
    cfg, db, tmp_path, parser_down, capsys, monkeypatch
) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "a.eml", make_mail())])
    code, out, _ = run_cli(capsys, monkeypatch, "failures", "--config", str(cfg.path))
    assert code == 0
    assert "1 failure\n" in out and "a.eml" in out and "failed" in out
    assert "parser unavailable in this test" in out


def test_failures_says_so_when_there_are_none(cfg, db, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, monkeypatch, "failures", "--config", str(cfg.path))
    assert (code, out.strip()) == (0, "No failed messages or actions.")


def test_retry_by_id_parses_a_parked_message_again(
    cfg, db, tmp_path, parser_down, capsys, monkeypatch
) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "a.eml", make_mail())])
    for _ in range(2):
        pipeline.import_paths(cfg, db, [])
    [row] = rows(db)
    assert row.status == MessageStatus.PARKED
    parser_down()
    code, out, _ = run_cli(capsys, monkeypatch, "retry", str(row.id), "--config", str(cfg.path))
    assert (code, out.strip()) == (0, "retried 1: recovered 1, still failing 0 (parked 0)")
    assert rows(db)[0].status == MessageStatus.STORED


def test_retry_all_that_still_fails_exits_1(
    cfg, db, tmp_path, parser_down, capsys, monkeypatch
) -> None:
    pipeline.import_paths(cfg, db, [write_in(tmp_path, "a.eml", make_mail())])
    code, out, _ = run_cli(capsys, monkeypatch, "retry", "--all", "--config", str(cfg.path))
    assert code == 1 and "still failing 1" in out


def test_retry_of_an_unknown_id_exits_2(cfg, db, capsys, monkeypatch) -> None:
    code, _, err = run_cli(capsys, monkeypatch, "retry", "42", "--config", str(cfg.path))
    assert code == 2 and "no failed message or action with id 42" in err


def test_retry_needs_ids_or_all(cfg, capsys, monkeypatch) -> None:
    code, _, err = run_cli(capsys, monkeypatch, "retry", "--config", str(cfg.path))
    assert code == 2 and "--all" in err


def test_unmarked_imap_mail_is_recorded_without_its_subject(mailbox, tmp_path, monkeypatch):
    mailbox.append("INBOX", make_mail(subject="Nyhedsbrev om persondata", message_id="<n@x>"))
    mailbox.append("INBOX", make_mail(message_id="<r@x>"))
    cfg = load_config(poll_config(tmp_path, mailbox, port=mailbox.port, security="plain"))
    db = open_database(cfg.store_url)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", mailbox.password)
    pipeline.poll(cfg, db)
    uidvalidity = mailbox.uidvalidity("INBOX")
    got = [(r.folder, r.uidvalidity, r.uid, r.status) for r in rows(db)]
    assert got == [
        ("INBOX", uidvalidity, 1, MessageStatus.SKIPPED),
        ("INBOX", uidvalidity, 2, MessageStatus.STORED),
    ]
    with db() as session:
        assert session.scalar(select(func.count(models.RawMessage.id))) == 1


def test_migration_gives_messages_stored_before_it_a_state(tmp_path) -> None:
    # A database made by 0001 (before states) with a stored and a failed message.
    from alembic import command

    from hoering.store.db import _alembic_config, make_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0001")
    with engine.begin() as conn:
        for number, error in ((1, None), (2, "no header fields: not an e-mail")):
            conn.exec_driver_sql(
                "INSERT INTO raw_messages (id, dedup_key, sha256, size, data, first_seen_at,"
                " parse_error) VALUES (?, ?, ?, 1, x'00', '2017-08-01 10:00:00', ?)",
                (number, f"sha256:{number}", str(number) * 64, error),
            )
            conn.exec_driver_sql(
                "INSERT INTO sightings (raw_message_id, account, folder, uidvalidity, uid,"
                " seen_at) VALUES (?, 'u@h', 'INBOX', 7, ?, '2017-08-01 10:00:00')",
                (number, number),
            )
    engine.dispose()
    db = open_database(url)
    assert [(r.uid, r.status, r.attempts) for r in rows(db)] == [
        (1, MessageStatus.STORED, 1),
        (2, MessageStatus.FAILED, 1),
    ]


@pytest.mark.parametrize("command", ["failures", "retry"])
def test_failures_and_retry_have_help(command, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, monkeypatch, command, "--help")
    assert code == 0 and f"Usage: hoering {command}" in out and "--config" in out


def test_log_json_is_a_global_option(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, monkeypatch, "--help")
    assert code == 0 and "--log-json" in out
