"""`hoering export --per initiative`: one row per initiative, in CSV, XLSX or JSONL.

A row carries the initiative (reply_id, initiative, title, its own text, themes, proposed
owner and level), its review fields, and who sent the reply, with the same privacy rules as
the reply rows (export/privacy.py). Two column lists, like the reply rows' (export/columns.py):
INITIATIVE_COLUMNS for machines (CSV profile "rfc4180", JSONL), stable, new columns only added
at the end (README "Initiatives"); PEOPLE_INITIATIVE_COLUMNS for people (CSV profile "excel",
XLSX): Danish headers, ja/nej, dd.mm.åååå tt:mm, the printed columns first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from hoering import glossary
from hoering.export.columns import MACHINE, PEOPLE
from hoering.export.csv_export import PROFILES, Profile
from hoering.export.table_files import optional_int, write_rows
from hoering.export.views import InitiativeView, ReplyView
from hoering.export.xlsx_table import Table

INITIATIVE_COLUMNS = (
    "id", "reply_id", "initiative", "title", "text", "themes", "owner", "level",
    "status", "decision", "reason", "notes", "assignee", "split", "source_section",
    "received_at", "late", "sender_name", "sender_email", "respondent_name", "organisation",
    "respondent_type", "candidate",
)  # fmt: skip
# (key in the row, header people read); the first PRINTED_INITIATIVE_COLUMNS are printed:
# the initiative, who proposed it and the decision.
PEOPLE_INITIATIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", glossary.ID), ("title", glossary.TITLE), ("text", glossary.INITIATIVE_TEXT),
    ("themes", glossary.THEMES), ("respondent_name", glossary.SENDER),
    ("organisation", glossary.ORGANISATION), ("owner", glossary.OWNER),
    ("status", glossary.STATUS), ("decision", glossary.DECISION), ("reason", glossary.REASON),
    ("reply_id", glossary.REPLY), ("received_at", glossary.RECEIVED), ("late", glossary.LATE),
    ("respondent_type", glossary.TYPE), ("level", glossary.LEVEL), ("notes", glossary.NOTES),
    ("assignee", glossary.ASSIGNEE), ("candidate", glossary.CANDIDATE),
    ("source_section", glossary.FOUND_IN), ("sender_email", "E-mail"), ("sent_by", "Sendt af"),
)  # fmt: skip
PRINTED_INITIATIVE_COLUMNS = 10  # Nr. ... Begrundelse
SHEET = "Initiativer"
# Characters wide: the ten printed columns make about one landscape page, as the reply sheet.
WIDTHS = {
    "id": 7, "title": 28, "text": 50, "themes": 18, "respondent_name": 16, "organisation": 16,
    "owner": 16, "status": 9, "decision": 12, "reason": 26, "notes": 30, "sender_email": 22,
    "reply_id": 8, "received_at": 16, "late": 8,
}  # fmt: skip
# Reply ids and an initiative's number are numbers; its id ("12.10") and candidate are text.
TABLES = {
    PEOPLE: Table(SHEET, PEOPLE_INITIATIVE_COLUMNS, WIDTHS, frozenset({"reply_id"}),
                  frozenset({"received_at"}), PRINTED_INITIATIVE_COLUMNS),
    MACHINE: Table(SHEET, tuple((key, key) for key in INITIATIVE_COLUMNS), WIDTHS,
                   frozenset({"reply_id", "initiative"})),
}  # fmt: skip


@dataclass(frozen=True)
class ReviewFilter:
    """The review filters of an export, applied to each initiative's own fields."""

    status: str | None = None
    decision: str | None = None  # "ingen": no decision yet
    assignee: str | None = None
    theme: str | None = None  # codebook key

    def matches(self, item: InitiativeView) -> bool:
        decision_ok = self.decision is None or (item.decision or "ingen") == self.decision
        return (
            decision_ok
            and self.status in (None, item.status)
            and (self.assignee is None or item.assignee.casefold() == self.assignee.casefold())
            and (self.theme is None or self.theme in item.theme_keys)
        )


def initiative_rows(
    records: Iterable[ReplyView],
    tz: ZoneInfo,
    review: ReviewFilter | None = None,
    columns: str = MACHINE,
) -> Iterator[dict[str, str]]:
    """The text cells of INITIATIVE_COLUMNS (or, for PEOPLE, of PEOPLE_INITIATIVE_COLUMNS),
    reply after reply, initiatives in order."""
    for record in records:
        for item in record.initiatives:
            if review is None or review.matches(item):
                cells = _machine_row(record, item, tz)
                yield _people_row(cells, record, tz) if columns == PEOPLE else cells


def _machine_row(record: ReplyView, item: InitiativeView, tz: ZoneInfo) -> dict[str, str]:
    received = record.received_at.astimezone(tz).isoformat() if record.received_at else ""
    return {
        "id": item.ref, "reply_id": str(record.id), "initiative": str(item.number),
        "title": item.title, "text": item.text, "themes": "; ".join(item.themes),
        "owner": item.owner, "level": item.level, "status": item.status,
        "decision": item.decision, "reason": item.reason, "notes": item.notes,
        "assignee": item.assignee, "split": item.split, "source_section": item.origin,
        "received_at": received, "late": "true" if record.late else "false",
        "sender_name": record.sender_name, "sender_email": record.sender_email,
        "respondent_name": record.respondent_name, "organisation": record.organisation,
        "respondent_type": record.respondent_type,
        "candidate": "" if item.candidate is None else str(item.candidate),
    }  # fmt: skip


def _people_row(cells: dict[str, str], record: ReplyView, tz: ZoneInfo) -> dict[str, str]:
    """The machine cells as people read them, as the reply rows do (export/columns.py)."""
    cells["received_at"] = glossary.people_time(record.received_at, tz)
    cells["late"] = glossary.YES if record.late else glossary.NO
    cells["themes"] = cells["themes"].replace("; ", "\n")  # one a line
    # The person it is from; the sender only when they sent it on for someone.
    cells["respondent_name"] = record.respondent_name or record.sender_name
    same = record.sender_name in ("", record.respondent_name)
    cells["sent_by"] = "" if same else record.sender_name
    return {key: cells[key] for key, _ in PEOPLE_INITIATIVE_COLUMNS}


def write_initiatives(
    rows: Iterable[dict[str, str]],
    output: Path,
    fmt: str,
    profile: Profile | None = None,
    formula_guard: bool = True,
) -> int:
    """Write the rows (of the profile's columns) as csv, xlsx or jsonl atomically; returns
    how many were written."""
    profile = profile or PROFILES["excel"]
    return write_rows(TABLES[profile.columns], rows, output, fmt, profile, _typed, formula_guard)


def _typed(row: dict[str, str]) -> dict[str, object]:
    return dict(row) | {
        "reply_id": int(row["reply_id"]),
        "initiative": int(row["initiative"]),
        "candidate": optional_int(row["candidate"]),
        "late": row["late"] == "true",
    }
