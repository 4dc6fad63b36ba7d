"""One kind of plain row (an `xlsx_table.Table`: one per initiative, candidate or party)
written as CSV, XLSX or JSONL, atomically: the one writer behind the `--per` exports.

Rows arrive as text cells; only JSONL types them (`typed`: ids and counts as numbers, an
absent candidate as null), because JSON readers are machines that want numbers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from hoering.export.csv_export import Profile, write_table
from hoering.export.files import atomic_file
from hoering.export.xlsx_table import Table, write_xlsx_table

Row = dict[str, str]
JsonTyping = Callable[[Row], dict[str, object]]


def write_rows(
    table: Table,
    rows: Iterable[Row],
    output: Path,
    fmt: str,
    profile: Profile,
    typed: JsonTyping,
    formula_guard: bool = True,
) -> int:
    """Write the rows in `fmt` ("csv", "xlsx" or "jsonl"); returns how many were written."""
    if fmt == "xlsx":
        return write_xlsx_table(table, rows, output)
    if fmt == "jsonl":
        return write_jsonl_rows(rows, output, typed)
    keys = [key for key, _ in table.columns]
    headers = [header for _, header in table.columns]
    return write_table(rows, output, keys, profile, formula_guard, headers)


def write_jsonl_rows(rows: Iterable[Row], output: Path, typed: JsonTyping) -> int:
    """One JSON object per row, its cells typed by `typed`."""
    count = 0
    with atomic_file(output, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(typed(row), ensure_ascii=False) + "\n")
            count += 1
    return count


def optional_int(cell: str) -> int | None:
    """An id cell that may be empty (an initiative in no candidate yet)."""
    return int(cell) if cell else None
