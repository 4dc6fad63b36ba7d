"""The extraction sandbox with real worker processes: time, memory, crashes, shutdown.

The misbehaving extractors below stand in for a parser meeting hostile bytes; they are
top-level functions so the pool can send them to its workers.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from hoering.parse.limits import ExtractLimits
from hoering.parse.message import extract, parse_message
from hoering.parse.model import Attachment, AttachmentInput
from hoering.pipeline.sandbox import Sandbox, SandboxLimits, ocr_seconds, unextracted
from tests.kit.mails import make_mail
from tests.kit.needs import missing
from tests.kit.paths import SAMPLE_INBOX
from tests.kit.scans import scan_image, scanned_pdf

FAST = SandboxLimits(timeout_seconds=1, memory_mb=256)


def hang_on_slow(item: AttachmentInput):
    if item.filename.startswith("slow"):
        time.sleep(60)
    return extract(item)


def hog_memory(item: AttachmentInput):
    hoard = bytearray(512 * 1024 * 1024)  # twice FAST.memory_mb
    return [*extract(item), hoard]


def kill_self(item: AttachmentInput):
    os.kill(os.getpid(), signal.SIGKILL)


def exit_at_once(item: AttachmentInput):
    os._exit(3)


def raise_bug(item: AttachmentInput):
    raise ValueError("a bug in an extractor")


def worker_pid(item: AttachmentInput) -> list[Attachment]:
    """The worker's pid, as the error of an unread attachment."""
    return [unextracted(item, str(os.getpid()))]


def item(filename: str = "svar.txt", payload: bytes = b"Vi foreslaar aabne data.\n"):
    return AttachmentInput(filename, filename, "application/octet-stream", payload)


def extract_in(target, *items: AttachmentInput, limits: SandboxLimits = FAST):
    with Sandbox(limits, target) as sandbox:
        return [sandbox(one) for one in items]


def test_extraction_past_the_time_limit_is_recorded() -> None:
    started = time.monotonic()
    [[slow]] = extract_in(hang_on_slow, item("slow.pdf", b"%PDF-1.4\n"))
    assert slow.error == "limit: took longer than 1 s"
    assert (slow.detected_type, slow.size, slow.text, slow.method) == ("pdf", 9, "", "none")
    assert time.monotonic() - started < 10


def test_the_next_attachment_is_extracted_after_a_timeout() -> None:
    slow, fine = extract_in(hang_on_slow, item("slow.txt"), item("fine.txt"))
    assert slow[0].error.startswith("limit: took longer")
    assert fine[0].text == "Vi foreslaar aabne data." and fine[0].error is None


def test_a_hung_attachment_leaves_the_rest_of_the_message() -> None:
    mail = make_mail(
        attachments=[
            ("slow.txt", "text/plain", b"hang\n"),
            ("bilag.txt", "text/plain", b"Forslag om whistleblowerordning.\n"),
        ]
    )
    with Sandbox(FAST, hang_on_slow) as sandbox:
        parsed = parse_message(mail, extract=sandbox)
    assert "Vi foreslår" in parsed.body_text
    slow, kept = parsed.attachments
    assert slow.error == "limit: took longer than 1 s"
    assert kept.text == "Forslag om whistleblowerordning." and kept.error is None


def test_extraction_past_the_memory_limit_is_recorded() -> None:
    [[hog]] = extract_in(hog_memory, item())
    assert hog.error == "limit: used more than 256 MiB"
    assert hog.text == "" and hog.size == 25


def test_a_worker_killed_by_a_signal_is_recorded_as_a_crash() -> None:
    [[dead]] = extract_in(kill_self, item())
    assert dead.error == "crashed: worker killed by SIGKILL (out of memory?)"


def test_a_worker_that_exits_is_recorded_as_a_crash() -> None:
    [[dead]] = extract_in(exit_at_once, item())
    assert dead.error == "crashed: worker exited with status 3"


def test_an_extractor_bug_is_recorded_not_raised() -> None:
    [[broken]] = extract_in(raise_bug, item())
    assert broken.error == "crashed: extractor raised ValueError"


def test_workers_are_reused_within_a_run() -> None:
    pids = extract_in(worker_pid, item(payload=b"1"), item(payload=b"2"), item(payload=b"3"))
    assert len({pid.error for [pid] in pids}) == 1


