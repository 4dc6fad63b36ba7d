"""A PDF's text layer page by page through poppler's `pdftotext` (Debian poppler-utils).

The reader parse.pdf turns to when pdfminer has not finished a long document in its time
(pdftotext reads hundreds of pages in a second or so) or cannot read a file at all.
pdfminer reads first: it keeps columns apart and paragraphs parted, where pdftotext
interleaves the paragraphs of two columns (bench/bench_pdf_text.py scores them).
"""

from __future__ import annotations

import subprocess

from hoering.errors import HoeringError
from hoering.parse.tools import ToolMissing, run_tool

TIMEOUT_SECONDS = 60.0


class PopplerFailed(HoeringError):
    """pdftotext is missing, timed out or refused the file."""


def poppler_pages(data: bytes) -> list[str]:
    """The text of each page, as `pdftotext` reads it in its default (reading order) mode."""
    try:
        # fd://0: poppler reads the PDF from stdin, so no temporary file is written.
        result = run_tool(
            ["pdftotext", "-q", "-enc", "UTF-8", "-eol", "unix", "fd://0", "-"],
            data,
            TIMEOUT_SECONDS,
        )
    except ToolMissing:
        raise PopplerFailed("pdftotext not installed") from None
    except subprocess.TimeoutExpired:
        raise PopplerFailed(f"pdftotext took over {TIMEOUT_SECONDS:.0f} s") from None
    if result.returncode != 0:
        raise PopplerFailed(f"pdftotext exit {result.returncode}")
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if len(pages) > 1 and not pages[-1].strip() else pages
