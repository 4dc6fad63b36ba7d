"""CSV export for the drafting team: one row per proposal, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from hoering.export.columns import MACHINE, PEOPLE, columns, file_names, row
from hoering.export.files import (
    EXCEL_CELL_LIMIT,
    PAGE_CELL_CHARS,
    PAGE_CELL_LINES,
    FullTexts,
    atomic_file,
    fit_cell,
)
from hoering.export.record import COLUMNS
from hoering.export.views import ReplyView

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# An id such as an initiative's "12.10": a spreadsheet reads it as the number 12.1 under an
# English locale, and Danish Excel as the date 12 October.
DOTTED_NUMBER = re.compile(r"\d+\.\d+")
__all__ = ["COLUMNS", "EXCEL_CELL_LIMIT", "PROFILES", "Profile", "export_csv"]


@dataclass(frozen=True)
class Profile:
    name: str
    delimiter: str
    bom: bool
    truncate_for_excel: bool
    columns: str = MACHINE  # export.columns.PEOPLE or MACHINE


PROFILES = {
    # What Danish Excel opens with a double click: it expects ";" and needs the BOM for UTF-8.
    # For people: Danish headers, and cells cut so no row is taller than a printed page.
    "excel": Profile("excel", ";", bom=True, truncate_for_excel=True, columns=PEOPLE),
    "rfc4180": Profile("rfc4180", ",", bom=False, truncate_for_excel=False, columns=MACHINE),
}
DIALECTS = PROFILES  # the old name


def neutralize_formula(value: str) -> str:
    """Stop spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def as_written(value: str) -> str:
    """A people's cell that a spreadsheet would read as a number or date, as a formula whose
    result is the text itself: Excel and LibreOffice show "12.10" as written, in any locale."""
    return f'="{value}"' if DOTTED_NUMBER.fullmatch(value) else value


def write_rows(
    records: Iterable[ReplyView],
    out: TextIO,
    profile: Profile,
    tz: ZoneInfo,
    *,
    formula_guard: bool = True,
    full_texts: FullTexts | None = None,
) -> int:
    """Write header and rows to `out`; returns the number of rows."""
    keys_and_headers = columns(profile.columns)
    keys = [key for key, _ in keys_and_headers]
    writer = csv.DictWriter(
        out, fieldnames=keys, delimiter=profile.delimiter, lineterminator="\r\n"
    )
    writer.writerow(dict(keys_and_headers))
    count = 0
    for record in records:
        cells = row(record, tz, profile.columns)
        for column, value in cells.items():
            if full_texts is not None:
                value = full_texts.fit(value, record.id, column)
            cells[column] = neutralize_formula(value) if formula_guard else value
        writer.writerow(cells)
        count += 1
    return count


def write_table(
    rows: Iterable[dict[str, str]],
    output: Path,
    columns: Sequence[str],
    profile: Profile,
    formula_guard: bool = True,
    headers: Sequence[str] | None = None,
) -> int:
    """Write plain rows (one per initiative or candidate) as CSV atomically under `headers`
    (default: the column keys), cells cut to Excel's limit for people and guarded against
    formulas; returns how many."""
    count = 0
    encoding = "utf-8-sig" if profile.bom else "utf-8"
    with atomic_file(output, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter=profile.delimiter, lineterminator="\r\n")
        writer.writerow(dict(zip(columns, headers or columns, strict=True)))
        for cells in rows:
            for column, value in cells.items():
                if profile.truncate_for_excel:
                    value = fit_cell(value)
                cells[column] = neutralize_formula(value) if formula_guard else value
                if profile.columns == PEOPLE:
                    cells[column] = as_written(cells[column])
            writer.writerow(cells)
            count += 1
    return count


def export_csv(
    records: Iterable[ReplyView],
    output: Path,
    profile: Profile,
    tz: ZoneInfo,
    *,
    formula_guard: bool = True,
) -> tuple[int, list[Path]]:
    """Write the CSV atomically; returns the row count and the full-text files written."""
    encoding = "utf-8-sig" if profile.bom else "utf-8"
    # Excel spills longer cells into the following rows and breaks the sheet; people's
    # cells are cut shorter still, so a row fits on a printed page.
    full_texts = None
    if profile.truncate_for_excel:
        people = profile.columns == PEOPLE
        full_texts = FullTexts(
            output,
            PAGE_CELL_CHARS if people else EXCEL_CELL_LIMIT,
            PAGE_CELL_LINES if people else None,
            file_names(profile.columns),
        )
    with atomic_file(output, "w", encoding=encoding, newline="") as handle:
        count = write_rows(
            records, handle, profile, tz, formula_guard=formula_guard, full_texts=full_texts
        )
    return count, (full_texts.written if full_texts else [])
