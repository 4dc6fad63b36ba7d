"""OCR of page images with Tesseract (Debian tesseract-ocr, tesseract-ocr-dan), one run a page."""

from __future__ import annotations

import io
import subprocess

from PIL import Image

from hoering.errors import HoeringError
from hoering.parse.limits import ExtractLimits
from hoering.parse.tools import ToolMissing, run_tool

# Tesseract's OpenMP threads fight each other on small machines: measured 2 s a page with
# one thread and 16 s without the limit on 2 cores.
_ENV = {"OMP_THREAD_LIMIT": "1"}


class OcrUnavailable(HoeringError):
    """Tesseract or its language data is missing; the message says which."""


class OcrFailed(HoeringError):
    """Tesseract ran but gave no result for a page; the message is a short reason."""


def ocr_image(image: Image.Image, limits: ExtractLimits) -> str:
    """The text Tesseract reads in one page image (any mode; converted to grayscale)."""
    buffer = io.BytesIO()
    # PGM: uncompressed, so nothing is spent encoding what Tesseract decodes at once.
    image.convert("L").save(buffer, format="PPM")
    argv = ["tesseract", "stdin", "stdout", "-l", limits.ocr_languages]
    try:
        result = run_tool(argv, buffer.getvalue(), limits.ocr_page_seconds, _ENV)
    except ToolMissing:
        raise OcrUnavailable("ocr unavailable (tesseract not installed)") from None
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"ocr: page took over {limits.ocr_page_seconds:g} s") from None
    if result.returncode != 0:
        if "Failed loading language" in result.stderr or "Error opening data file" in result.stderr:
            raise OcrUnavailable(f"ocr unavailable (no language data for {limits.ocr_languages})")
        raise OcrFailed(f"ocr: tesseract failed (exit {result.returncode})")
    return result.stdout.decode("utf-8", errors="replace")
