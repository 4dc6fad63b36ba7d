"""The extraction pool never fails a message: workers retiring under many quick attachments,
workers killed while idle, and the corpus imported with two workers (issue 16).

On main, a worker forked from a parse thread exited with status 1 when it retired after
`max_tasks`, pebble called that "All workers expired" and every later message failed.
"""

from __future__ import annotations

import os
import signal
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoering import pipeline
from hoering.config import load_config
from hoering.parse.model import AttachmentInput
from hoering.pipeline.sandbox import Sandbox, SandboxLimits
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config
from tests.kit.needs import missing
from tests.kit.paths import CORPUS
from tests.pipeline.test_sandbox_workers import meet, wait_for

pytestmark = pytest.mark.long  # the corpus through two workers: minutes on loaded cores

TWO_WORKERS = "[extract]\nworkers = 2\ntimeout_seconds = 30\n"


def import_with_two_workers(tmp_path: Path, mails: list[bytes]) -> tuple[int, list[str]]:
    """Each mail written to a folder and imported in one run: (stored, parse errors)."""
    folder = tmp_path / "mails"
    folder.mkdir()
    for number, data in enumerate(mails):
        (folder / f"{number:04d}.eml").write_bytes(data)  # sorted names keep this order
    cfg = load_config(write_config(tmp_path, TWO_WORKERS))
    sessions = open_database(cfg.store_url)
    report = pipeline.import_paths(cfg, sessions, [folder])
    with sessions() as session:
        stored = session.scalar(select(func.count()).select_from(models.RawMessage))
        failed = list(session.scalars(select(models.RawMessage.parse_error).where(
            models.RawMessage.parse_error.is_not(None))))  # fmt: skip
    assert report.failed == len(failed)
    return stored or 0, failed


def test_a_mail_with_300_attachments_and_50_more_are_all_parsed(tmp_path: Path) -> None:
    # Distinct texts (the run's cache would read copies once): six max_tasks rounds per worker.
    many = [(f"bilag-{n}.txt", "text/plain", f"Bilag {n}: forslag.\n".encode()) for n in range(300)]
    mails = [make_mail(message_id="<mange@borgernet.example>", attachments=many)]
    mails += [
        make_mail(
            message_id=f"<svar-{n}@borgernet.example>",
            attachments=[("svar.txt", "text/plain", f"Svar {n}.\n".encode())],
        )
        for n in range(50)
    ]
    assert import_with_two_workers(tmp_path, mails) == (51, [])


@pytest.mark.corpus
def test_the_corpus_each_file_in_its_own_mail_is_parsed_with_two_workers(tmp_path: Path) -> None:
    # eml/phpmmp_issue408.eml forwards ~250 .txt files: on main the pool broke there.
    if not (CORPUS / "MANIFEST.tsv").is_file():
        missing(f"corpus not found at {CORPUS}")
    files = sorted(
        path for path in CORPUS.rglob("*") if path.is_file() and path.parent != CORPUS
    )  # fmt: skip
    mails = [
        make_mail(
            subject=f"OGP-høring: {path.relative_to(CORPUS)}",
            message_id=f"<korpus-{n}@borgernet.example>",
            attachments=[(path.name, "application/octet-stream", path.read_bytes())],
        )
        for n, path in enumerate(files)
    ]
    assert import_with_two_workers(tmp_path, mails) == (len(files), [])


def text(name: str) -> AttachmentInput:
    return AttachmentInput(name, name, "text/plain", f"Forslag i {name}.\n".encode())


def test_the_next_attachment_is_read_after_the_idle_workers_were_killed(tmp_path: Path) -> None:
    # `meet` writes each worker's pid once two are inside it at once: both workers known.
    limits = SandboxLimits(timeout_seconds=30, workers=2)
    with Sandbox(limits, partial(meet, str(tmp_path), 2)) as sandbox:
        with ThreadPoolExecutor(2) as threads:
            list(threads.map(sandbox, [text("a.txt"), text("b.txt")]))
        pids = {int(path.read_text().split()[0]) for path in tmp_path.glob("met-*")}
        assert len(pids) == 2
        broken = sandbox.pool
        assert broken is not None
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        # pebble marks the pool broken ("All workers expired") once it sees both gone.
        assert wait_for(lambda: not broken.active)
        [found] = sandbox(text("c.txt"))
        assert (found.text, found.error) == ("Forslag i c.txt.", None)
        assert sandbox.pool is not broken
        [pid_file] = tmp_path.glob("met-c.txt")
        assert int(pid_file.read_text().split()[0]) not in pids


def read_in_threads(sandbox: Sandbox, names: list[str]) -> list[tuple[str, str | None]]:
    """Each name's attachment read from two parse threads, as the pipeline does: (text, error)."""
    with ThreadPoolExecutor(2) as threads:
        found = list(threads.map(sandbox, [text(name) for name in names]))
    return [(attachment.text, attachment.error) for [attachment] in found]


def test_workers_retire_without_breaking_the_pool_entered_in_a_parse_thread() -> None:
    # A Sandbox entered in an executor thread (not the CLI's main thread) forks its workers
    # from a plain thread: they retire every two attachments and the pool is never rebuilt.
    limits = SandboxLimits(timeout_seconds=30, workers=2, max_tasks=2)
    names = [f"{n}.txt" for n in range(24)]
    sandbox = Sandbox(limits)
    with ThreadPoolExecutor(1) as caller:
        caller.submit(sandbox.__enter__).result()
    try:
        assert read_in_threads(sandbox, names) == [(f"Forslag i {n}.", None) for n in names]
        assert sandbox.generation == 0
    finally:
        sandbox.__exit__(None, None, None)


def test_a_pool_rebuilt_in_a_parse_thread_retires_workers_without_breaking(
    tmp_path: Path,
) -> None:
    limits = SandboxLimits(timeout_seconds=30, workers=2, max_tasks=2)
    names = [f"{n}.txt" for n in range(24)]
    with Sandbox(limits) as sandbox:
        broken = sandbox.pool
        assert broken is not None
        broken.stop()  # as if its workers had died: the next caller rebuilds it
        broken.join()
        assert read_in_threads(sandbox, names) == [(f"Forslag i {n}.", None) for n in names]
        assert sandbox.generation == 1
