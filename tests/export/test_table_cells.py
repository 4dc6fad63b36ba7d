"""The per-initiative and per-candidate tables (export/xlsx_table.py, csv_export.write_table):
a cell longer than a spreadsheet cell holds is cut with a visible end saying so."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from hoering import glossary
from hoering.export.csv_export import PROFILES, write_table
from hoering.export.files import EXCEL_CELL_LIMIT, fit_cell
from hoering.export.xlsx_table import Table, write_xlsx_table

TABLE = Table(sheet="Bruttoliste", columns=(("title", "Titel"), ("summary", "Resumé")))
LONG = "Åbne data om offentlige indkøb. " * 2_000  # 64,000 characters


def test_a_cell_that_fits_is_left_as_it_is() -> None:
    assert fit_cell("Åbne data") == "Åbne data"
    assert fit_cell("x" * EXCEL_CELL_LIMIT) == "x" * EXCEL_CELL_LIMIT


def test_an_xlsx_table_cell_past_excels_limit_says_it_was_cut(tmp_path: Path) -> None:
    output = tmp_path / "bruttoliste.xlsx"
    write_xlsx_table(TABLE, [{"title": "Indkøb", "summary": LONG}], output)
    sheet = load_workbook(output)["Bruttoliste"]
    value = sheet["B2"].value
    assert len(value) <= EXCEL_CELL_LIMIT and value.endswith(" … [afkortet]")
    kept = value.removesuffix(glossary.CUT_SHORT)
    assert LONG.startswith(kept) and LONG[len(kept)] == " "  # ended at a whole word
    assert sheet["A2"].value == "Indkøb"


def test_a_csv_table_cell_for_people_says_it_was_cut_the_same_way(tmp_path: Path) -> None:
    output = tmp_path / "bruttoliste.csv"
    write_table(
        [{"title": "Indkøb", "summary": LONG}], output, ["title", "summary"], PROFILES["excel"]
    )
    with output.open(encoding="utf-8-sig", newline="") as handle:
        _header, row = csv.reader(handle, delimiter=";")
    assert len(row[1]) <= EXCEL_CELL_LIMIT and row[1].endswith(glossary.CUT_SHORT)
