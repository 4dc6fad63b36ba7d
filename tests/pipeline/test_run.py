"""The pipeline over the offline sources: matching, exactly-once storage, failures, late flag."""

from __future__ import annotations

import mailbox
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.store import models
from hoering.store.db import DatabaseError, open_database
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX
from tests.kit.rows import count


@pytest.fixture
def cfg(tmp_path: Path):
    return load_config(write_config(tmp_path))


@pytest.fixture
def db(cfg):
    return open_database(cfg.store_url)


def run_import(cfg, db, *paths: Path) -> pipeline.RunReport:
    return pipeline.import_paths(cfg, db, list(paths))


def write_mail(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def test_sample_inbox_imports_the_marked_replies_once(cfg, db) -> None:
    # examples/inbox/README.md: 17 files, 14 marked, 13 distinct (one re-sent copy), 3 ignored.
    report = run_import(cfg, db, SAMPLE_INBOX)
    assert (report.seen, report.matched, report.stored, report.duplicates, report.failed) == (
        17,
        14,
        13,
        1,
        0,
    )
    assert count(db, models.Proposal) == 13


def test_second_import_stores_nothing_new(sample_copy: Path) -> None:
    cfg = load_config(sample_copy)  # the sample inbox imported once already
    db = open_database(cfg.store_url)
    again = run_import(cfg, db, SAMPLE_INBOX)
    # 13 exact copies of stored mail, and the re-sent reply again: nothing is a new duplicate
    # but that one, and the summary says so (it said "duplicates 14").
    assert (again.stored, again.already_stored, again.duplicates) == (0, 13, 1)
    assert "stored 0, already stored 13, duplicates 1" in again.summary()
    assert count(db, models.Proposal) == 13
    assert count(db, models.RawMessage) == 13


def test_unmarked_mail_is_not_stored(cfg, db, tmp_path: Path) -> None:
    # The body mentions the marker; only the subject decides.
    mail = make_mail(subject="Spørgsmål til høringen", body="Gælder OGP-høring også kommuner?")
    report = run_import(cfg, db, write_mail(tmp_path, "q.eml", mail))
    assert (report.seen, report.matched, report.stored) == (1, 0, 0)


def test_message_without_message_id_is_deduplicated_by_its_bytes(cfg, db, tmp_path) -> None:
    mail = make_mail(message_id=None)
    a = write_mail(tmp_path, "a.eml", mail)
    b = write_mail(tmp_path, "b.eml", mail)
    c = write_mail(tmp_path, "c.eml", make_mail(message_id=None, body="Et andet forslag.\n"))
    report = run_import(cfg, db, a, b, c)
    assert (report.stored, report.already_stored, report.duplicates) == (2, 1, 0)


def test_same_message_id_with_different_bytes_is_one_proposal(cfg, db, tmp_path) -> None:
    # A mail re-delivered through another relay differs in its Received headers only.
    first = make_mail()
    second = b"Received: from relay2.example by mx.digst.dk; Thu, 10 Aug 2017 10:20:00 +0200\r\n"
    report = run_import(
        cfg, db, write_mail(tmp_path, "1.eml", first), write_mail(tmp_path, "2.eml", second + first)
    )
    assert (report.stored, report.duplicates) == (1, 1)


def test_unparseable_message_is_kept_raw_and_counted(cfg, db, tmp_path) -> None:
    broken = b"Subject: OGP-h\xf8ring\r\n\r\n"  # marked, but nothing else
    broken_path = write_mail(tmp_path, "0-broken.eml", broken)
    good_path = write_mail(tmp_path, "1-good.eml", make_mail())
    report = run_import(cfg, db, broken_path, good_path)
    with db() as session:
        raws = session.scalars(select(models.RawMessage).order_by(models.RawMessage.id)).all()
    assert report.matched == 2 and report.stored + report.failed == 2
    assert raws[0].data == broken  # nothing received is lost
    if report.failed:
        assert raws[0].parse_error


def test_mbox_and_maildir_give_the_same_messages_as_files(cfg, db, tmp_path) -> None:
    mails = [make_mail(message_id=f"<m{i}@x>", body=f"Forslag {i}\n") for i in range(3)]
    box = mailbox.mbox(tmp_path / "svar.mbox")
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    for data in mails:
        box.add(data)
        maildir.add(data)
    box.close()
    assert run_import(cfg, db, tmp_path / "svar.mbox").stored == 3
    again = run_import(cfg, db, tmp_path / "Maildir")
    assert (again.stored, again.already_stored, again.duplicates) == (0, 3, 0)


def test_raw_message_is_stored_losslessly(cfg, db, tmp_path) -> None:
    mail = make_mail()
    run_import(cfg, db, write_mail(tmp_path, "a.eml", mail))
    with db() as session:
        assert session.scalar(select(models.RawMessage.data)) == mail


def test_proposal_fields(cfg, db, tmp_path) -> None:
    pdf_free = make_mail(attachments=[("noter.txt", "text/plain", "Bilagstekst æøå".encode())])
    run_import(cfg, db, write_mail(tmp_path, "a.eml", pdf_free))
    with db() as session:
        p = session.scalars(select(models.Proposal)).one()
        assert p.sender_name == "Søren Ærø" and p.sender_email == "soren@borgernet.example"
        assert p.subject == "OGP-høring: forslag om åbne data"
        assert p.received_at == datetime(2017, 8, 10, 8, 15, tzinfo=UTC)
        assert p.late is False
        assert p.source_account == "file" and p.source_folder.endswith("a.eml")
        assert p.message_id == "svar-1@borgernet.example"
        assert [a.filename for a in p.attachments] == ["noter.txt"]
        assert "Bilagstekst æøå" in p.combined_text and "udgiver data" in p.combined_text


@pytest.mark.parametrize(
    ("received", "late"),
    [
        ("2017-08-20T23:59:59+02:00", False),  # last second of the deadline day, Danish time
        ("2017-08-20T22:30:00+00:00", True),  # 00:30 on the 21st in Copenhagen
        ("2017-08-21T00:00:00+02:00", True),
        ("2017-08-01T09:00:00+02:00", False),
    ],
)
def test_late_means_after_the_deadline_day_in_danish_time(received: str, late: bool) -> None:
    at = datetime.fromisoformat(received)
    assert pipeline.is_late(at, date(2017, 8, 20), ZoneInfo("Europe/Copenhagen")) is late


def test_unknown_date_or_no_deadline_is_not_late() -> None:
    tz = ZoneInfo("Europe/Copenhagen")
    assert pipeline.is_late(None, date(2017, 8, 20), tz) is False
    assert pipeline.is_late(datetime.now(UTC), None, tz) is False


def test_late_reply_in_sample_inbox_is_flagged(sample_imported: Path) -> None:
    db = open_database(load_config(sample_imported).store_url)
    with db() as session:
        late = session.scalars(select(models.Proposal).where(models.Proposal.late)).all()
    assert [p.sender_email.split("@")[1] for p in late] == ["regionsydkyst.example"]


def test_read_only_database_is_a_clear_error(cfg, db, tmp_path: Path) -> None:
    path = cfg.store_url.removeprefix("sqlite:///")
    read_only = open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(DatabaseError, match="database write failed"):
        run_import(cfg, read_only, write_mail(tmp_path, "a.eml", make_mail()))
    assert count(db, models.RawMessage) == 0


def test_second_run_while_locked_is_refused(cfg, db, tmp_path: Path) -> None:
    with pipeline.run_lock(cfg), pytest.raises(pipeline.RunLocked, match="another hoering"):
        run_import(cfg, db, write_mail(tmp_path, "a.eml", make_mail()))


def test_run_is_recorded_with_counts(sample_imported: Path) -> None:
    db = open_database(load_config(sample_imported).store_url)  # one import, by the CLI
    with db() as session:
        run = session.scalars(select(models.Run)).one()
    assert (run.kind, run.seen, run.stored, run.error) == ("import", 17, 13, None)
    assert run.finished_at is not None
