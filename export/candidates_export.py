"""`hoering export --per candidate`: one row per candidate of the bruttoliste, in CSV, XLSX
or JSONL, most replies first (the order of `hoering candidates` and the desk's page).

CANDIDATE_COLUMNS is the stable column list for machines (CSV profile "rfc4180", JSONL;
README "One row per candidate"): new columns are only added at the end. People (CSV profile
"excel", XLSX) read PEOPLE_CANDIDATE_COLUMNS: the same columns under Danish headers.

Of the filters only --theme applies (a candidate's themes are its members'); the others pick
replies, and a candidate is not a reply, so they are refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from hoering import glossary
from hoering.errors import UsageError
from hoering.export.candidate_view import CandidateRecord, candidate_record, in_theme
from hoering.export.columns import MACHINE, PEOPLE
from hoering.export.csv_export import Profile
from hoering.export.privacy import Privacy
from hoering.export.table_files import write_rows
from hoering.export.xlsx_table import Table
from hoering.store.candidates import list_candidates
from hoering.store.filters import ProposalFilter

CANDIDATE_COLUMNS = (
    "id", "title", "summary", "themes", "supporters", "replies", "initiatives", "decision",
    "reason",
)  # fmt: skip
COUNTS = ("replies", "initiatives")  # numbers in XLSX and JSONL; the id stays text in XLSX
PEOPLE_CANDIDATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", glossary.ID), ("title", glossary.TITLE), ("summary", glossary.SUMMARY),
    ("themes", glossary.THEMES), ("supporters", glossary.SUPPORTERS),
    ("replies", glossary.REPLIES), ("initiatives", glossary.INITIATIVES),
    ("decision", glossary.DECISION), ("reason", glossary.REASON),
)  # fmt: skip
SHEET = glossary.BRUTTOLISTE
# Characters wide, as the reply sheet counts them: one landscape page at about 70 %.
WIDTHS = {
    "id": 6, "title": 30, "summary": 60, "themes": 24, "supporters": 36, "replies": 7,
    "initiatives": 9, "decision": 14, "reason": 30,
}  # fmt: skip
TABLES = {
    PEOPLE: Table(SHEET, PEOPLE_CANDIDATE_COLUMNS, WIDTHS, frozenset(COUNTS)),
    MACHINE: Table(SHEET, tuple((key, key) for key in CANDIDATE_COLUMNS), WIDTHS,
                   frozenset(COUNTS)),
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
    columns = MACHINE if fmt == "jsonl" else profile.columns
    rows = candidate_rows(candidate_records(session, privacy, flt.theme), columns)
    return write_candidates(rows, output, fmt, profile, formula_guard)


def candidate_rows(
    records: Iterable[CandidateRecord], columns: str = MACHINE
) -> Iterator[dict[str, str]]:
    """The text cells of CANDIDATE_COLUMNS; for PEOPLE the themes one a line."""
    for record in records:
        cells = dataclasses.asdict(record)
        cells["themes"] = ("\n" if columns == PEOPLE else "; ").join(record.themes)
        yield {name: str(cells[name]) for name in CANDIDATE_COLUMNS}


def write_candidates(
    rows: Iterable[dict[str, str]],
    output: Path,
    fmt: str,
    profile: Profile,
    formula_guard: bool = True,
) -> int:
    """Write the rows as csv, xlsx or jsonl atomically; returns how many were written."""
    return write_rows(TABLES[profile.columns], rows, output, fmt, profile, _typed, formula_guard)


def _typed(row: dict[str, str]) -> dict[str, object]:
    return dict(row) | {name: int(row[name]) for name in ("id", *COUNTS)}