def test_workers_are_replaced_after_max_tasks() -> None:
    limits = SandboxLimits(timeout_seconds=5, max_tasks=1)
    # Different bytes: an identical second attachment would come from the run's cache.
    pids = extract_in(worker_pid, item(payload=b"1"), item(payload=b"2"), limits=limits)
    assert len({pid.error for [pid] in pids}) == 2


def test_an_attachment_over_the_size_limit_is_listed_without_extraction() -> None:
    limits = SandboxLimits(max_attachment_mb=0.001)  # about 1 kB
    [[big]] = extract_in(raise_bug, item("stor.txt", b"x" * 2000), limits=limits)
    assert big.error == "limit: larger than 0.001 MB"
    assert (big.size, big.detected_type, len(big.sha256)) == (2000, "text", 64)


def test_leaving_the_block_stops_the_workers() -> None:
    with Sandbox(FAST, worker_pid) as sandbox:
        [pid] = sandbox(item())
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid.error), 0)


def test_an_error_in_the_run_stops_a_busy_pool() -> None:
    with pytest.raises(KeyboardInterrupt), Sandbox(FAST, worker_pid) as sandbox:
        [pid] = sandbox(item())
        raise KeyboardInterrupt
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid.error), 0)


def test_unextracted_attachment_keeps_what_is_known_without_a_worker() -> None:
    listed = unextracted(
        AttachmentInput("a/b.pdf", "../b.pdf", "Application/PDF; name=b.pdf", b"%PDF-1.7"),
        "limit: x",
    )
    assert (listed.filename, listed.declared_type, listed.detected_type) == (
        "b.pdf",
        "application/pdf",
        "pdf",
    )


def test_sandboxed_sample_inbox_parses_as_in_process() -> None:
    with Sandbox(SandboxLimits(timeout_seconds=60)) as sandbox:
        for path in sorted(SAMPLE_INBOX.glob("*.eml")):
            data = path.read_bytes()
            assert parse_message(data, extract=sandbox) == parse_message(data), path.name


def zip_of_zeros(megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nuller.txt", bytes(megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_a_real_extraction_past_the_memory_limit_is_recorded() -> None:
    # A zip member that unpacks to more than the worker may hold; the ratio limit is
    # raised so that it is read at all.
    limits = ExtractLimits(compression_ratio=10**6, archive_total_bytes=1024 * 1024 * 1024)
    with Sandbox(SandboxLimits(timeout_seconds=30, memory_mb=64), extract_limits=limits) as box:
        [bomb] = box(item("nuller.zip", zip_of_zeros(160)))
    assert (bomb.detected_type, bomb.error) == ("zip", "limit: used more than 64 MiB")


def test_workers_start_under_a_hard_address_space_limit_set_on_hoering() -> None:
    # `prlimit --as` on hoering: the workers inherit a hard limit they may not raise; asking
    # for more made every worker die at start ("not allowed to raise maximum limit").
    script = (
        "import resource\n"
        "from hoering.pipeline.sandbox import limit_memory\n"
        "hard = 3 * 1024 ** 3\n"
        "resource.setrlimit(resource.RLIMIT_AS, (hard, hard))\n"
        "limit_memory(100_000)\n"
        "print(resource.getrlimit(resource.RLIMIT_AS) == (hard, hard))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr


def test_ocr_stops_before_the_sandbox_limit_and_keeps_its_pages() -> None:
    # A scan longer than the time limit: OCR gets its own deadline below the sandbox's, so
    # the worker returns the pages it read instead of being killed with all of them.
    if shutil.which("tesseract") is None:
        missing("tesseract not installed (Debian tesseract-ocr)")
    pages = [scan_image(f"Side {number} af et langt brev") for number in range(1, 41)]
    limits = SandboxLimits(timeout_seconds=4)
    (found,) = extract_in(extract, item("lang.pdf", scanned_pdf(*pages)), limits=limits)
    assert found[0].error is not None
    assert found[0].error.startswith("pdf: ocr partial: time limit reached after ")
    assert found[0].error.endswith(" of 30 page(s); the pages read are kept")


def test_ocr_seconds_leave_a_margin_below_the_sandbox_limit() -> None:
    assert (ocr_seconds(60), ocr_seconds(4), ocr_seconds(600)) == (51, 2, 510)
