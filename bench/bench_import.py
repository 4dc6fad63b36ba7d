"""Throughput and memory of `import` over generated mail. Run on demand, prints figures.

    .venv/bin/python -m bench.bench_import [--messages 2000] [--pdf-every 10]

Builds an mbox of realistic replies (every Nth with a generated PDF, a quarter unmarked),
imports it into a fresh SQLite database, then imports it again (all duplicates), and prints
messages per second and peak resident memory.
"""

from __future__ import annotations

import argparse
import mailbox
import resource
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

from hoering import pipeline
from hoering.config import load_config
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config

PARAGRAPH = (
    "Vi foreslår, at alle statslige myndigheder offentliggør deres datasæt som åbne data "
    "under en fri licens, og at kildekoden til offentlige it-systemer deles som open source. "
)


def make_pdf(words: int) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 5, (PARAGRAPH * (words // 30 + 1))[: words * 7])
    return bytes(pdf.output())


def build_mbox(path: Path, count: int, pdf_every: int) -> None:
    pdf = make_pdf(600)
    box = mailbox.mbox(path)
    for i in range(count):
        subject = "SV: OGP-høring" if i % 4 else "Nyhedsbrev fra Digitaliseringsstyrelsen"
        attachments = [("Høringssvar.pdf", "application/pdf", pdf)] if i % pdf_every == 0 else []
        box.add(
            make_mail(
                subject=subject,
                body=PARAGRAPH * 5,
                message_id=f"<bench-{i}@borgernet.example>",
                attachments=attachments,
            )
        )
    box.close()


def timed_import(cfg, sessions, path: Path) -> tuple[pipeline.RunReport, float]:
    start = time.perf_counter()
    report = pipeline.import_paths(cfg, sessions, [path])
    return report, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--pdf-every", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        build_mbox(directory / "bench.mbox", args.messages, args.pdf_every)
        size_mb = (directory / "bench.mbox").stat().st_size / 1e6
        cfg = load_config(write_config(directory))
        sessions = open_database(cfg.store_url)
        first, first_s = timed_import(cfg, sessions, directory / "bench.mbox")
        again, again_s = timed_import(cfg, sessions, directory / "bench.mbox")
        db_mb = (directory / "hoering.db").stat().st_size / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mbox: {args.messages} messages, {size_mb:.1f} MB, PDF on every {args.pdf_every}th")
    print(f"first import:  {first.summary()}")
    print(f"               {first_s:.1f} s, {args.messages / first_s:.0f} messages/s")
    print(f"second import: {again.summary()}")
    print(f"               {again_s:.1f} s, {args.messages / again_s:.0f} messages/s")
    print(f"database: {db_mb:.1f} MB; peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
