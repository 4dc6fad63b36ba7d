"""XLSX and JSONL exports, and the manifest next to every export."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hoering.export.columns import PEOPLE_COLUMNS
from hoering.export.files import EXCEL_CELL_LIMIT
from hoering.export.record import COLUMNS
from hoering.export.views import INTERNAL, ReplyView
from hoering.export.xlsx_export import ATTACHMENT_COLUMNS, FONT_NAME, MAX_LINES
from hoering.parse.model import Attachment
from hoering.store.db import open_database
from tests.kit.export import add, export, parsed


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'h.db'}")


def attachments() -> tuple[Attachment, ...]:
    return (
        Attachment("svar.pdf", "svar.pdf", "application/pdf", "pdf", 1200, "a" * 64, "tekst"),
        Attachment(
            "låst.pdf", "låst.pdf", "application/pdf", "pdf", 5, "b" * 64, error="encrypted"
        ),
    )


HEADERS = [header for _, header in PEOPLE_COLUMNS]


def workbook(db, tmp_path: Path, **options):
    export(db, tmp_path / "svar.xlsx", "xlsx", **options)
    return load_workbook(tmp_path / "svar.xlsx")


def test_xlsx_has_a_proposal_sheet_and_an_attachment_sheet(db, tmp_path: Path) -> None:
    add(db, parsed(attachments=attachments()))
    book = workbook(db, tmp_path)
    assert book.sheetnames == ["Høringssvar", "Bilag"]
    header = [cell.value for cell in book["Høringssvar"][1]]
    assert header == HEADERS
    bilag = [[cell.value for cell in row] for row in book["Bilag"].iter_rows()]
    assert tuple(bilag[0]) == ATTACHMENT_COLUMNS["people"]
    assert bilag[1:] == [
        [1, "svar.pdf", "pdf", "none", 1200, None],
        [1, "låst.pdf", "pdf", "none", 5, "encrypted"],
    ]


def test_xlsx_header_is_frozen_and_filtered(db, tmp_path: Path) -> None:
    add(db, parsed())
    add(db, parsed(message_id="c@d"), key="k2")
    sheet = workbook(db, tmp_path)["Høringssvar"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:V3"
    assert sheet["H2"].alignment.wrap_text  # Forslag


def test_xlsx_writes_formula_like_text_as_a_string(db, tmp_path: Path) -> None:
    # A hostile sender's subject; openpyxl would store it as a formula unless told not to.
    add(db, parsed(subject='=HYPERLINK("http://x","klik")'))
    sheet = workbook(db, tmp_path)["Høringssvar"]
    cell = sheet.cell(row=2, column=HEADERS.index("Emne") + 1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","klik")', "s")
    with zipfile.ZipFile(tmp_path / "svar.xlsx") as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_xlsx_received_at_is_a_real_local_date_time(db, tmp_path: Path) -> None:
    add(db, parsed())
    cell = workbook(db, tmp_path)["Høringssvar"]["B2"]
    assert cell.value == datetime(2017, 8, 10, 10, 16)
    assert cell.number_format == "dd.mm.yyyy hh:mm"


def test_xlsx_drops_control_characters_xml_cannot_carry(db, tmp_path: Path) -> None:
    # Broken mailers put form feeds and escape characters into bodies (export/xml_text.py).
    add(db, parsed(body="før\x0cefter\x1b"))
    sheet = workbook(db, tmp_path)["Høringssvar"]
    assert sheet.cell(row=2, column=HEADERS.index("Hele teksten") + 1).value == "før\nefter"


def test_xlsx_cuts_overlong_cells_and_writes_the_full_text(db, tmp_path: Path) -> None:
    add(db, parsed(body="ord " * 10_000))
    value = workbook(db, tmp_path)["Høringssvar"].cell(row=2, column=len(HEADERS)).value
    assert len(value) <= EXCEL_CELL_LIMIT and value.endswith("svar-fulltekst/1.txt]")
    assert (tmp_path / "svar-fulltekst" / "1.txt").stat().st_size == len("ord " * 10_000)


def test_xlsx_machine_profile_has_the_snake_case_columns(db, tmp_path: Path) -> None:
    add(db, parsed(attachments=attachments()))
    book = workbook(db, tmp_path, profile="rfc4180")
    assert tuple(cell.value for cell in book["Høringssvar"][1]) == COLUMNS
    assert tuple(c.value for c in book["Bilag"][1]) == ATTACHMENT_COLUMNS["machine"]


def test_xlsx_prints_landscape_one_page_wide_with_the_header_on_every_page(
    db, tmp_path: Path
) -> None:
    add(db, parsed())
    for sheet in workbook(db, tmp_path).worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"


def test_xlsx_uses_one_font_and_rows_fit_their_text_up_to_a_cap(db, tmp_path: Path) -> None:
    add(db, parsed(body="Kort."))
    add(db, parsed(message_id="c@d", body="\n".join(["Linje"] * 40)), key="k2")
    sheet = workbook(db, tmp_path)["Høringssvar"]
    fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value}
    assert fonts == {FONT_NAME}
    short, tall = sheet.row_dimensions[2].height, sheet.row_dimensions[3].height
    assert short < tall <= MAX_LINES * 15


def test_xlsx_bilag_sheet_is_sorted_by_proposal_id(db, tmp_path: Path) -> None:
    # Proposal 2 was received first, so it comes first in the proposal sheet.
    add(db, parsed(attachments=attachments()[:1]), key="k1")
    early = datetime.fromisoformat("2017-08-01T10:00:00+02:00")
    add(db, parsed(message_id="c@d", received_at=early, attachments=attachments()), key="k2")
    sheet = workbook(db, tmp_path)["Bilag"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [1, 2, 2]
    assert sheet.column_dimensions["B"].width >= len("Fil") + 2


def test_jsonl_has_one_line_per_proposal_with_stable_keys(db, tmp_path: Path) -> None:
    add(db, parsed(body="Første linje\nAnden linje", attachments=attachments()))
    add(db, parsed(message_id="c@d"), key="k2", late=True)
    export(db, tmp_path / "svar.jsonl", "jsonl")
    lines = (tmp_path / "svar.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == [key for key in ReplyView.__dataclass_fields__ if key not in INTERNAL]
    assert first["received_at"] == "2017-08-10T08:16:00+00:00"
    assert first["text"] == "Første linje\nAnden linje"
    assert [a["path"] for a in first["attachments"]] == ["svar.pdf", "låst.pdf"]
    assert first["attachments"][1]["error"] == "encrypted"
    assert json.loads(lines[1])["late"] is True


def test_jsonl_keeps_formula_like_text_unchanged(db, tmp_path: Path) -> None:
    add(db, parsed(subject="=1+1"))
    export(db, tmp_path / "svar.jsonl", "jsonl")
    assert json.loads((tmp_path / "svar.jsonl").read_text("utf-8"))["subject"] == "=1+1"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_manifest_names_rows_checksum_filters_and_settings(db, tmp_path: Path, fmt) -> None:
    add(db, parsed())
    out = tmp_path / f"svar.{fmt}"
    result = export(db, out, fmt, redact=True)
    manifest = json.loads((tmp_path / f"svar.{fmt}.manifest.json").read_text("utf-8"))
    assert result.manifest == tmp_path / f"svar.{fmt}.manifest.json"
    assert manifest["format"] == fmt and manifest["file"] == out.name and manifest["rows"] == 1
    assert manifest["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert manifest["redaction"] == {"redact": True, "redact_cpr": True, "pseudonymize": False}
    assert manifest["hoering_version"] != "unknown"
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None


def test_manifest_lists_the_full_text_files_with_checksums(db, tmp_path: Path) -> None:
    add(db, parsed(body="ord " * 10_000))
    export(db, tmp_path / "svar.csv")
    manifest = json.loads((tmp_path / "svar.csv.manifest.json").read_text("utf-8"))
    assert manifest["profile"] == "excel" and manifest["formula_guard"] is True
    # Both the reply ("Forslag") and the whole text (text) are too long for one cell.
    names = ["1-forslag.txt", "1.txt"]
    folder = tmp_path / "svar-fulltekst"
    assert manifest["files"] == [
        {
            "path": f"svar-fulltekst/{n}",
            "sha256": hashlib.sha256((folder / n).read_bytes()).hexdigest(),
        }
        for n in names
    ]
