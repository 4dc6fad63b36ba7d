"""OCR for PDF pages without a text layer: pages rendered with pdfium, read by Tesseract.

pypdfium2 (PyPI wheel bundling Chrome's fuzzed pdfium) rather than poppler's pdftoppm: it
installs with the project, renders in memory without temporary files, and can tell which
pages hold images, so blank pages are not sent to OCR.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from hoering.parse.limits import ExtractLimits
from hoering.parse.ocr import (
    MIN_PAGE_SECONDS,
    OcrFailed,
    OcrUnavailable,
    ocr_image,
    partial_error,
    seconds_left,
)

DPI = 300  # Tesseract's accuracy drops below ~200 dpi
MAX_PIXELS = 25_000_000  # A4 at 300 dpi is 8.7 M; posters are scaled down to this
_IMAGE_DEPTH = 3  # images inside form XObjects count too; the depth bound stops loops


@dataclass
class PageOcr:
    """Text per page index for the pages read, and why some were not (or None)."""

    texts: dict[int, str] = field(default_factory=dict)
    error: str | None = None


def ocr_pages(
    data: bytes,
    candidates: list[int] | None,
    limits: ExtractLimits,
    deadline: float | None = None,
) -> PageOcr:
    """OCR the candidate pages (None: all) that hold images, up to limits.ocr_pages; at
    `deadline` (ocr.now() clock) it stops and keeps the pages read so far."""
    result = PageOcr()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        result.error = "ocr: pdfium could not open the file"
        return result
    try:
        pages = _scanned(document, candidates)
        if pages and not limits.ocr:
            result.error = f"ocr disabled; {len(pages)} page(s) without a text layer"
            return result
        if len(pages) > limits.ocr_pages:
            result.error = f"ocr: only first {limits.ocr_pages} pages"
        _read_pages(document, pages[: limits.ocr_pages], limits, deadline, result)
    except OcrUnavailable as exc:
        result.error = str(exc)
    except pdfium.PdfiumError:
        result.error = "ocr: pdfium could not render a page"
    finally:
        document.close()
    return result


def _read_pages(
    document: pdfium.PdfDocument,
    pages: list[int],
    limits: ExtractLimits,
    deadline: float | None,
    result: PageOcr,
) -> None:
    """OCR `pages` into result.texts until done or out of time."""
    for done, index in enumerate(pages):
        left = seconds_left(deadline)
        if left is not None and left < MIN_PAGE_SECONDS:
            result.error = partial_error(done, len(pages))
            return
        try:
            result.texts[index] = ocr_image(_render(document, index), limits, left)
        except OcrFailed as exc:  # one hung or failing page; the others may still read
            left = seconds_left(deadline)
            if left is not None and left < MIN_PAGE_SECONDS:  # cut short by the deadline
                result.error = partial_error(done, len(pages))
                return
            result.error = f"{exc} (page {index + 1})"


def _scanned(document: pdfium.PdfDocument, candidates: list[int] | None) -> list[int]:
    """The candidate pages that hold at least one image: blank pages need no OCR."""
    count = len(document)
    indexes = range(count) if candidates is None else [i for i in candidates if i < count]
    found = []
    for index in indexes:
        page = document[index]
        try:
            images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=_IMAGE_DEPTH)
            if next(iter(images), None) is not None:
                found.append(index)
        finally:
            page.close()
    return found


def _render(document: pdfium.PdfDocument, index: int) -> Image.Image:
    page = document[index]
    try:
        width, height = page.get_size()  # points, 1/72 inch
        scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        return page.render(scale=scale, grayscale=True).to_pil()
    finally:
        page.close()
