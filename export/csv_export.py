"""CSV export for the drafting team: one row per proposal, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from hoering.export.files import EXCEL_CELL_LIMIT, FullTexts, atomic_file
from hoering.export.record import COLUMNS, ExportRecord, flat_row

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
__all__ = ["COLUMNS", "EXCEL_CELL_LIMIT", "PROFILES", "Profile", "export_csv"]


@dataclass(frozen=True)
class Profile:
    name: str
    delimiter: str
    bom: bool
    truncate_for_excel: bool


PROFILES = {
    # What Danish Excel opens with a double click: it expects ";" and needs the BOM for UTF-8.
    "excel": Profile("excel", ";", bom=True, truncate_for_excel=True),
    "rfc4180": Profile("rfc4180", ",", bom=False, truncate_for_excel=False),
}
DIALECTS = PROFILES  # the old name


def neutralize_formula(value: str) -> str:
    """Stop spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def write_rows(
    records: Iterable[ExportRecord],
    out: TextIO,
    profile: Profile,
    tz: ZoneInfo,
    *,
    formula_guard: bool = True,
    full_texts: FullTexts | None = None,
) -> int:
    """Write header and rows to `out`; returns the number of rows."""
    writer = csv.DictWriter(
        out, fieldnames=COLUMNS, delimiter=profile.delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    count = 0
    for record in records:
        row = flat_row(record, tz)
        for column, value in row.items():
            if full_texts is not None:
                value = full_texts.fit(value, record.id, column)
            row[column] = neutralize_formula(value) if formula_guard else value
        writer.writerow(row)
        count += 1
    return count


def export_csv(
    records: Iterable[ExportRecord],
    output: Path,
    profile: Profile,
    tz: ZoneInfo,
    *,
    formula_guard: bool = True,
) -> tuple[int, list[Path]]:
    """Write the CSV atomically; returns the row count and the full-text files written."""
    encoding = "utf-8-sig" if profile.bom else "utf-8"
    # Excel spills longer cells into the following rows and breaks the sheet.
    full_texts = FullTexts(output) if profile.truncate_for_excel else None
    with atomic_file(output, "w", encoding=encoding, newline="") as handle:
        count = write_rows(
            records, handle, profile, tz, formula_guard=formula_guard, full_texts=full_texts
        )
    return count, (full_texts.written if full_texts else [])
