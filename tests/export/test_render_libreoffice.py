"""The XLSX and the høringsnotat DOCX open in LibreOffice: converted to PDF, page 1 to PNG.

A file LibreOffice cannot read does not convert; the PDF text proves the content arrived,
and its page sizes and text show the layout: landscape sheets with the header row on every
page, a notat whose table cells break no word in the middle.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from hoering.export.notat import Consultation
from hoering.export.run import ExportOptions, run_notat
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ, add, export, parsed
from tests.kit.needs import missing

TOOLS = ("soffice", "pdftoppm", "pdftotext")
CONVERT_TIMEOUT = 180  # LibreOffice starts in 5-10 s; a slow CI machine gets room
ROWS = 12
LONG_REPLY = (
    "Hej\n\nDigitaliseringsstyrelsen foreslår en whistleblowerordning og gennemsigtighedsportal "
    "for interesseorganisationer, så borgerinddragelsesprocesser og informationsfrihedsloven "
    "bør styrkes. " * 3
)


def _require_tools() -> None:
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    if absent:
        missing(f"not installed: {absent} (apt install libreoffice-writer-nogui "
                "libreoffice-calc-nogui poppler-utils)")  # fmt: skip


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both files written from a few Danish replies and converted by one LibreOffice run."""
    _require_tools()
    folder = tmp_path_factory.mktemp("render")
    db = open_database(f"sqlite:///{folder / 'h.db'}")
    add(db, parsed(body="Hej\n\nStaten bør offentliggøre flere datasæt som åbne data.\n\n"
                   "Venlig hilsen\nIda Rasmussen", sender_name="Ida Rasmussen",
                   sender_email="ida@gmail.com", subject='=HYPERLINK("http://x")'))  # fmt: skip
    add(db, parsed(body="Vi ønsker et lobbyregister og åbne kalendere.\n\nNordby Kommune",
                   sender_name="Nordby Kommune", sender_email="post@nordby.dk",
                   message_id="2@x"), key="k2", late=True)  # fmt: skip
    # Enough rows for the sheet to run onto a second page; long words for the notat's table.
    for n in range(3, 3 + ROWS):
        reply = parsed(body=LONG_REPLY, sender_name="Digitaliseringsstyrelsen",
                       sender_email=f"post{n}@digst.dk", message_id=f"{n}@x")  # fmt: skip
        add(db, reply, key=f"k{n}")
    export(db, folder / "svar.xlsx", "xlsx")
    consultation = Consultation(
        "OGP-handlingsplan 2017-2019", None, date(2017, 8, 20), TZ, (),
        "Digitaliseringsstyrelsen", "2017-1234",
    )  # fmt: skip
    with db() as session:
        run_notat(session, ProposalFilter(), folder / "notat.docx", ExportOptions(), consultation)
    profile = (folder / "lo-profile").as_uri()  # private profile: no clash with a running office
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(folder / "svar.xlsx"), str(folder / "notat.docx")],
        check=True, timeout=CONVERT_TIMEOUT, capture_output=True,
    )  # fmt: skip
    for name in ("svar", "notat"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile",
             str(folder / f"{name}.pdf"), str(folder / name)],
            check=True, timeout=60,
        )  # fmt: skip
    return folder


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout


def test_xlsx_renders_with_its_rows(rendered: Path) -> None:
    text = pdf_text(rendered / "svar.pdf")
    assert "Type" in text and "Nordby Kommune" in text
    assert '=HYPERLINK("http://x")' in text  # shown as text, not run as a formula


def test_docx_renders_with_its_headings(rendered: Path) -> None:
    text = pdf_text(rendered / "notat.pdf")
    for heading in ("Høringsnotat", "1. Indledning", "2. Generelle", "3. Bemærkninger til"):
        assert heading in text
    assert "efter fristen" in text


@pytest.mark.parametrize("name", ["svar", "notat"])
def test_first_page_renders_to_a_png(rendered: Path, name: str) -> None:
    png = rendered / f"{name}.png"
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5_000


def pdf_pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    return [(float(w), float(h)) for w, h in sizes]


def test_xlsx_prints_landscape(rendered: Path) -> None:
    sizes = page_sizes(rendered / "svar.pdf")
    assert sizes and all(width > height for width, height in sizes)


def test_xlsx_repeats_the_header_row_on_every_page(rendered: Path) -> None:
    proposal_pages = [
        page for page in pdf_pages(rendered / "svar.pdf") if "Digitaliserings" in page
    ]
    assert len(proposal_pages) >= 2, "the sample should run onto a second page"
    for page in proposal_pages:
        assert "Modtaget" in page and "Forslag" in page and "Beslutning" in page


def test_xlsx_has_danish_headers_and_no_technical_columns(rendered: Path) -> None:
    text = pdf_text(rendered / "svar.pdf")
    assert "For sent" in text and "Afsender" in text
    assert "message_id" not in text and "respondent_rule" not in text


def test_notat_table_breaks_no_word_in_the_middle(rendered: Path) -> None:
    from docx import Document

    doc = Document(str(rendered / "notat.docx"))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    everything = "\n".join([p.text for p in doc.paragraphs] + cells)
    words = {word.strip(".,:;()…") for text in cells for word in text.split()}
    pdf = pdf_text(rendered / "notat.pdf")
    # A word broken mid-word is split over two lines of the PDF ("Beslutnin" / "g"), so it
    # is found there fewer times than the document holds it.
    broken = sorted(w for w in words if len(w) > 3 and pdf.count(w) < everything.count(w))
    assert not broken


def test_notat_has_page_numbers_ministry_and_journal_number(rendered: Path) -> None:
    pages = pdf_pages(rendered / "notat.pdf")
    assert "Side 1 af" in pages[0]
    assert "Digitaliseringsstyrelsen · J.nr. 2017-1234" in pages[0]
