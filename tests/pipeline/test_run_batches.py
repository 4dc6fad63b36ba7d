"""Batched writes: one transaction per batch, the cursor only with what was committed, what
was received whole written before a failing source's error goes up, and copies inside one
batch counted as across batches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoering.config import load_config
from hoering.ingest.raw import MessageOrigin, RawMessage
from hoering.parse.message import extract
from hoering.pipeline import batch, run
from hoering.pipeline.run import Pipeline
from hoering.store import messages as store_messages
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.initiative_docs import to_pdf
from tests.kit.mails import make_mail, write_config

ACCOUNT, FOLDER, UIDVALIDITY = "svar@imap.example", "INBOX", 7


def at(uid: int, data: bytes) -> RawMessage:
    return RawMessage(MessageOrigin(ACCOUNT, FOLDER, UIDVALIDITY, uid), data)


def mails(count: int, **kwargs) -> Iterator[RawMessage]:
    for uid in range(1, count + 1):
        yield at(uid, make_mail(body=f"Forslag {uid}.\n", message_id=f"<b-{uid}@x.dk>", **kwargs))


def cut_after(count: int) -> Iterator[RawMessage]:
    yield from mails(count)
    raise ConnectionResetError("connection cut")  # as an IMAP read that loses the server


@pytest.fixture
def setup(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(run, "BATCH_MESSAGES", 4)
    cfg = load_config(write_config(tmp_path))
    return cfg, open_database(cfg.store_url)


def stored_and_cursor(sessions) -> tuple[int, dict]:
    with sessions() as session:
        proposals = session.scalar(select(func.count(models.Proposal.id)))
        return proposals, store_messages.load_cursors(session, ACCOUNT)


def test_each_batch_commits_with_its_cursor(setup) -> None:
    cfg, sessions = setup
    seen: list[tuple[int, dict]] = []  # what is committed as each message comes in
    report = Pipeline(cfg, sessions).run(
        mails(10), tick=lambda: seen.append(stored_and_cursor(sessions))
    )
    assert report.stored == 10
    first, second, third = (0, {}), (4, {FOLDER: (UIDVALIDITY, 4)}), (8, {FOLDER: (UIDVALIDITY, 8)})
    assert seen == [first] * 4 + [second] * 4 + [third] * 2
    assert stored_and_cursor(sessions) == (10, {FOLDER: (UIDVALIDITY, 10)})


def test_a_failing_source_keeps_what_was_received_whole(setup) -> None:
    cfg, sessions = setup
    with pytest.raises(ConnectionResetError):
        Pipeline(cfg, sessions).run(cut_after(6))
    # 1-4 were committed in the loop, 5-6 before the error went up; 7 never came.
    assert stored_and_cursor(sessions) == (6, {FOLDER: (UIDVALIDITY, 6)})


def test_copies_inside_one_batch_are_counted_as_across_batches(setup) -> None:
    cfg, sessions = setup
    mail = make_mail(message_id="<kopi@x.dk>")
    relayed = b"Received: from relay.example by mx.example; Mon, 14 Aug 2017 10:00:00 +0200\r\n"
    items = [at(1, mail), at(2, mail), at(3, relayed + mail)]
    report = Pipeline(cfg, sessions).run(items)
    assert (report.stored, report.already_stored, report.duplicates) == (1, 1, 1)
    with sessions() as session:
        assert session.scalar(select(func.count(models.RawMessage.id))) == 1
        assert session.scalar(select(func.count(models.Sighting.id))) == 3
        statuses = session.scalars(select(models.MessageState.status).order_by("uid")).all()
    assert statuses == ["stored", "duplicate", "duplicate"]


def test_a_copy_deleted_between_check_and_write_is_parsed_after_all(setup, monkeypatch) -> None:
    # As `hoering forget` deleting the stored copy while this run had it as known.
    cfg, sessions = setup
    monkeypatch.setattr(Pipeline, "known_bytes", lambda self, shas: set(shas))
    report = Pipeline(cfg, sessions).run(mails(2))
    assert report.stored == 2 and stored_and_cursor(sessions)[0] == 2


class TwoWorkers:
    """An extractor that says it has two workers, so the pipeline parses from threads."""

    workers = 2

    def __call__(self, item):
        return extract(item)


def test_parallel_parsing_keeps_the_order_and_every_attachment(setup) -> None:
    cfg, sessions = setup
    pdf = to_pdf([("p", "Vi foreslår åbne data.")])
    attachments = [("forslag.pdf", "application/pdf", pdf)]
    report = Pipeline(cfg, sessions, TwoWorkers()).run(mails(9, attachments=attachments))
    assert report.stored == 9
    with sessions() as session:
        rows = session.execute(
            select(models.Proposal.source_uid, models.Proposal.body_text).order_by("id")
        ).all()
        texts = session.scalars(select(models.Attachment.text)).all()
    assert [(uid, body.strip()) for uid, body in rows] == [
        (uid, f"Forslag {uid}.") for uid in range(1, 10)
    ]
    assert len(texts) == 9 and all("åbne data" in text for text in texts)


def test_running_out_of_memory_writing_a_batch_stores_that_message_raw(setup, monkeypatch):
    cfg, sessions = setup
    record = batch.BatchWriter.record

    def record_big_fails(self, session, entry, *args):
        if entry.proposal is not None and entry.proposal.body_text.startswith("Forslag 3."):
            raise MemoryError
        return record(self, session, entry, *args)

    monkeypatch.setattr(batch.BatchWriter, "record", record_big_fails)
    report = Pipeline(cfg, sessions).run(mails(4))
    assert (report.stored, report.failed) == (3, 1)
    with sessions() as session:
        [error] = session.scalars(
            select(models.RawMessage.parse_error).where(models.RawMessage.parse_error.is_not(None))
        ).all()
    assert error == "out of memory while storing its proposal"
    assert stored_and_cursor(sessions) == (3, {FOLDER: (UIDVALIDITY, 4)})
