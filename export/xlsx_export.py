"""XLSX export: sheet "Høringssvar" (one row per proposal) and sheet "Bilag" (attachments).

Cells are values only: text starting with "=" is written as a string, never as a formula.
Times are real spreadsheet date-times in the consultation's time zone (Excel has no time
zones), so sorting and filtering by date work; the CSV keeps ISO 8601 with the offset.
Made to be printed too: A4 landscape, fitted to the page width, the header row on every
page, row heights that fit the text up to MAX_LINES, one font.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hoering import glossary
from hoering.export.columns import PEOPLE, PRINTED_PEOPLE_COLUMNS, columns, file_names, row
from hoering.export.files import FullTexts, atomic_file
from hoering.export.views import AttachmentView, ReplyView

PROPOSAL_SHEET = "Høringssvar"
ATTACHMENT_SHEET = "Bilag"
ATTACHMENT_COLUMNS = {
    PEOPLE: (glossary.ID, "Fil", "Type", "Metode", "Størrelse (byte)", "Fejl"),
    "machine": ("proposal_id", "path", "type", "method", "size", "error"),
}
DATE_FORMAT = glossary.XLSX_DATE_TIME
FONT_NAME = "Arial"  # Liberation Sans in LibreOffice: same widths, so the same page breaks
FONT_SIZE = 10
# Characters wide; long texts get a wide, wrapped column, codes a narrow one. The twelve
# printed columns of the people profile add up to about one landscape page at 70 %.
WIDTHS = {
    "id": 6, "received_at": 16, "late": 8, "respondent_name": 16, "organisation": 18,
    "respondent_type": 11, "subject": 22, "reply_text": 50, "themes": 18, "status": 10,
    "decision": 11, "reason": 26, "language": 7, "text": 60, "sender_email": 22,
}  # fmt: skip
WIDE = {"reply_text", "text", "reason", "notes", "attachments", "theme_triggers", "subject"}
MAX_LINES = 12  # a taller row would be mostly one cell; the cell still holds all the text
LINE_HEIGHT = 13  # points per line of 10 pt text
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_TOP_LEFT = Alignment(vertical="top", horizontal="left")  # a date-time beside "nej"
_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
_BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)


def _set_text(sheet: Worksheet, row_: int, column: int, value: str) -> None:
    cell = sheet.cell(row=row_, column=column, value=value)  # XML-safe: export/xml_text.py
    cell.data_type = "s"  # openpyxl would store "=..." as a formula; this is a reply's text
    cell.alignment, cell.font = _WRAP, _FONT


def _set_value(sheet: Worksheet, row_: int, column: int, value, number_format: str = "") -> None:
    cell = sheet.cell(row=row_, column=column, value=value)
    cell.alignment, cell.font = _TOP, _FONT
    if number_format:
        cell.number_format = number_format


def _header(sheet: Worksheet, keys_and_headers: Iterable[tuple[str, str]]) -> None:
    for index, (key, header) in enumerate(keys_and_headers, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font, cell.alignment = _BOLD, _WRAP
        width = WIDTHS.get(key, 45 if key in WIDE else 14)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _print_setup(
    sheet: Worksheet, columns_: int, rows: int, printed: int | None = None, title: str = ""
) -> None:
    """Filter, A4 landscape fitted to one page wide, header row repeated on every page, the
    title above and "Side N af M" below each page."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns_)}{rows + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # inches
    sheet.oddFooter.center.text = "Side &P af &N"
    sheet.oddFooter.center.font = f"{FONT_NAME},Regular"
    sheet.oddFooter.center.size = FONT_SIZE
    if title:
        sheet.oddHeader.center.text = title.replace("&", "&&")  # "&" starts a code there
        sheet.oddHeader.center.font = f"{FONT_NAME},Bold"
        sheet.oddHeader.center.size = FONT_SIZE
    if printed:
        sheet.print_area = f"A1:{get_column_letter(printed)}{rows + 1}"


