"""Pictures inside Word and OpenDocument files are read by OCR; logos are not.

The .docx is written by python-docx, the .odt by LibreOffice converting it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from hoering.parse.limits import ExtractLimits
from hoering.parse.message import extract
from hoering.parse.model import Attachment, AttachmentInput
from tests.kit.needs import missing
from tests.kit.scans import image_bytes, scan_image

if shutil.which("tesseract") is None:
    missing("tesseract not installed (Debian tesseract-ocr)", module=True)

CONVERT_TIMEOUT = 180  # LibreOffice starts in 5-10 s; a slow CI machine gets room


def read(payload: bytes, name: str, limits: ExtractLimits | None = None) -> Attachment:
    limits = limits or ExtractLimits()
    return extract(AttachmentInput(name, name, "application/octet-stream", payload, None, limits))[
        0
    ]


def letter_with_scan() -> bytes:
    """A Word letter whose enclosure is a pasted scan, with a small logo in the body."""
    document = docx.Document()
    document.add_picture(io.BytesIO(image_bytes(scan_image("Logo", width=90, size=12))))
    document.add_paragraph("Hermed vores høringssvar. Bilaget er indscannet nedenfor.")
    scan = scan_image("Vi anbefaler et lobbyregister", "og åbne ministerkalendere.")
    document.add_picture(io.BytesIO(image_bytes(scan)), width=Cm(15))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_picture_is_read_after_the_text() -> None:
    attachment = read(letter_with_scan(), "svar.docx")
    assert (attachment.method, attachment.error) == ("docx+ocr", None)
    text, _, picture = attachment.text.partition("\n\n[Billede]\n")
    assert text == "Hermed vores høringssvar. Bilaget er indscannet nedenfor."
    assert "lobbyregister" in picture
    assert "Logo" not in attachment.text  # under 100 px: skipped as in mail


def test_docx_picture_with_ocr_disabled_is_recorded() -> None:
    attachment = read(letter_with_scan(), "svar.docx", ExtractLimits(ocr=False))
    assert attachment.method == "docx"
    assert attachment.error == "docx: ocr disabled; 1 picture(s) not read"


def test_docx_without_pictures_is_unchanged() -> None:
    document = docx.Document()
    document.add_paragraph("Kun tekst.")
    buffer = io.BytesIO()
    document.save(buffer)
    attachment = read(buffer.getvalue(), "svar.docx")
    assert (attachment.text, attachment.method, attachment.error) == ("Kun tekst.", "docx", None)


@pytest.fixture(scope="module")
def odt(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The same letter saved by LibreOffice Writer as .odt."""
    if shutil.which("soffice") is None:
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    folder = tmp_path_factory.mktemp("odt")
    (folder / "svar.docx").write_bytes(letter_with_scan())
    profile = (folder / "lo-profile").as_uri()  # private profile: no clash with a running office
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odt",
         "--outdir", str(folder), str(folder / "svar.docx")],
        check=True, timeout=CONVERT_TIMEOUT, capture_output=True,
    )  # fmt: skip
    return Path(folder / "svar.odt").read_bytes()


def test_odt_picture_is_read_after_the_text(odt: bytes) -> None:
    attachment = read(odt, "svar.odt")
    assert (attachment.method, attachment.error) == ("odf+ocr", None)
    text, _, picture = attachment.text.partition("\n\n[Billede]\n")
    assert text.strip() == "Hermed vores høringssvar. Bilaget er indscannet nedenfor."
    assert "lobbyregister" in picture and "Logo" not in attachment.text
