"""PowerPoint .pptx (written by python-pptx) and Excel 97-2003 .xls (written by LibreOffice)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from pptx import Presentation
from pptx.util import Inches

from hoering.parse.message import extract
from hoering.parse.model import Attachment, AttachmentInput
from tests.kit.needs import missing

CONVERT_TIMEOUT = 180  # LibreOffice starts in 5-10 s; a slow CI machine gets room


def read(payload: bytes, name: str) -> Attachment:
    return extract(AttachmentInput(name, name, "application/octet-stream", payload))[0]


def presentation() -> bytes:
    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[1])  # title and content
    first.shapes.title.text = "Høringssvar fra Nordby Kommune"
    first.placeholders[1].text = "Vi støtter åbne data.\nOg et lobbyregister."
    first.notes_slide.notes_text_frame.text = "Talepunkter: borgerinddragelse"
    second = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    second.shapes.title.text = "Prioriteter"
    shape = second.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1))
    for (row, column), text in {(0, 0): "Forslag", (0, 1): "Prioritet",
                                (1, 0): "Åbne kalendere", (1, 1): "Høj"}.items():  # fmt: skip
        shape.table.cell(row, column).text = text
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def test_pptx_slides_tables_and_notes_in_order() -> None:
    attachment = read(presentation(), "oplæg.pptx")
    assert (attachment.detected_type, attachment.method, attachment.error) == ("pptx", "pptx", None)
    assert attachment.text == (
        "Dias 1\nHøringssvar fra Nordby Kommune\nVi støtter åbne data.\nOg et lobbyregister.\n"
        "[Noter] Talepunkter: borgerinddragelse\n\n"
        "Dias 2\nPrioriteter\nForslag | Prioritet\nÅbne kalendere | Høj"
    )


def test_damaged_pptx_gets_a_reason() -> None:
    payload = presentation()
    attachment = read(payload[: len(payload) // 2], "oplæg.pptx")
    assert attachment.text == ""
    assert attachment.error is not None and attachment.error.startswith("pptx: ")


@pytest.fixture(scope="module")
def xls(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A two-sheet workbook saved by LibreOffice Calc as Excel 97-2003."""
    if shutil.which("soffice") is None:
        missing("soffice not installed (apt install libreoffice-calc-nogui)")
    folder = tmp_path_factory.mktemp("xls")
    book = Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(["Navn", "Forslag", "Dato", "Antal"])
    sheet.append(["Ida Rasmussen", "Åbne data", date(2017, 9, 1), 3])
    book.create_sheet("Ark2").append(["Lobbyregister ønskes"])
    book.save(folder / "svar.xlsx")
    profile = (folder / "lo-profile").as_uri()  # private profile: no clash with a running office
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls",
         "--outdir", str(folder), str(folder / "svar.xlsx")],
        check=True, timeout=CONVERT_TIMEOUT, capture_output=True,
    )  # fmt: skip
    return Path(folder / "svar.xls").read_bytes()


def test_xls_sheets_and_rows(xls: bytes) -> None:
    attachment = read(xls, "svar.xls")
    assert (attachment.detected_type, attachment.method, attachment.error) == ("xls", "xls", None)
    assert attachment.text == (
        "Ark: Svar\nNavn | Forslag | Dato | Antal\nIda Rasmussen | Åbne data | 2017-09-01 | 3\n\n"
        "Ark: Ark2\nLobbyregister ønskes"
    )


def test_xls_is_sniffed_without_its_name(xls: bytes) -> None:
    assert read(xls, "").detected_type == "xls"


def test_damaged_xls_gets_a_reason(xls: bytes) -> None:
    attachment = read(xls[:1536], "svar.xls")
    assert attachment.text == ""
    assert attachment.error is not None and attachment.error.startswith("xls: ")
