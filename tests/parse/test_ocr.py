"""OCR of scanned PDFs and images with Tesseract: each test OCRs at most two small pages."""

from __future__ import annotations

import io
import itertools
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image

from hoering.parse.attachments import extract_attachment
from hoering.parse.limits import ExtractLimits
from tests.kit.needs import missing
from tests.kit.scans import DEJAVU, image_bytes, scan_image, scanned_pdf

if shutil.which("tesseract") is None:
    missing("tesseract not installed (Debian tesseract-ocr)", module=True)

LETTER = ("Høringssvar om åbne data", "Vi støtter forslaget fuldt ud.")


def extract(payload: bytes, name: str, limits: ExtractLimits | None = None):
    return extract_attachment(name, name, "application/octet-stream", payload, limits=limits)


def test_scanned_pdf_is_read_by_ocr() -> None:
    attachment = extract(scanned_pdf(scan_image(*LETTER)), "scan.pdf")
    assert (attachment.method, attachment.error) == ("ocr", None)
    assert "forslaget fuldt ud" in attachment.text
    if DEJAVU.is_file():  # Danish letters need a font that draws them
        assert "Høringssvar" in attachment.text


def test_mixed_pdf_ocrs_only_the_page_without_text() -> None:
    payload = scanned_pdf("Side et har et tekstlag med mange ord i.", scan_image("Bilag to"))
    attachment = extract(payload, "blandet.pdf")
    assert attachment.method == "text-layer+ocr"
    assert attachment.text.index("Side et har et tekstlag") < attachment.text.index("Bilag to")


def test_ocr_page_cap_is_recorded() -> None:
    payload = scanned_pdf(scan_image("Side et"), scan_image("Side to"))
    attachment = extract(payload, "lang.pdf", ExtractLimits(ocr_pages=1))
    assert "Side et" in attachment.text
    assert "Side to" not in attachment.text
    assert attachment.error == "pdf: ocr: only first 1 pages"


def stepping_clock(monkeypatch: pytest.MonkeyPatch, step: float) -> None:
    """OCR's clock moves `step` seconds each time it is read: a slow machine, made exact."""
    start, reads = time.monotonic(), itertools.count(1)
    monkeypatch.setattr("hoering.parse.ocr.now", lambda: start + step * next(reads))


def test_long_scan_at_its_time_limit_keeps_the_pages_read(monkeypatch) -> None:
    # Before, the sandbox killed the worker at its limit and every page was lost.
    # Page 1 starts 50 s before the limit, page 2 after it. Those 50 s are also Tesseract's real
    # timeout for page 1: at 5 s (a step of 10) a loaded machine timed it out, 0 pages read.
    stepping_clock(monkeypatch, 100.0)
    payload = scanned_pdf(scan_image("Side et"), scan_image("Side to"), scan_image("Side tre"))
    attachment = extract(payload, "lang.pdf", ExtractLimits(ocr_seconds=150))
    assert "Side et" in attachment.text and "Side to" not in attachment.text
    assert attachment.method == "ocr"
    assert attachment.error == (
        "pdf: ocr partial: time limit reached after 1 of 3 page(s); the pages read are kept"
    )


def test_long_fax_at_its_time_limit_keeps_the_frames_read(monkeypatch) -> None:
    stepping_clock(monkeypatch, 100.0)  # as above: a real timeout a loaded machine meets
    fax = _tiff(scan_image("Forside af faxen"), scan_image("Side to"))
    attachment = extract(fax, "fax.tif", ExtractLimits(ocr_seconds=150))
    assert "Forside" in attachment.text and "Side to" not in attachment.text
    assert attachment.error == (
        "tiff: ocr partial: time limit reached after 1 of 2 page(s); the pages read are kept"
    )


def test_png_attachment_is_read_by_ocr() -> None:
    attachment = extract(image_bytes(scan_image(*LETTER)), "foto.png")
    assert (attachment.detected_type, attachment.method, attachment.error) == ("png", "ocr", None)
    assert "forslaget fuldt ud" in attachment.text


def test_multipage_tiff_reads_every_page() -> None:
    # Fax-to-mail gateways send one TIFF with a frame per page.
    first, second = scan_image("Forside af faxen"), scan_image("Anden side af faxen")
    attachment = extract(_tiff(first, second), "fax.tif")
    assert "Forside" in attachment.text and "Anden side" in attachment.text


def _tiff(*frames: Image.Image) -> bytes:
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=list(frames[1:]))
    return buffer.getvalue()


def test_signature_logo_is_skipped_without_error() -> None:
    logo = image_bytes(scan_image("ACME", width=90, size=20))
    attachment = extract(logo, "image001.png")
    assert (attachment.text, attachment.method, attachment.error) == ("", "none", None)


def test_ocr_disabled_is_recorded() -> None:
    attachment = extract(scanned_pdf(scan_image("Ulæst")), "scan.pdf", ExtractLimits(ocr=False))
    assert attachment.error == "pdf: ocr disabled; 1 page(s) without a text layer"


def test_missing_tesseract_is_recorded_not_silent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no tesseract
    attachment = extract(image_bytes(scan_image(*LETTER)), "foto.png")
    assert (attachment.text, attachment.error) == (
        "",
        "png: ocr unavailable (tesseract not installed)",
    )


def test_missing_language_data_is_recorded() -> None:
    limits = ExtractLimits(ocr_languages="xyz")
    attachment = extract(image_bytes(scan_image(*LETTER)), "foto.png", limits)
    assert attachment.error == "png: ocr unavailable (no language data for xyz)"
