"""`hoering reparse` on a real SQLite database: stored data updated in place, as the code is now.

Older code is simulated by editing what it would have stored: an attachment text, an
extractor version, a parse error.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline import reparse as reparse_module
from hoering.pipeline.parsing import parse_bytes
from hoering.pipeline.reparse import ReparseReport, Selection, UnknownProposal, reparse
from hoering.pipeline.sandbox import Sandbox
from hoering.store import models
from hoering.store.db import open_database
from hoering.vocab import MessageStatus
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

PDF_MAIL = "04-virksomhed-pdf-bilag.eml"
ATTACHED = [("bilag.txt", "text/plain", "Forslag: åbne data om indkøb.\n".encode())]


@pytest.fixture
def cfg(tmp_path: Path):
    return load_config(write_config(tmp_path))


@pytest.fixture
def db(cfg, tmp_path: Path):
    """Three stored replies, one with a text attachment."""
    sessions = open_database(cfg.store_url)
    mails = [
        make_mail(message_id="<a@x>", attachments=ATTACHED),
        make_mail(message_id="<b@x>", body="Vi foreslår en whistleblowerordning.\n"),
        make_mail(message_id="<c@x>", body="Gør høringssvar offentlige.\n"),
    ]
    paths = []
    for number, data in enumerate(mails):
        paths.append(tmp_path / f"{number}.eml")
        paths[-1].write_bytes(data)
    assert pipeline.import_paths(cfg, sessions, paths).stored == 3
    return sessions


def attachment(sessions) -> models.Attachment:
    with sessions() as session:
        return session.scalars(select(models.Attachment)).one()


def proposal_id(sessions, message_id: str) -> int:
    with sessions() as session:
        query = select(models.Proposal.id).where(models.Proposal.message_id == message_id)
        return session.scalars(query).one()


def as_older_code_stored(sessions, text: str = "", version: str | None = None) -> None:
    with sessions.begin() as session:
        row = session.scalars(select(models.Attachment)).one()
        row.text, row.extractor_version, row.error = text, version, "unsupported type: text"


def test_reparse_restores_text_an_older_extractor_missed(cfg, db) -> None:
    before = attachment(db)
    as_older_code_stored(db)
    report = reparse(cfg, db, Selection(ids=(proposal_id(db, "a@x"),)))
    after = attachment(db)
    assert after.text == "Forslag: åbne data om indkøb." and after.error is None
    assert after.extractor_version == before.extractor_version
    assert after.id == before.id  # updated in place, not re-inserted
    assert (report.checked, report.changed) == (1, 1)
    assert report.lines == [
        "proposal 1: error fixed: bilag.txt (was: unsupported type: text); new text: bilag.txt"
    ]


def test_reparse_keeps_proposal_ids_and_review_free_fields(cfg, db) -> None:
    with db.begin() as session:
        first = session.get_one(models.Proposal, 1)
        first.body_text = "gammel tekst"
        created = first.created_at
    report = reparse(cfg, db, Selection(all=True))
    with db() as session:
        ids = session.scalars(select(models.Proposal.id).order_by(models.Proposal.id)).all()
        first = session.get_one(models.Proposal, 1)
    assert ids == [1, 2, 3] and first.created_at == created
    assert first.body_text.startswith("Kære Digitaliseringsstyrelsen")
    assert report.lines == ["proposal 1: body changed"]
    assert report.summary() == "reparsed 3: changed 1, unchanged 2, recovered 0, failing 0"


def test_outdated_selects_only_rows_of_other_versions(cfg, db) -> None:
    as_older_code_stored(db, text="gammel", version="text/0")
    with db.begin() as session:
        session.get_one(models.Proposal, proposal_id(db, "c@x")).parser_version = None
    report = reparse(cfg, db, Selection(outdated=True))
    assert report.checked == 2
    assert [line.split(":")[0] for line in report.lines] == ["proposal 1"]  # 3's text is as it was
    assert reparse(cfg, db, Selection(outdated=True)).checked == 0


def as_failed_before(sessions, message_id: str, data: bytes | None = None) -> int:
    """Turn a stored reply into what older code left: raw with an error, no proposal."""
    with sessions.begin() as session:
        query = select(models.RawMessage).where(models.RawMessage.message_id == message_id)
        raw = session.scalars(query).one()
        session.delete(raw.proposal)
        raw.parse_error, raw.message_id = "internal parser error: KeyError: 'x'", None
        raw.dedup_key = f"sha256:{raw.sha256}"  # failed messages are known by their bytes
        raw.data = raw.data if data is None else data
        for row in session.scalars(select(models.MessageState)):
            if row.raw_message_id == raw.id:
                row.status, row.last_error = MessageStatus.FAILED, raw.parse_error
        return raw.id


def test_formerly_failed_message_gets_its_proposal(cfg, db) -> None:
    raw_id = as_failed_before(db, "b@x")
    report = reparse(cfg, db, Selection(outdated=True))
    with db() as session:
        raw = session.get_one(models.RawMessage, raw_id)
        assert raw.parse_error is None and raw.proposal is not None
        assert raw.proposal.body_text == "Vi foreslår en whistleblowerordning."
        new_id = raw.proposal.id
    assert report.recovered == 1
    assert report.lines == [f"message {raw_id} (failed before): parsed, now proposal {new_id}"]


def test_message_still_failing_is_reported(cfg, db) -> None:
    raw_id = as_failed_before(db, "b@x", data=b"\r\n")  # nothing at all to parse
    report = reparse(cfg, db, Selection(all=True))
    assert (report.checked, report.failing) == (3, 1)
    assert report.lines == [f"message {raw_id}: still cannot be parsed: empty input"]


def test_attachment_removed_and_added_are_reported(cfg, db) -> None:
    with db.begin() as session:
        row = session.scalars(select(models.Attachment)).one()
        row.path = "gammelt-navn.txt"
    report = reparse(cfg, db, Selection(ids=(1,)))
    assert report.lines == ["proposal 1: added: bilag.txt; removed: gammelt-navn.txt"]
    assert attachment(db).path == "bilag.txt"


def test_unknown_id_is_refused(cfg, db) -> None:
    with pytest.raises(UnknownProposal, match="no proposal with id 99"):
        reparse(cfg, db, Selection(ids=(99,)))


def test_sample_inbox_reparses_unchanged(cfg, tmp_path: Path) -> None:
    sessions = open_database(cfg.store_url)
    stored = pipeline.import_paths(cfg, sessions, [SAMPLE_INBOX]).stored
    report = reparse(cfg, sessions, Selection(all=True))
    assert isinstance(report, ReparseReport)
    assert stored == 13 and report.checked == stored  # every proposal was parsed again
    assert report.lines == [] and report.changed == 0 and report.unchanged == stored


def test_chunks_write_every_proposal_and_tick_after_each(cfg, db, monkeypatch) -> None:
    monkeypatch.setattr(reparse_module, "CHUNK", 2)  # three proposals: a chunk of 2, one of 1
    with db.begin() as session:
        for proposal in session.scalars(select(models.Proposal)):
            proposal.body_text = "gammel tekst"
    ticks = []
    report = reparse(cfg, db, Selection(all=True), tick=lambda: ticks.append(1))
    assert len(ticks) == 3
    assert report.lines == [f"proposal {n}: body changed" for n in (1, 2, 3)]
    with db() as session:
        assert "gammel tekst" not in session.scalars(select(models.Proposal.body_text)).all()


def test_given_ids_are_reported_in_the_order_given(cfg, db) -> None:
    with db.begin() as session:
        for proposal in session.scalars(select(models.Proposal)):
            proposal.body_text = "gammel tekst"
    report = reparse(cfg, db, Selection(ids=(3, 1)))
    assert report.lines == ["proposal 3: body changed", "proposal 1: body changed"]


def test_report_keeps_the_first_lines_and_counts_the_rest(cfg, db, monkeypatch) -> None:
    monkeypatch.setattr(reparse_module, "MAX_LINES", 2)
    with db.begin() as session:
        for proposal in session.scalars(select(models.Proposal)):
            proposal.body_text = "gammel tekst"
    report = reparse(cfg, db, Selection(all=True))
    assert report.lines == ["proposal 1: body changed", "proposal 2: body changed"]
    assert (report.changed, report.omitted) == (3, 1)
    assert report.omitted_line() == "... and 1 more not shown"


def test_several_extraction_workers_parse_in_threads(cfg, db, monkeypatch) -> None:
    # The sandbox gets a `workers` count with [extract] workers; until then, give it one.
    monkeypatch.setattr(Sandbox, "workers", 2, raising=False)
    threads = set()

    def recording(data, extract, limits):
        threads.add(threading.current_thread().name)
        return parse_bytes(data, extract, limits)

    monkeypatch.setattr(reparse_module, "parse_bytes", recording)
    with db.begin() as session:
        session.get_one(models.Proposal, 2).body_text = "gammel tekst"
    report = reparse(cfg, db, Selection(all=True))
    assert report.lines == ["proposal 2: body changed"] and report.checked == 3
    assert threads and all(name.startswith("reparse") for name in threads)


def test_received_time_comes_from_the_sighting_of_the_proposals_place(cfg, db) -> None:
    # A polled reply's received time is the server's INTERNALDATE, kept on its sighting;
    # an imported file's place has no UIDVALIDITY or UID (NULL), which must still match.
    after_deadline = datetime(2017, 8, 25, 9, 0, tzinfo=UTC)
    with db.begin() as session:
        proposal = session.get_one(models.Proposal, 2)
        sighting = session.scalars(
            select(models.Sighting).where(models.Sighting.raw_message_id == proposal.raw_message_id)
        ).one()
        assert (sighting.uidvalidity, sighting.uid) == (None, None)
        sighting.internal_date = after_deadline
    reparse(cfg, db, Selection(all=True))
    with db() as session:
        late = {p.id: p.late for p in session.scalars(select(models.Proposal))}
        received = session.get_one(models.Proposal, 2).received_at
    assert late == {1: False, 2: True, 3: False}
    assert received.replace(tzinfo=UTC) == after_deadline
