"""`hoering export --per initiative`: one row per initiative, in CSV, XLSX or JSONL.

A row carries the initiative (reply_id, initiative, title, its own text, themes, proposed
owner and level), its review fields, and who sent the reply, with the same privacy rules as
the reply rows (export/record.py). INITIATIVE_COLUMNS is the stable column list (README
"Initiatives"): new columns are only added at the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hoering.export.csv_export import Profile, write_table
from hoering.export.files import EXCEL_CELL_LIMIT, atomic_file
from hoering.export.views import InitiativeView, ReplyView

INITIATIVE_COLUMNS = (
    "id", "reply_id", "initiative", "title", "text", "themes", "owner", "level",
    "status", "decision", "reason", "notes", "assignee", "split", "source_section",
    "received_at", "late", "sender_name", "sender_email", "respondent_name", "organisation",
    "respondent_type", "candidate",
)  # fmt: skip
SHEET = "Initiativer"
WIDE = {"title": 40, "text": 80, "reason": 40, "notes": 40, "themes": 30}


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
    records: Iterable[ReplyView], tz: ZoneInfo, review: ReviewFilter | None = None
) -> Iterator[dict[str, str]]:
    """The text cells of INITIATIVE_COLUMNS, reply after reply, initiatives in order."""
    for record in records:
        received = record.received_at.astimezone(tz).isoformat() if record.received_at else ""
        for item in record.initiatives:
            if review is not None and not review.matches(item):
                continue
            yield {
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


def write_initiatives(
    rows: Iterable[dict[str, str]],
    output: Path,
    fmt: str,
    profile: Profile | None = None,
    formula_guard: bool = True,
) -> int:
    """Write the rows as csv, xlsx or jsonl atomically; returns how many were written."""
    if fmt == "xlsx":
        return _xlsx(rows, output)
    if fmt == "jsonl":
        return _jsonl(rows, output)
    profile = profile or Profile("excel", ";", True, True)
    return write_table(rows, output, INITIATIVE_COLUMNS, profile, formula_guard)


def _jsonl(rows: Iterable[dict[str, str]], output: Path) -> int:
    count = 0
    with atomic_file(output, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            typed: dict[str, object] = dict(row)
            typed |= {"reply_id": int(row["reply_id"]), "initiative": int(row["initiative"])}
            typed["candidate"] = int(row["candidate"]) if row["candidate"] else None
            typed["late"] = row["late"] == "true"
            handle.write(json.dumps(typed, ensure_ascii=False) + "\n")
            count += 1
    return count


def _xlsx(rows: Iterable[dict[str, str]], output: Path) -> int:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for index, name in enumerate(INITIATIVE_COLUMNS, start=1):
        sheet.cell(row=1, column=index, value=name).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = WIDE.get(name, 16)
    sheet.freeze_panes = "B2"
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, name in enumerate(INITIATIVE_COLUMNS, start=1):
            value = row[name][:EXCEL_CELL_LIMIT]  # XML-safe already: export/xml_text.py
            cell = sheet.cell(row=count + 1, column=index, value=value)
            cell.data_type = "s"  # never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(INITIATIVE_COLUMNS))}{count + 1}"
    with atomic_file(output, "wb") as handle:
        book.save(handle)
    return count
