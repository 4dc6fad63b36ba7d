"""The XLSX and the høringsnotat DOCX open in LibreOffice: converted to PDF, page 1 to PNG.

A file LibreOffice cannot read does not convert; the PDF text proves the content arrived.
"""

from __future__ import annotations

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
    export(db, folder / "svar.xlsx", "xlsx")
    consultation = Consultation("OGP-handlingsplan 2017-2019", None, date(2017, 8, 20), TZ)
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
    assert "respondent_type" in text and "Nordby Kommune" in text
    assert '=HYPERLINK("http://x")' in text  # shown as text, not run as a formula


def test_docx_renders_with_its_headings(rendered: Path) -> None:
    text = pdf_text(rendered / "notat.pdf")
    for heading in ("Høringsnotat", "1. Indledning", "2. Høringsparter", "3. Høringssvarene"):
        assert heading in text
    assert "modtaget efter fristen" in text


@pytest.mark.parametrize("name", ["svar", "notat"])
def test_first_page_renders_to_a_png(rendered: Path, name: str) -> None:
    png = rendered / f"{name}.png"
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5_000
