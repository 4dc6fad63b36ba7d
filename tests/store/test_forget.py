"""`hoering forget`: a person's mail and everything derived from it leave the database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from hoering import config as config_module
from hoering import pipeline
from hoering.store import forget, models
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config

IDA = "ida.rasmussen@gmail.com"
IDA_BODY = "Hej\n\nJeg ønsker åbne data og et lobbyregister.\n\nVenlig hilsen\nIda Rasmussen\n"


@pytest.fixture
def imported(tmp_path: Path):
    """Two replies from Ida (one with a PDF), one from Bo, imported from .eml files."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    mails = [
        make_mail(body=IDA_BODY, sender=f"Ida Rasmussen <{IDA}>", message_id="<1@gmail.com>"),
        make_mail(
            body="Se vedhæftede.",
            sender=f"Ida Rasmussen <{IDA.upper()}>",
            message_id="<2@gmail.com>",
            attachments=[("forslag.txt", "text/plain", b"Forslag fra Ida")],
        ),
        make_mail(body=IDA_BODY.replace("Ida Rasmussen", "Bo Andersen"),
                  sender="Bo Andersen <bo@hotmail.com>", message_id="<3@hotmail.com>"),
    ]  # fmt: skip
    for index, data in enumerate(mails):
        (inbox / f"{index}.eml").write_bytes(data)
    cfg = config_module.load_config(write_config(tmp_path))
    db = open_database(cfg.store_url)
    pipeline.import_paths(cfg, db, [inbox])
    with db.begin() as session:
        ida_ids = session.scalars(
            select(models.Proposal.id).where(func.lower(models.Proposal.sender_email) == IDA)
        ).all()
        _review_rows(session, ida_ids)
    return cfg, db, mails


def _review_rows(session, ida_ids) -> None:
    """What review and analysis add: a note, an audit event, a theme, a duplicate group."""
    bo_id = session.scalar(
        select(models.Proposal.id).where(models.Proposal.sender_email == "bo@hotmail.com")
    )
    for proposal_id in ida_ids:
        session.add(
            models.Note(
                target_kind="reply", target_id=proposal_id, author="rumth", text=f"Ring {IDA}"
            )
        )
        session.add(models.AuditEvent(proposal_id=proposal_id, by="rumth", field="status",
                                      old_value="ny", new_value="behandlet"))  # fmt: skip
        session.add(
            models.ProposalTheme(proposal_id=proposal_id, theme="test-tema", source="reviewer")
        )
    # Ida's first reply and Bo's are the same letter: the import grouped them already.
    grouped = session.scalar(
        select(models.DuplicateMember.id).where(models.DuplicateMember.proposal_id == ida_ids[0])
    )
    if grouped is None:
        group = models.DuplicateGroup(kind="near", size=2, distinct=2, common_text="Jeg ønsker")
        group.members = [models.DuplicateMember(proposal_id=ida_ids[0]),
                         models.DuplicateMember(proposal_id=bo_id)]  # fmt: skip
        session.add(group)


def every_value(db) -> list[object]:
    """Every value in every table (FTS shadow tables included)."""
    values: list[object] = []
    with db() as session:
        tables = session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        for table in list(tables):
            for row in session.execute(text(f'SELECT * FROM "{table}"')):
                values.extend(row)
    return values


def test_forget_deletes_every_row_that_holds_the_address(imported) -> None:
    _, db, mails = imported
    with db() as session:
        report = forget.forget_sender(session, IDA, "rumth")
        session.commit()
        forget.scrub_sqlite(session)
    assert report.counts["raw_messages"] == 2 and report.counts["proposals"] == 2
    for value in every_value(db):
        if isinstance(value, bytes):
            assert IDA.encode() not in value.lower() and mails[0] not in value
        elif isinstance(value, str):
            assert IDA not in value.lower()


def test_forget_leaves_no_trace_in_the_database_file(imported, tmp_path: Path) -> None:
    # Deleted rows linger in SQLite's free pages and in FTS5 segments until scrubbed.
    cfg, db, _ = imported
    with db() as session:
        forget.forget_sender(session, IDA, "rumth")
        session.commit()
        forget.scrub_sqlite(session)
    db_file = Path(cfg.store_url.removeprefix("sqlite:///"))
    wal = Path(f"{db_file}-wal")
    data = db_file.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert IDA.encode() not in data.lower() and b"Forslag fra Ida" not in data


def test_forget_keeps_other_senders_and_dissolves_their_duplicate_group(imported) -> None:
    _, db, _ = imported
    with db() as session:
        forget.forget_sender(session, IDA, "rumth")
        session.commit()
        assert session.scalars(select(models.Proposal.sender_email)).all() == ["bo@hotmail.com"]
        assert session.scalar(select(func.count(models.DuplicateGroup.id))) == 0
        assert session.scalar(select(func.count(models.Sighting.id))) == 1


def test_forget_logs_counts_and_a_hash_never_the_address(imported) -> None:
    _, db, _ = imported
    with db() as session:
        report = forget.forget_sender(session, f"  {IDA.upper()} ", "rumth")
        session.commit()
        [entry] = session.scalars(select(models.ForgetLog)).all()
    assert entry.by == "rumth"
    assert entry.email_sha256 == hashlib.sha256(IDA.encode()).hexdigest()
    assert json.loads(entry.counts) == report.counts
    assert report.counts["attachments"] == 1 and report.counts["notes"] == 2
    assert report.counts["audit_events"] == 2 and report.counts["duplicate_members"] == 1


def test_forget_of_an_unknown_address_deletes_nothing_but_is_logged(imported) -> None:
    _, db, _ = imported
    with db() as session:
        report = forget.forget_sender(session, "ingen@example.dk", "rumth")
        session.commit()
        assert session.scalar(select(func.count(models.ForgetLog.id))) == 1
    assert report.total == 0


def test_forget_takes_the_persons_words_out_of_the_bruttoliste(
    imported, tmp_path: Path, capsys, monkeypatch
) -> None:
    # A candidate of Ida's alone goes; one Ida shares with Bo is described from Bo's reply.
    from tests.kit.cli import run

    _, db, _ = imported
    config_path = tmp_path / "hoering.toml"
    with db.begin() as session:
        shared = session.scalars(select(models.Candidate)).first()
        shared.title, shared.summary = "Idas titel", "Idas egne ord"
        session.add(
            models.CandidateEvent(
                candidate_id=shared.id, by="rumth", field="move", before='{"text": "Idas ord"}'
            )
        )

    code, _, err = run(
        capsys, monkeypatch, "forget", "--sender", IDA, "--yes", "-c", str(config_path)
    )

    assert code == 0, err
    with db() as session:
        left = session.scalars(select(models.Candidate)).all()
        events = session.scalars(select(models.CandidateEvent)).all()
    texts = " ".join(f"{c.title} {c.summary}" for c in left)
    assert "Idas" not in texts and "Forslag fra Ida" not in texts
    assert left and all(c.members for c in left)
    assert all(event.before is None for event in events)
