"""One plain table as an XLSX sheet (one row per initiative, or per candidate), printed like
the reply sheet (export/xlsx_export.py): A4 landscape, one page wide, the header row on every
page, the sheet's name as the page title, "Side N af M" below, rows as tall as the text of
the printed columns.

Every cell is text unless its column is named a number (counts, reply ids) or a date-time:
an initiative's id "12.10" must stay 12.10, not become the number 12.1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from hoering import glossary
from hoering.export.files import atomic_file, fit_cell
from hoering.export.xlsx_export import (
    _TOP_LEFT,
    DATE_FORMAT,
    _fit_height,
    _header,
    _print_setup,
    _set_text,
    _set_value,
)


@dataclass(frozen=True)
class Table:
    """How one kind of row is laid out in a sheet."""

    sheet: str  # the sheet's name, and the title printed on each page
    columns: tuple[tuple[str, str], ...]  # (key in the row, header)
    widths: Mapping[str, float] = field(default_factory=dict)  # characters; default 14
    numbers: frozenset[str] = frozenset()  # keys written as numbers
    dates: frozenset[str] = frozenset()  # keys holding glossary.DATE_TIME text
    printed: int | None = None  # the first N columns are printed; None: all


def write_xlsx_table(table: Table, rows: Iterable[dict[str, str]], output: Path) -> int:
    """Write the rows as one sheet atomically; returns how many were written."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet
    book.properties.title = table.sheet
    _header(sheet, table.columns)
    for index, (key, _) in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = table.widths.get(key, 14)
    # A header wrapped in a narrow column ("Antal afsendere") ran over the first row in
    # LibreOffice's print: the header row is as tall as its headers, as data rows are.
    _fit_height(sheet, 1, table.printed or len(table.columns))
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, (key, _) in enumerate(table.columns, start=1):
            _cell(table, sheet, count + 1, index, key, fit_cell(row[key]))
        # Row heights follow what is printed, not an unprinted long column.
        _fit_height(sheet, count + 1, table.printed or len(table.columns))
    _print_setup(sheet, len(table.columns), count, table.printed, title=table.sheet)
    with atomic_file(output, "wb") as handle:
        book.save(handle)
    return count


def _cell(table: Table, sheet, row: int, column: int, key: str, value: str) -> None:
    if key in table.numbers and value:
        _set_value(sheet, row, column, int(value))
    elif key in table.dates and value:
        moment = datetime.strptime(value, glossary.DATE_TIME)  # local time, as people read it
        _set_value(sheet, row, column, moment, DATE_FORMAT)
        sheet.cell(row=row, column=column).alignment = _TOP_LEFT
    else:  # text never becomes a formula, and an id never a number
        _set_text(sheet, row, column, value)
