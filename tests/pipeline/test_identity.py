"""Identity through the pipeline: one message seen twice is one proposal with two sightings;
two messages sharing a Message-ID are two proposals, and reviewers are told."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.parse import envelope
from hoering.parse.subject import SubjectMatcher
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run as run_cli
from tests.kit.mails import make_mail, write_config, write_in
from tests.kit.rows import count
from tests.test_cli_poll import poll_config

RECEIVED = "Received: from mx{n}.example by mx.digst.dk; Thu, 10 Aug 2017 10:1{n}:00 +0200\r\n"


@pytest.fixture
def cfg(tmp_path: Path):
    return load_config(write_config(tmp_path))


@pytest.fixture
def db(cfg):
    return open_database(cfg.store_url)


def test_the_same_mail_in_two_folders_is_one_proposal_with_two_sightings(
    mailbox, tmp_path, monkeypatch
) -> None:
    # A rule copied the reply to a subfolder; the copies differ in their delivery headers.
    reply = make_mail()
    mailbox.append("INBOX", RECEIVED.format(n=1).encode() + reply)
    mailbox.append("Høringssvar", RECEIVED.format(n=2).encode() + reply)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", mailbox.password)
    cfg = load_config(poll_config(tmp_path, mailbox, folders=["INBOX", "Høringssvar"]))
    db = open_database(cfg.store_url)

    report = pipeline.poll(cfg, db)

    assert (report.stored, report.duplicates) == (1, 1)
    assert (count(db, models.Proposal), count(db, models.Sighting)) == (1, 2)


def test_two_messages_sharing_a_message_id_are_two_proposals(cfg, db, tmp_path, caplog) -> None:
    # A web form that stamps every mail it sends with one Message-ID.
    first = make_mail(message_id="<form@kommune.example>", sender="Anna <anna@example.dk>")
    second = make_mail(
        message_id="<form@kommune.example>", sender="Bo <bo@example.dk>", body="Andet forslag.\n"
    )
    paths = [write_in(tmp_path, "1.eml", first), write_in(tmp_path, "2.eml", second)]

    with caplog.at_level(logging.WARNING, logger="hoering.pipeline.run"):
        report = pipeline.import_paths(cfg, db, paths)

    assert (report.stored, report.duplicates) == (2, 0)
    with db() as session:
        senders = session.scalars(select(models.Proposal.sender_email).order_by("id")).all()
    assert senders == ["anna@example.dk", "bo@example.dk"]
    assert "Message-ID <form@kommune.example> is shared with stored message(s) 1" in caplog.text


def test_show_tells_the_reviewer_about_a_shared_message_id(
    cfg, db, tmp_path, capsys, monkeypatch
) -> None:
    first = make_mail(message_id="<form@kommune.example>")
    second = make_mail(message_id="<form@kommune.example>", body="Andet forslag.\n")
    pipeline.import_paths(
        cfg, db, [write_in(tmp_path, "1.eml", first), write_in(tmp_path, "2.eml", second)]
    )

    code, out, _ = run_cli(capsys, monkeypatch, "show", "2", "-c", str(cfg.path))

    assert code == 0
    assert "Samme Message-ID som svar 1, men andet indhold" in out


def test_a_resent_copy_with_the_same_message_id_and_content_is_a_duplicate(
    cfg, db, tmp_path
) -> None:
    # Delivered twice (a relay retried after a timeout): the bytes differ in transport only.
    reply = make_mail()
    copies = [RECEIVED.format(n=n).encode() + b"X-Spam-Score: 0.%d\r\n" % n + reply for n in (1, 2)]
    report = pipeline.import_paths(
        cfg, db, [write_in(tmp_path, f"{n}.eml", data) for n, data in enumerate(copies)]
    )
    assert (report.stored, report.duplicates) == (1, 1)


def test_a_run_reads_each_messages_headers_once(cfg, db, tmp_path, monkeypatch) -> None:
    # Identity and the automatic-mail check read one envelope; they each parsed the headers.
    reads: list[bytes] = []
    real = envelope.read_envelope

    def counted(data: bytes) -> envelope.Envelope:
        reads.append(data)
        return real(data)

    monkeypatch.setattr("hoering.pipeline.run.read_envelope", counted)
    monkeypatch.setattr("hoering.parse.identity.read_envelope", counted)
    paths = [
        write_in(tmp_path, f"{n}.eml", make_mail(message_id=f"<m{n}@example.dk>")) for n in range(3)
    ]

    report = pipeline.import_paths(cfg, db, paths)

    assert report.stored == 3
    assert len(reads) == 3


def test_a_poll_matches_each_subject_once(mailbox, tmp_path, monkeypatch) -> None:
    # IMAP tests the subject on a header-only fetch before it fetches bodies; the run trusts
    # that test instead of matching the same subject a second time on the full message.
    checked: list[str] = []
    real = SubjectMatcher.matches

    def counted(self: SubjectMatcher, subject: str) -> bool:
        checked.append(subject)
        return real(self, subject)

    monkeypatch.setattr(SubjectMatcher, "matches", counted)
    mailbox.append("INBOX", make_mail(subject="OGP-høring: forslag"))
    mailbox.append("INBOX", make_mail(subject="Nyhedsbrev", message_id="<news@example.dk>"))
    monkeypatch.setenv("TEST_IMAP_PASSWORD", mailbox.password)
    cfg = load_config(poll_config(tmp_path, mailbox))

    report = pipeline.poll(cfg, open_database(cfg.store_url))

    assert (report.seen, report.matched, report.stored) == (2, 1, 1)
    assert checked == ["OGP-høring: forslag", "Nyhedsbrev"]
