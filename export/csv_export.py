"""CSV export for the drafting team: one row per proposal, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from store.models import Attachment, Proposal

COLUMNS = (
    "id",
    "received_at",
    "sender_name",
    "sender_email",
    "subject",
    "late",
    "attachments",
    "message_id",
    "source",
    "text",
)
EXCEL_CELL_LIMIT = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dialect:
    name: str
    delimiter: str
    bom: bool
    truncate_for_excel: bool


DIALECTS = {
    # What Danish Excel opens with a double click: it expects ";" and needs the BOM for UTF-8.
    "excel": Dialect("excel", ";", bom=True, truncate_for_excel=True),
    "rfc4180": Dialect("rfc4180", ",", bom=False, truncate_for_excel=False),
}


def neutralize_formula(value: str) -> str:
    """Stop spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def describe_attachment(att: Attachment) -> str:
    label = f"{att.detected_type}: {att.error}" if att.error else att.detected_type
    return f"{att.path} ({label})"


def proposal_row(proposal: Proposal, tz: ZoneInfo) -> dict[str, str]:
    received = proposal.received_at.astimezone(tz).isoformat() if proposal.received_at else ""
    source = f"{proposal.source_account} {proposal.source_folder}"
    if proposal.source_uid is not None:
        source += f" UID {proposal.source_uid}"
    return {
        "id": str(proposal.id),
        "received_at": received,
        "sender_name": proposal.sender_name,
        "sender_email": proposal.sender_email,
        "subject": proposal.subject,
        "late": "true" if proposal.late else "false",
        "attachments": "\n".join(describe_attachment(a) for a in proposal.attachments),
        "message_id": proposal.message_id or "",
        "source": source,
        "text": proposal.combined_text,
    }


def _fit_cell(value: str, proposal_id: str) -> str:
    # Excel spills longer cells into the following rows and breaks the sheet.
    if len(value) <= EXCEL_CELL_LIMIT:
        return value
    marker = f"\n[… afkortet; hele teksten: hoering show {proposal_id}]"
    return value[: EXCEL_CELL_LIMIT - len(marker)] + marker


def write_rows(proposals: Iterable[Proposal], out: TextIO, dialect: Dialect, tz: ZoneInfo) -> int:
    """Write header and rows to `out`; returns the number of rows."""
    writer = csv.DictWriter(
        out, fieldnames=COLUMNS, delimiter=dialect.delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    count = 0
    for proposal in proposals:
        row = proposal_row(proposal, tz)
        for column, value in row.items():
            if dialect.truncate_for_excel:
                value = _fit_cell(value, row["id"])
            row[column] = neutralize_formula(value)
        writer.writerow(row)
        count += 1
    return count


def export_csv(proposals: Iterable[Proposal], output: Path, dialect: Dialect, tz: ZoneInfo) -> int:
    """Write the CSV atomically: readers never see a half-written file."""
    encoding = "utf-8-sig" if dialect.bom else "utf-8"
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            count = write_rows(proposals, handle, dialect, tz)
        os.replace(tmp_name, output)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return count
