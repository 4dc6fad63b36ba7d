"""Excel 97-2003 workbooks (.xls, BIFF) with xlrd: cell values only, one line per row."""

from __future__ import annotations

import struct

import xlrd
from xlrd.biffh import XLRDError

from hoering.parse.extracted import ExtractionError
from hoering.parse.text import normalize_text
from hoering.parse.xlsx import cell_text

# What xlrd lets escape on damaged BIFF records and OLE2 containers.
_DAMAGED = (AssertionError, IndexError, KeyError, ValueError, TypeError, struct.error, EOFError)


def extract_xls_text(data: bytes) -> str:
    """Each sheet under an "Ark: <name>" line, its non-empty rows as "a | b | c"."""
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Silent())
    except XLRDError as exc:
        encrypted = "encrypted" in str(exc).lower()
        raise ExtractionError("encrypted" if encrypted else f"damaged ({exc})") from None
    except _DAMAGED as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in xlrd)") from None
    try:
        blocks = [_sheet(book, index) for index in range(book.nsheets)]
    except (XLRDError, *_DAMAGED) as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in xlrd)") from None
    finally:
        book.release_resources()
    return normalize_text("\n\n".join(block for block in blocks if block))


def _sheet(book: xlrd.book.Book, index: int) -> str:
    sheet = book.sheet_by_index(index)
    lines = []
    for row in range(sheet.nrows):
        cells = [_cell(book, cell) for cell in sheet.row(row)]
        cells = [cell for cell in cells if cell]
        if cells:
            lines.append(" | ".join(cells))
    return "\n".join([f"Ark: {sheet.name}", *lines]) if lines else ""


def _cell(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return cell_text(cell.value)


class _Silent:
    """xlrd writes warnings about odd records to a log file; nobody reads them here."""

    def write(self, _text: str) -> None:
        pass
