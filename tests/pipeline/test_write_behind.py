"""A run with workers writes each batch in a thread while it parses the next
(pipeline/write_behind.py): what was received whole is still committed before a failing
source's error goes up, a write's error still stops the run, and a copy of bytes whose
batch is being written is still known as stored."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from hoering.config import load_config
from hoering.ingest.raw import MessageOrigin, RawMessage
from hoering.pipeline import batch, run
from hoering.pipeline.run import Pipeline
from hoering.pipeline.sandbox import Sandbox, SandboxLimits
from hoering.pipeline.write_behind import WriteBehind
from hoering.store import messages as store_messages
from hoering.store import models
from hoering.store.db import DatabaseError, open_database
from tests.kit.mails import make_mail, write_config

ACCOUNT, FOLDER, UIDVALIDITY = "svar@imap.example", "INBOX", 7
ONE_WORKER = SandboxLimits(timeout_seconds=60, workers=1)


def at(uid: int, data: bytes) -> RawMessage:
    return RawMessage(MessageOrigin(ACCOUNT, FOLDER, UIDVALIDITY, uid), data)


def mail(uid: int) -> bytes:
    return make_mail(body=f"Forslag {uid}.\n", message_id=f"<w-{uid}@x.dk>")


def cut_after(count: int) -> Iterator[RawMessage]:
    yield from (at(uid, mail(uid)) for uid in range(1, count + 1))
    raise ConnectionResetError("connection cut")  # as an IMAP read that loses the server


@pytest.fixture
def setup(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(run, "BATCH_MESSAGES", 4)
    cfg = load_config(write_config(tmp_path, "\n[extract]\nocr = false\n"))
    return cfg, open_database(cfg.store_url)


def stored_and_cursor(sessions) -> tuple[int, dict]:
    with sessions() as session:
        proposals = session.scalar(select(func.count(models.Proposal.id)))
        return proposals, store_messages.load_cursors(session, ACCOUNT)


def test_what_was_received_is_committed_before_the_source_error_goes_up(setup) -> None:
    cfg, sessions = setup
    with Sandbox(ONE_WORKER) as sandbox, pytest.raises(ConnectionResetError):
        Pipeline(cfg, sessions, sandbox).run(cut_after(6))
    assert stored_and_cursor(sessions) == (6, {FOLDER: (UIDVALIDITY, 6)})


def test_a_failed_write_stops_the_run_with_the_batches_before_it_committed(
    setup, monkeypatch
) -> None:
    cfg, sessions = setup
    write = batch.BatchWriter.write

    def second_batch_fails(self, session, entries):
        if any(entry.item.origin.uid == 5 for entry in entries):
            raise OperationalError("INSERT", {}, Exception("disk full"))
        return write(self, session, entries)

    monkeypatch.setattr(batch.BatchWriter, "write", second_batch_fails)
    items = [at(uid, mail(uid)) for uid in range(1, 11)]
    with Sandbox(ONE_WORKER) as sandbox, pytest.raises(DatabaseError):
        Pipeline(cfg, sessions, sandbox).run(items)
    assert stored_and_cursor(sessions) == (4, {FOLDER: (UIDVALIDITY, 4)})


def test_a_copy_of_bytes_whose_batch_is_being_written_is_not_parsed_again(setup) -> None:
    cfg, sessions = setup
    items = [at(uid, mail(uid)) for uid in range(1, 5)] + [at(5, mail(1))]
    with Sandbox(ONE_WORKER) as sandbox:
        report = Pipeline(cfg, sessions, sandbox).run(items)
    assert (report.stored, report.already_stored) == (4, 1)
    assert stored_and_cursor(sessions) == (4, {FOLDER: (UIDVALIDITY, 5)})


def test_jobs_run_one_at_a_time_in_order_off_the_callers_thread() -> None:
    done: list[tuple[int, str]] = []
    with WriteBehind(threaded=True) as writes:
        for n in range(5):
            writes.submit(lambda n=n: done.append((n, threading.current_thread().name)))
    assert [n for n, _ in done] == list(range(5))
    assert all(name.startswith("write") for _, name in done)


def test_a_jobs_error_is_raised_when_the_caller_next_hands_one_over() -> None:
    def fails() -> None:
        raise ValueError("write failed")

    with WriteBehind(threaded=True) as writes:
        writes.submit(fails)
        with pytest.raises(ValueError, match="write failed"):
            writes.submit(lambda: None)


def test_a_pipeline_with_workers_runs_again_with_a_thread_of_its_own(setup) -> None:
    cfg, sessions = setup
    with Sandbox(ONE_WORKER) as sandbox:
        pipeline = Pipeline(cfg, sessions, sandbox)
        pipeline.run([at(uid, mail(uid)) for uid in range(1, 3)])
        report = pipeline.run([at(uid, mail(uid)) for uid in range(3, 5)])
    assert report.stored == 4  # one report, counted on over the runs
    assert stored_and_cursor(sessions) == (4, {FOLDER: (UIDVALIDITY, 4)})


def test_a_jobs_error_is_logged_when_the_run_fails_while_it_is_written(caplog) -> None:
    started, release = threading.Event(), threading.Event()

    def fails() -> None:
        started.set()
        release.wait(10)
        raise OperationalError("INSERT", {}, Exception("disk full"))

    with pytest.raises(RuntimeError, match="source lost"), WriteBehind(threaded=True) as writes:
        writes.submit(fails)
        started.wait(10)
        release.set()
        raise RuntimeError("source lost")  # the run's own error, raised while the job runs
    assert "failed as well" in caplog.text and "disk full" in caplog.text


def test_a_job_the_caller_stopped_waiting_for_is_still_waited_for_and_its_error_said(
    caplog,
) -> None:
    release = threading.Event()

    def fails() -> None:
        release.wait(10)
        raise ValueError("disk full")

    def interrupted(timeout: float | None = None) -> None:
        release.set()
        raise KeyboardInterrupt  # as Ctrl-C while the run waits for the write

    with pytest.raises(KeyboardInterrupt), WriteBehind(threaded=True) as writes:
        writes.submit(fails)
        assert writes.pending is not None
        writes.pending.result = interrupted  # type: ignore[method-assign]
        writes.drain()
    assert "failed as well" in caplog.text and "disk full" in caplog.text
