"""Excel workbooks (.xlsx, .xlsm) with openpyxl: cell values only, one line per row."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from hoering.parse.extracted import ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.ooxml import LIBRARY_DAMAGE, check_package
from hoering.parse.text import normalize_text

# openpyxl parses with defusedxml when it is installed (a dependency here), which adds
# SyntaxError (its ParseError) to what escapes on damaged packages.
_DAMAGED = (*LIBRARY_DAMAGE, SyntaxError)


def extract_xlsx_text(data: bytes, limits: ExtractLimits) -> str:
    """Each sheet under an "Ark: <name>" line, its non-empty rows as "a | b | c"."""
    check_package(data, limits, "not an .xlsx file (old .xls?)")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InvalidFileException:
        raise ExtractionError("not a valid Excel workbook") from None
    except _DAMAGED as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in openpyxl)") from None
    try:
        blocks = [_sheet(sheet) for sheet in workbook.worksheets]
    except _DAMAGED as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in openpyxl)") from None
    finally:
        workbook.close()
    return normalize_text("\n\n".join(block for block in blocks if block))


def _sheet(sheet: Any) -> str:
    lines = []
    for row in sheet.iter_rows(values_only=True):
        cells = [cell_text(value) for value in row if value is not None]
        cells = [cell for cell in cells if cell]
        if cells:
            lines.append(" | ".join(cells))
    return "\n".join([f"Ark: {sheet.title}", *lines]) if lines else ""


def cell_text(value: Any) -> str:
    """A value as Excel would show it without formats: 3 not 3.0, dates as ISO."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return " ".join(str(value).split())
