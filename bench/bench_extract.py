"""Attachment-heavy parsing with one extraction worker and with two. Run on demand, prints figures.

    .venv/bin/python -m bench.bench_extract [--mails 16] [--pages 8] [--no-ocr] [--repeat 2]
        [--campaign 60]

Generates mails each carrying a multi-page PDF (fpdf), a DOCX (python-docx) and, when
Tesseract is installed, a scanned page (Pillow text drawn into a PNG), every file different,
and parses them with `parse_message` through a Sandbox of 1 and then 2 workers, from a
ThreadPoolExecutor of as many threads, as the pipeline does. Prints the seconds, the speed-up
and the 1.7x target (issue 11). Then a campaign: every mail carries the same PDF; prints how
many extractions the run's cache saved, and the seconds with and without results kept.

Beside the seconds: the CPU seconds of hoering and its workers over the wall time (cores
busy), and the extractions under way at once on average. With 2 workers the latter is near
2; when cores busy stays near 1 all the same, other processes had the second core, and the
wall-clock speed-up says more about the machine than about hoering. The last line says what
the machine allowed: the same ratio for a pure-CPU loop in 1 and 2 processes.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from resource import RUSAGE_CHILDREN, RUSAGE_SELF

from docx import Document
from fpdf import FPDF

from hoering.parse.message import parse_message
from hoering.parse.model import Attachment, AttachmentInput
from hoering.pipeline.extractcache import CACHE_BYTES
from hoering.pipeline.sandbox import Sandbox, SandboxLimits
from tests.kit.mails import make_mail
from tests.kit.scans import image_bytes, scan_image

TARGET = 1.7
PARAGRAPH = (
    "Vi foreslår, at alle statslige myndigheder offentliggør deres datasæt som åbne data "
    "under en fri licens, og at kildekoden til offentlige it-systemer deles som open source. "
)


def make_pdf(number: int, pages: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(1, pages + 1):
        pdf.add_page()
        text = f"Høringssvar {number}, side {page}. " + PARAGRAPH * 14
        pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def make_docx(number: int, paragraphs: int = 60) -> bytes:
    document = Document()
    document.add_heading(f"Høringssvar nr. {number}", level=1)
    for index in range(paragraphs):
        document.add_paragraph(f"{index}. {PARAGRAPH * 3}")
    table = document.add_table(rows=20, cols=3)
    for row_number, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            cell.text = f"Initiativ {number}.{row_number}.{column}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_mails(count: int, pages: int, ocr: bool) -> list[bytes]:
    mails = []
    for number in range(count):
        attachments = [
            ("svar.pdf", "application/pdf", make_pdf(number, pages)),
            ("bilag.docx", "application/octet-stream", make_docx(number)),
        ]
        if ocr:
            scan = scan_image(f"Indscannet svar nummer {number}", "Vi støtter åbne data.")
            attachments.append(("scanning.png", "image/png", image_bytes(scan)))
        mails.append(make_mail(message_id=f"<extract-{number}@example>", attachments=attachments))
    return mails


@dataclass
class Figures:
    seconds: float  # wall time of the whole parse
    cpu: float  # CPU seconds of this process and its workers (and their Tesseracts)
    in_flight: float  # extractions under way at once, on average
    saved: int  # extractions the cache saved


class Timed:
    """The sandbox, adding up how long its callers wait for it (from several threads)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.busy = 0.0
        self.lock = threading.Lock()

    def __call__(self, item: AttachmentInput) -> list[Attachment]:
        started = time.perf_counter()
        try:
            return self.sandbox(item)
        finally:
            with self.lock:
                self.busy += time.perf_counter() - started


