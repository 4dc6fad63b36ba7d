"""Excel workbooks made with openpyxl: values only, a heading per sheet."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl

from hoering.parse.attachments import extract_attachment


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def extract(payload: bytes):
    return extract_attachment("svar.xlsx", "svar.xlsx", "application/octet-stream", payload)


def test_sheets_rows_and_values() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Forslag"
    sheet.append(["Nr", "Forslag", "Dato", "Beløb"])
    sheet.append([1, "Åbne data om høringer", datetime(2017, 8, 1), 2.5])
    workbook.create_sheet("Tom")
    workbook.create_sheet("Noter")["B2"] = "Bemærk fristen"
    attachment = extract(workbook_bytes(workbook))
    assert (attachment.detected_type, attachment.method, attachment.error) == ("xlsx", "xlsx", None)
    assert attachment.text == (
        "Ark: Forslag\nNr | Forslag | Dato | Beløb\n1 | Åbne data om høringer | 2017-08-01 | 2.5"
        "\n\nArk: Noter\nBemærk fristen"
    )


def test_formulas_give_their_cached_value_not_the_formula() -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "=SUM(1,2)"  # openpyxl stores no cached value: nothing to show
    workbook.active["A2"] = "Tekst"
    assert extract(workbook_bytes(workbook)).text == "Ark: Sheet\nTekst"


def test_empty_workbook_has_no_text() -> None:
    attachment = extract(workbook_bytes(openpyxl.Workbook()))
    assert (attachment.text, attachment.error) == ("", "xlsx: no text")


def test_damaged_workbook_is_recorded() -> None:
    payload = workbook_bytes(openpyxl.Workbook())
    attachment = extract(payload[: len(payload) // 2])
    assert attachment.error is not None and attachment.error.startswith("xlsx: ")
