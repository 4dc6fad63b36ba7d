"""Export buttons: the CLI's export and notat, with the list's filters, as downloads."""

from __future__ import annotations

import csv
import io

import openpyxl
from docx import Document
from starlette.testclient import TestClient

from tests.kit.web import submit


def test_xlsx_of_the_filtered_list(client: TestClient) -> None:
    answer = submit(client, "/export", {"format": "xlsx", "type": "virksomhed"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith('attachment; filename="hoeringssvar-')
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).worksheets[0]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(ids) == [4, 5, 13]


def test_csv_with_the_search_and_the_rfc4180_profile(client: TestClient) -> None:
    wanted = {"format": "csv", "profile": "rfc4180", "q": "lobbyister"}
    answer = submit(client, "/export", wanted)
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))
    assert sorted(int(row["id"]) for row in rows) == [9, 10]


def test_cpr_never_leaves_and_redact_hides_addresses(client: TestClient) -> None:
    plain = submit(client, "/export", {"format": "csv"}).content.decode("utf-8-sig")
    redacted = submit(client, "/export", {"format": "csv", "redact": "1"}).content
    assert "010180-1234" not in plain  # the sample's CPR number, in reply 2
    address = "soeren.joergensen@borgernet.example"
    assert redacted.decode("utf-8-sig").count(address) < plain.count(address)


def test_notat_is_a_docx(client: TestClient) -> None:
    answer = submit(client, "/export", {"format": "notat"})
    assert answer.headers["content-disposition"].endswith('.docx"')
    document = Document(io.BytesIO(answer.content))
    assert any("Høringsnotat" in p.text for p in document.paragraphs)


def test_unknown_format_is_400(client: TestClient) -> None:
    assert submit(client, "/export", {"format": "pdf"}).status_code == 400
