"""XLSX export: sheet "Høringssvar" (one row per proposal) and sheet "Bilag" (attachments).

Cells are values only: text starting with "=" is written as a string, never as a formula.
Times are real spreadsheet date-times in the consultation's time zone (Excel has no time
zones), so sorting and filtering by date work; the CSV keeps ISO 8601 with the offset.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hoering.export.files import FullTexts, atomic_file
from hoering.export.record import COLUMNS, AttachmentRecord, ExportRecord, flat_row

PROPOSAL_SHEET = "Høringssvar"
ATTACHMENT_SHEET = "Bilag"
ATTACHMENT_COLUMNS = ("proposal_id", "path", "type", "method", "size", "error")
DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Characters wide; long texts get a wide, wrapped column, codes a narrow one.
WIDTHS = {"id": 7, "late": 7, "status": 14, "decision": 16, "language": 9, "text": 80}
WIDE = {"reply_text", "text", "reason", "notes", "attachments", "theme_triggers", "subject"}
MAX_LINES = 8
LINE_HEIGHT = 15  # points per line of 11 pt text
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_BOLD = Font(bold=True)


def _cell_value(value: str) -> str:
    # openpyxl refuses control characters that XML 1.0 cannot carry; broken mailers send them.
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _set_text(sheet: Worksheet, row: int, column: int, value: str) -> None:
    cell = sheet.cell(row=row, column=column, value=_cell_value(value))
    cell.data_type = "s"  # openpyxl would store "=..." as a formula; this is a reply's text
    cell.alignment = _WRAP


def _header(sheet: Worksheet, columns: tuple[str, ...]) -> None:
    for index, name in enumerate(columns, start=1):
        sheet.cell(row=1, column=index, value=name).font = _BOLD
        width = WIDTHS.get(name, 45 if name in WIDE else 20)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _finish(sheet: Worksheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _lines(value: str, width: float) -> int:
    """How many lines a wrapped cell of `width` characters needs for the value."""
    per_line = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(line) // per_line)) for line in value.splitlines() or [""])


def _fit_height(sheet: Worksheet, row: int, columns: tuple[str, ...]) -> None:
    # LibreOffice does not grow rows with wrapped text on opening; rows get a height
    # for the tallest cell, at most MAX_LINES lines (the cell holds the rest).
    lines = 1
    for index in range(1, len(columns) + 1):
        value = sheet.cell(row=row, column=index).value
        if isinstance(value, str):
            width = sheet.column_dimensions[get_column_letter(index)].width
            lines = max(lines, _lines(value, width))
    sheet.row_dimensions[row].height = min(lines, MAX_LINES) * LINE_HEIGHT


def _local(moment: datetime | None, tz: ZoneInfo) -> datetime | None:
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def _proposal_row(
    sheet: Worksheet, row: int, record: ExportRecord, tz: ZoneInfo, full: FullTexts
) -> None:
    values = flat_row(record, tz)
    for index, column in enumerate(COLUMNS, start=1):
        if column == "id":
            sheet.cell(row=row, column=index, value=record.id).alignment = _TOP
        elif column == "received_at":
            cell = sheet.cell(row=row, column=index, value=_local(record.received_at, tz))
            cell.number_format = DATE_FORMAT
            cell.alignment = _TOP
        else:
            _set_text(sheet, row, index, full.fit(values[column], record.id, column))
    _fit_height(sheet, row, COLUMNS)


def _attachment_row(sheet: Worksheet, row: int, att: AttachmentRecord) -> None:
    sheet.cell(row=row, column=1, value=att.proposal_id).alignment = _TOP
    for index, value in enumerate((att.path, att.detected_type, att.method), start=2):
        _set_text(sheet, row, index, value)
    sheet.cell(row=row, column=5, value=att.size).alignment = _TOP
    _set_text(sheet, row, 6, att.error)
    _fit_height(sheet, row, ATTACHMENT_COLUMNS)


def export_xlsx(
    records: Iterable[ExportRecord], output: Path, tz: ZoneInfo
) -> tuple[int, list[Path]]:
    """Write the workbook atomically; returns the row count and the full-text files written."""
    book = Workbook()
    proposals = book.active
    proposals.title = PROPOSAL_SHEET
    attachments = book.create_sheet(ATTACHMENT_SHEET)
    _header(proposals, COLUMNS)
    _header(attachments, ATTACHMENT_COLUMNS)
    full = FullTexts(output)
    count = attached = 0
    for record in records:
        count += 1
        _proposal_row(proposals, count + 1, record, tz, full)
        for att in record.attachments:
            attached += 1
            _attachment_row(attachments, attached + 1, att)
    _finish(proposals, len(COLUMNS), count)
    _finish(attachments, len(ATTACHMENT_COLUMNS), attached)
    with atomic_file(output, "wb") as handle:
        book.save(handle)
    return count, full.written