def _lines(value: str, width: float) -> int:
    """How many lines a wrapped cell of `width` characters needs for the value."""
    # Widths count the default font's digits; Arial 10 fits about 1.2 characters a digit.
    per_line = max(int(width * 1.2), 1)
    return sum(max(1, -(-len(line) // per_line)) for line in value.splitlines() or [""])


def _fit_height(sheet: Worksheet, row_: int, count: int) -> None:
    # LibreOffice does not grow rows with wrapped text on opening; rows get a height
    # for the tallest cell, at most MAX_LINES lines (the cell holds the rest).
    lines = 1
    for index in range(1, count + 1):
        value = sheet.cell(row=row_, column=index).value
        if isinstance(value, str):
            width = sheet.column_dimensions[get_column_letter(index)].width
            lines = max(lines, _lines(value, width))
    sheet.row_dimensions[row_].height = min(lines, MAX_LINES) * LINE_HEIGHT + 2


def _local(moment: datetime | None, tz: ZoneInfo) -> datetime | None:
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def _proposal_row(
    sheet: Worksheet, row_: int, record: ReplyView, tz: ZoneInfo, full: FullTexts, profile: str
) -> None:
    """One reply's cells; the row as tall as its printed columns need (not "Hele teksten")."""
    values = row(record, tz, profile)
    keys = [key for key, _ in columns(profile)]
    for index, key in enumerate(keys, start=1):
        if key == "id":
            _set_value(sheet, row_, index, record.id)
        elif key == "received_at":
            _set_value(sheet, row_, index, _local(record.received_at, tz), DATE_FORMAT)
            sheet.cell(row=row_, column=index).alignment = _TOP_LEFT
        else:
            _set_text(sheet, row_, index, full.fit(values[key], record.id, key))
    _fit_height(sheet, row_, PRINTED_PEOPLE_COLUMNS if profile == PEOPLE else len(keys))


def _attachment_row(sheet: Worksheet, row_: int, att: AttachmentView) -> None:
    _set_value(sheet, row_, 1, att.proposal_id)
    for index, value in enumerate((att.path, att.detected_type, att.method), start=2):
        _set_text(sheet, row_, index, value)
    _set_value(sheet, row_, 5, att.size)
    _set_text(sheet, row_, 6, att.error)
    _fit_height(sheet, row_, 6)


def _attachment_sheet(sheet: Worksheet, attachments: list[AttachmentView], profile: str) -> None:
    """Sorted by proposal id and position; columns as wide as their longest value (capped)."""
    headers = ATTACHMENT_COLUMNS[profile if profile == PEOPLE else "machine"]
    attachments.sort(key=lambda att: (att.proposal_id, att.position))
    values = [(att.path, att.detected_type, att.method, att.error) for att in attachments]
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font, cell.alignment = _BOLD, _WRAP
    for index, position in ((2, 0), (3, 1), (4, 2), (6, 3)):
        longest = max((len(v[position]) for v in values), default=0)
        # Arial 10 is narrower than the default font's digits the width counts.
        width = min(max(longest * 0.9, len(headers[index - 1])) + 2, 70)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for index, width in ((1, 6), (5, 16)):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    for number, att in enumerate(attachments, start=2):
        _attachment_row(sheet, number, att)
    _print_setup(sheet, len(headers), len(attachments))


def export_xlsx(
    records: Iterable[ReplyView], output: Path, tz: ZoneInfo, profile: str = PEOPLE
) -> tuple[int, list[Path]]:
    """Write the workbook atomically; returns the row count and the full-text files written."""
    book = Workbook()
    proposals = book.active
    proposals.title = PROPOSAL_SHEET
    keys_and_headers = columns(profile)
    _header(proposals, keys_and_headers)
    full = FullTexts(output, names=file_names(profile))
    count = 0
    attachments: list[AttachmentView] = []
    for record in records:
        count += 1
        _proposal_row(proposals, count + 1, record, tz, full, profile)
        attachments.extend(record.attachments)
    printed = PRINTED_PEOPLE_COLUMNS if profile == PEOPLE else None
    _print_setup(proposals, len(keys_and_headers), count, printed, title=PROPOSAL_SHEET)
    _attachment_sheet(book.create_sheet(ATTACHMENT_SHEET), attachments, profile)
    with atomic_file(output, "wb") as handle:
        book.save(handle)
    return count, full.written
