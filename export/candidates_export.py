"""`hoering export --per candidate`: one row per candidate of the bruttoliste, in CSV, XLSX
or JSONL, most replies first (the order of `hoering candidates` and the desk's page).

CANDIDATE_COLUMNS is the stable column list (README "One row per candidate"): new columns
are only added at the end. Of the filters only --theme applies (a candidate's themes are
its members'); the others pick replies, and a candidate is not a reply, so they are refused.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from hoering.errors import UsageError
from hoering.export.candidate_view import CandidateRecord, candidate_record, in_theme
from hoering.export.csv_export import Profile, write_table
from hoering.export.files import EXCEL_CELL_LIMIT, atomic_file
from hoering.export.privacy import Privacy
from hoering.export.xlsx_export import _fit_height, _header, _print_setup, _set_text, _set_value
from hoering.store.candidates import list_candidates
from hoering.store.filters import ProposalFilter

CANDIDATE_COLUMNS = (
    "id", "title", "summary", "themes", "supporters", "replies", "initiatives", "decision",
    "reason",
)  # fmt: skip
COUNTS = ("replies", "initiatives")  # numbers in XLSX and JSONL; the id stays text in XLSX
SHEET = "Bruttoliste"
# Characters wide, as the reply sheet counts them: one landscape page at about 70 %.
WIDTHS = {
    "id": 6, "title": 30, "summary": 60, "themes": 24, "supporters": 36, "replies": 7,
    "initiatives": 9, "decision": 14, "reason": 30,
}  # fmt: skip


class CandidateFilterError(UsageError):
    """A filter that picks replies was given to the one-row-per-candidate export."""


def check_filter(flt: ProposalFilter) -> None:
    """Refuse every filter but --theme: read silently, it would look applied and not be."""
    given = [
        name
        for name, value in dataclasses.asdict(flt).items()
        if name != "theme" and value not in (None, (), "")
    ]
    if given:
        raise CandidateFilterError(
            f"--per candidate takes --theme only, not {', '.join(sorted(given))}"
        )


def candidate_records(
    session: Session, privacy: Privacy, theme: str | None = None
) -> Iterator[CandidateRecord]:
    """The bruttoliste's candidates (with codebook theme `theme`), most replies first."""
    for view in list_candidates(session):
        if in_theme(view, theme):
            yield candidate_record(view, privacy)


def export_candidates(
    session: Session,
    flt: ProposalFilter,
    privacy: Privacy,
    output: Path,
    fmt: str,
    profile: Profile,
    formula_guard: bool = True,
) -> int:
    """Check the filter, write the candidates (with --theme's theme); how many were written."""
    check_filter(flt)
    rows = candidate_rows(candidate_records(session, privacy, flt.theme))
    return write_candidates(rows, output, fmt, profile, formula_guard)


def candidate_rows(records: Iterable[CandidateRecord]) -> Iterator[dict[str, str]]:
    """The text cells of CANDIDATE_COLUMNS."""
    for record in records:
        cells = dataclasses.asdict(record)
        cells["themes"] = "; ".join(record.themes)
        yield {name: str(cells[name]) for name in CANDIDATE_COLUMNS}


def write_candidates(
    rows: Iterable[dict[str, str]],
    output: Path,
    fmt: str,
    profile: Profile,
    formula_guard: bool = True,
) -> int:
    """Write the rows as csv, xlsx or jsonl atomically; returns how many were written."""
    if fmt == "xlsx":
        return _xlsx(rows, output)
    if fmt == "jsonl":
        return _jsonl(rows, output)
    return write_table(rows, output, CANDIDATE_COLUMNS, profile, formula_guard)


def _jsonl(rows: Iterable[dict[str, str]], output: Path) -> int:
    count = 0
    with atomic_file(output, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            typed: dict[str, object] = dict(row)
            typed |= {name: int(row[name]) for name in ("id", *COUNTS)}
            handle.write(json.dumps(typed, ensure_ascii=False) + "\n")
            count += 1
    return count


def _xlsx(rows: Iterable[dict[str, str]], output: Path) -> int:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _header(sheet, ((name, name) for name in CANDIDATE_COLUMNS))
    for name, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(CANDIDATE_COLUMNS.index(name) + 1)].width = width
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, name in enumerate(CANDIDATE_COLUMNS, start=1):
            value = row[name][:EXCEL_CELL_LIMIT]  # XML-safe already: export/xml_text.py
            if name in COUNTS:  # counted, summed and sorted as numbers
                _set_value(sheet, count + 1, index, int(value))
            else:  # the id too: a name, not a quantity; text never becomes a formula
                _set_text(sheet, count + 1, index, value)
        _fit_height(sheet, count + 1, len(CANDIDATE_COLUMNS))
    # Printed like the reply sheet: A4 landscape, one page wide, the header on every page.
    _print_setup(sheet, len(CANDIDATE_COLUMNS), count)
    with atomic_file(output, "wb") as handle:
        book.save(handle)
    return count
