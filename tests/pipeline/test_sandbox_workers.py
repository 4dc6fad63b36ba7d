"""The sandbox with several workers and callers: parallel extraction, each file read once.

The targets below run in the real worker processes; they count runs and meet each other
through files, so the tests prove overlap and single runs without timing assertions.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from hoering.parse.message import extract
from hoering.parse.model import Attachment, AttachmentInput
from hoering.pipeline.extractcache import ExtractionCache
from hoering.pipeline.sandbox import Sandbox, SandboxLimits
from tests.kit.mails import make_mail
from tests.kit.needs import missing
from tests.kit.office_files import zip_bytes
from tests.kit.paths import CORPUS

PDF = CORPUS / "pdf" / "pdfminer_jo.pdf"
DOCX = CORPUS / "docx" / "tika_testWORD_various.docx"
TWO = SandboxLimits(timeout_seconds=30, workers=2)


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def meet(folder: str, expected: int, item: AttachmentInput) -> list[Attachment]:
    """Extract `item` once `expected` workers are inside this function at the same time;
    writes "<pid> <how many were there>" to met-<filename>."""
    here = Path(folder)
    (here / f"at-{item.filename}").write_text(str(os.getpid()), encoding="ascii")
    wait_for(lambda: len(list(here.glob("at-*"))) >= expected)
    met = len(list(here.glob("at-*")))
    (here / f"met-{item.filename}").write_text(f"{os.getpid()} {met}", encoding="ascii")
    return extract(item)


def count_runs(
    folder: str, item: AttachmentInput, wait: bool = False, hang: bool = False
) -> list[Attachment]:
    """Extract `item`, leaving a run-* file per run; first wait for a "go" file if asked."""
    here = Path(folder)
    (here / f"run-{uuid.uuid4().hex}").touch()
    if wait:
        wait_for((here / "go").exists)
    if hang:
        time.sleep(60)
    return extract(item)


def runs(folder: Path) -> int:
    return len(list(folder.glob("run-*")))


def corpus_file(path: Path) -> bytes:
    if not path.is_file():
        missing(f"corpus file {path} missing")
    return path.read_bytes()


def copy(path: str, payload: bytes, filename: str = "svar.pdf") -> AttachmentInput:
    return AttachmentInput(path, filename, "application/pdf", payload)


def test_two_callers_extract_in_two_workers_at_once(tmp_path: Path) -> None:
    pdf = copy("svar.pdf", corpus_file(PDF))
    docx = copy("bilag.docx", corpus_file(DOCX), "bilag.docx")
    with Sandbox(TWO, partial(meet, str(tmp_path), 2)) as sandbox, ThreadPoolExecutor(2) as pool:
        assert sandbox.workers == 2
        found = list(pool.map(sandbox, [pdf, docx]))
    met = [(tmp_path / f"met-{name}").read_text().split() for name in ("svar.pdf", "bilag.docx")]
    # Each worker saw the other's file while it was itself still extracting.
    assert [count for _, count in met] == ["2", "2"]
    assert len({pid for pid, _ in met}) == 2
    assert [(one.method, one.error) for [one] in found] == [("text-layer", None), ("docx", None)]


def test_copies_called_at_once_are_extracted_once_each_under_its_path(tmp_path: Path) -> None:
    payload = corpus_file(PDF)
    target = partial(count_runs, str(tmp_path), wait=True)
    paths = [f"svar-{number}.eml/svar.pdf" for number in range(5)]
    with Sandbox(TWO, target) as sandbox, ThreadPoolExecutor(5) as pool:
        pending = [pool.submit(sandbox, copy(path, payload)) for path in paths]
        # The four callers after the first are waiting for its run when the run ends.
        assert wait_for(lambda: sandbox.cache.saved == 4)
        (tmp_path / "go").touch()
        found = [future.result() for future in pending]
        [later] = sandbox(copy("svar.pdf", payload))
    assert runs(tmp_path) == 1 and sandbox.cache.saved == 5
    assert [one.path for [one] in found] == paths and later.path == "svar.pdf"
    assert {one.text for [one] in [*found, [later]]} == {found[0][0].text}
    assert found[0][0].method == "text-layer"


def test_archive_members_of_a_copy_are_under_its_path() -> None:
    forwarded = make_mail(attachments=[("svar.pdf", "application/pdf", corpus_file(PDF))])
    archive = zip_bytes({"bilag.docx": corpus_file(DOCX), "videresendt.eml": forwarded})
    first = copy("bilag.zip", archive, "bilag.zip")
    second = copy("Fwd.eml/bilag.zip", archive, "bilag.zip")
    with Sandbox(TWO) as sandbox:
        sandbox(first)
        found = sandbox(second)
    assert sandbox.cache.saved == 1
    assert [one.path for one in found] == [
        "Fwd.eml/bilag.zip",
        "Fwd.eml/bilag.zip/bilag.docx",
        "Fwd.eml/bilag.zip/videresendt.eml",
        "Fwd.eml/bilag.zip/videresendt.eml/svar.pdf",
    ]
    # Just as if this copy had been extracted itself.
    assert found == extract(second)


def test_the_least_recently_used_result_is_dropped_beyond_the_bound(tmp_path: Path) -> None:
    texts = {name: copy(f"{name}.txt", name.encode() * 600, f"{name}.txt") for name in "abc"}
    # Each result holds 1.2 kB (payload and text): the bound keeps two of them.
    with Sandbox(TWO, partial(count_runs, str(tmp_path)), cache_bytes=3000) as sandbox:
        for name in "abacab":
            sandbox(texts[name])
        assert sandbox.cache.kept_bytes <= 3000
    # a, b, c, then b again: reading a moved it past b, so c's arrival dropped b.
    assert runs(tmp_path) == 4 and sandbox.cache.saved == 2


def test_a_result_larger_than_the_bound_is_not_kept(tmp_path: Path) -> None:
    big = copy("stor.txt", b"x" * 3000, "stor.txt")
    with Sandbox(TWO, partial(count_runs, str(tmp_path)), cache_bytes=4000) as sandbox:
        sandbox(big)
        sandbox(big)
        assert not sandbox.cache.kept
    assert runs(tmp_path) == 2


def test_a_timeout_is_tried_once_more_then_kept(tmp_path: Path) -> None:
    # A timeout may come from a busy machine, not the file: the next copy gets another try;
    # a file that hangs twice costs no more than that, however many copies follow.
    limits = SandboxLimits(timeout_seconds=1, workers=2)
    slow = copy("slow.pdf", corpus_file(PDF))
    with Sandbox(limits, partial(count_runs, str(tmp_path), hang=True)) as sandbox:
        found = [sandbox(slow) for _ in range(3)]
    assert runs(tmp_path) == 2
    assert {one.error for [one] in found} == {"limit: took longer than 1 s"}


@pytest.mark.parametrize("limits", [None, "other"])
def test_other_extract_limits_are_another_key(tmp_path: Path, limits: str | None) -> None:
    text = copy("a.txt", b"Forslag om aabne data.\n", "a.txt")
    with Sandbox(TWO, partial(count_runs, str(tmp_path))) as sandbox:
        sandbox(text)
        changed = replace(text.limits, ocr_pages=2) if limits else text.limits
        sandbox(replace(text, limits=changed))
    assert runs(tmp_path) == (2 if limits else 1)


def test_callers_waiting_for_a_run_that_raised_get_its_error_and_the_next_runs_again() -> None:
    # A pool shut down under a run (Ctrl-C in the main thread) must not leave waiters hanging.
    cache = ExtractionCache()
    release = threading.Event()
    calls: list[str] = []

    def broken(item: AttachmentInput) -> list[Attachment]:
        calls.append(item.path)
        release.wait(20)
        raise RuntimeError("pool stopped")

    text = copy("a.txt", b"Forslag.\n", "a.txt")
    with ThreadPoolExecutor(3) as pool:
        pending = [
            pool.submit(cache.extract, replace(text, path=f"{n}/a.txt"), broken) for n in "xyz"
        ]
        assert wait_for(lambda: cache.saved == 2)
        release.set()
        errors = [future.exception() for future in pending]
    assert [str(error) for error in errors] == ["pool stopped"] * 3 and len(calls) == 1
    assert not cache.running and not cache.kept
    with pytest.raises(RuntimeError):
        cache.extract(text, broken)
    assert len(calls) == 2
