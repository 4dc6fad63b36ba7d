"""OCR of page images with Tesseract (Debian tesseract-ocr, tesseract-ocr-dan), one run a page."""

from __future__ import annotations

import io
import math
import subprocess
import time

from PIL import Image

from hoering.parse.limits import ExtractLimits
from hoering.parse.tools import ToolMissing, run_tool

# Tesseract's OpenMP threads fight each other on small machines: measured 2 s a page with
# one thread and 16 s without the limit on 2 cores.
_ENV = {"OMP_THREAD_LIMIT": "1"}


# The clock deadlines are read from: time.monotonic, a seam tests may replace.
now = time.monotonic
MIN_PAGE_SECONDS = 1.0  # a page is not started with less time than this left


def seconds_left(deadline: float | None) -> float | None:
    """Seconds until `deadline` (a monotonic clock value), None when there is none."""
    return None if deadline is None else deadline - now()


def partial_error(done: int, total: int) -> str:
    """The reason recorded when OCR stopped at its time limit with `done` pages read."""
    return (
        f"ocr partial: time limit reached after {done} of {total} page(s); the pages read are kept"
    )


class OcrUnavailable(Exception):
    """Tesseract or its language data is missing; the message says which."""


class OcrFailed(Exception):
    """Tesseract ran but gave no result for a page; the message is a short reason."""


def ocr_image(image: Image.Image, limits: ExtractLimits, seconds: float | None = None) -> str:
    """The text Tesseract reads in one page image (any mode; converted to grayscale), in at
    most `seconds` (and limits.ocr_page_seconds)."""
    buffer = io.BytesIO()
    # PGM: uncompressed, so nothing is spent encoding what Tesseract decodes at once.
    image.convert("L").save(buffer, format="PPM")
    argv = ["tesseract", "stdin", "stdout", "-l", limits.ocr_languages]
    timeout = min(limits.ocr_page_seconds, seconds if seconds is not None else math.inf)
    try:
        result = run_tool(argv, buffer.getvalue(), timeout, _ENV)
    except ToolMissing:
        raise OcrUnavailable("ocr unavailable (tesseract not installed)") from None
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"ocr: page took over {timeout:g} s") from None
    if result.returncode != 0:
        if "Failed loading language" in result.stderr or "Error opening data file" in result.stderr:
            raise OcrUnavailable(f"ocr unavailable (no language data for {limits.ocr_languages})")
        raise OcrFailed(f"ocr: tesseract failed (exit {result.returncode})")
    return result.stdout.decode("utf-8", errors="replace")