def cpu_seconds() -> float:
    own, children = resource.getrusage(RUSAGE_SELF), resource.getrusage(RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def parse_all(mails: list[bytes], workers: int, cache_bytes: int = CACHE_BYTES) -> Figures:
    """Parse `mails` with `workers` extraction workers and as many threads."""
    limits = SandboxLimits(timeout_seconds=300, workers=workers)
    started, cpu = time.perf_counter(), cpu_seconds()
    with Sandbox(limits, cache_bytes=cache_bytes) as sandbox, ThreadPoolExecutor(workers) as pool:
        timed = Timed(sandbox)
        parsed = list(pool.map(lambda mail: parse_message(mail, extract=timed), mails))
    seconds = time.perf_counter() - started  # the workers are joined: their CPU is counted
    failed = [one.error for message in parsed for one in message.attachments if one.error]
    if failed:
        print(f"    {len(failed)} attachment(s) with errors, e.g. {failed[0]!r}")
    used = cpu_seconds() - cpu
    return Figures(seconds, used, timed.busy / seconds, sandbox.cache.saved)


def show(label: str, mails: int, figures: Figures) -> None:
    print(
        f"{label}  {figures.seconds:7.2f} s  {mails / figures.seconds:6.2f} mails/s  "
        f"CPU {figures.cpu:6.2f} s = {figures.cpu / figures.seconds:4.2f} cores busy  "
        f"extractions in flight {figures.in_flight:4.2f}"
    )


def spin(count: int) -> int:
    total = 0
    for number in range(count):
        total += number
    return total


def machine_ratio(tasks: int = 6, count: int = 8_000_000) -> float:
    """How much faster 2 processes finish a pure-CPU loop than 1, right now: 2.0 on an
    idle 2-core machine, less when other processes hold a core."""
    seconds = {}
    for workers in (1, 2):
        with ProcessPoolExecutor(workers) as pool:
            started = time.perf_counter()
            list(pool.map(spin, [count] * tasks))
            seconds[workers] = time.perf_counter() - started
    return seconds[1] / seconds[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=16)
    parser.add_argument("--pages", type=int, default=8, help="pages per generated PDF")
    parser.add_argument("--no-ocr", action="store_true", help="leave out the scanned page")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts")
    parser.add_argument("--campaign", type=int, default=60, help="mails with the same PDF")
    args = parser.parse_args()
    ocr = not args.no_ocr and shutil.which("tesseract") is not None
    mails = make_mails(args.mails, args.pages, ocr)
    kinds = f"{args.pages}-page PDF + DOCX" + (" + scanned PNG" if ocr else "")
    print(f"# {args.mails} mails, each {kinds}; {len(os.sched_getaffinity(0))} usable cores")
    print(f"# load average before: {os.getloadavg()[0]:.2f}")
    best: dict[int, Figures] = {}
    for _ in range(args.repeat):  # alternating, so a burst of load elsewhere hits both
        for workers in (1, 2):
            figures = parse_all(mails, workers)
            show(f"workers={workers}", args.mails, figures)
            if workers not in best or figures.seconds < best[workers].seconds:
                best[workers] = figures
    one, two = best[1], best[2]
    reference = machine_ratio()
    ratio = one.seconds / two.seconds
    verdict = "met" if ratio >= TARGET else "NOT met"
    print(f"speed-up   {ratio:7.2f}x, fastest of each (target {TARGET}x: {verdict})")
    print(f"# this machine now: 2 processes of pure CPU work finish {reference:.2f}x faster than 1")
    print(f"# load average after: {os.getloadavg()[0]:.2f}")
    campaign(args.campaign, args.pages)


def campaign(count: int, pages: int) -> None:
    pdf = make_pdf(0, pages)
    mails = [
        make_mail(
            message_id=f"<kampagne-{n}@example>", attachments=[("svar.pdf", "application/pdf", pdf)]
        )
        for n in range(count)
    ]
    print(f"# campaign: {count} mails with the same {pages}-page PDF, workers=2")
    kept = parse_all(mails, 2)
    print(
        f"cache on   {kept.seconds:7.2f} s  extractions run {count - kept.saved}, "
        f"saved by the cache {kept.saved}"
    )
    # Results not kept: only copies that arrive while the first is being read share it.
    unkept = parse_all(mails, 2, cache_bytes=0)
    print(f"cache off  {unkept.seconds:7.2f} s  extractions run {count - unkept.saved}")


if __name__ == "__main__":
    main()
