"""Characters XML 1.0 forbids never reach an export: every format, one sanitizer.

The replies here are what broken mailers send: ESC from terminal colour codes, U+FFFE from
UTF-16 read with the wrong byte order, U+FFFF from a mangled subject. The exports run
through export.run (what `hoering export`, `hoering notat` and the web's export buttons
call) and the files are opened with openpyxl and python-docx.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from hoering.export.csv_export import PROFILES, export_csv
from hoering.export.jsonl_export import export_jsonl
from hoering.export.notat import Consultation
from hoering.export.notat_build import build_notat
from hoering.export.notat_docx import write_notat_docx
from hoering.export.notat_model import NotatSettings
from hoering.export.run import ExportOptions, run_notat
from hoering.export.views import AttachmentView, ReplyView, ThemeView
from hoering.export.xlsx_export import export_xlsx
from hoering.export.xml_text import xml_text
from hoering.parse.model import Attachment
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ, add, export, parsed

# What XML 1.0 has no place for (its Char production), written out independently of the code.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BODY = "Kære styrelse\n\nVi foreslår\ufffe åbne data\x1b[1m nu.\n\nHilsen\nIda"
SUBJECT = "OGP-høring: forslag\uffff om data"
CONSULTATION = Consultation("Udkast til handlingsplan", date(2017, 7, 3), date(2017, 8, 20), TZ)


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(f"sqlite:///{tmp_path / 'h.db'}")
    text = Attachment("noter.txt", "noter.txt", "text/plain", "text", 9, "a" * 64, "bilag\x1b")
    add(database, parsed(body=BODY, subject=SUBJECT, attachments=(text,)))
    return database


def test_xml_text_drops_what_xml_forbids() -> None:
    assert xml_text("a\x00b\x1bc\ufffed\uffffe\ud800f\udfffg") == "abcdefg"


def test_xml_text_keeps_tab_newlines_and_c1_controls() -> None:
    # C1 controls are legal XML; they show a mis-decoded text the reader should see.
    assert xml_text("a\tb\nc\r\nd\x85e\x96") == "a\tb\nc\r\nd\x85e\x96"


def test_xml_text_turns_form_feed_and_vertical_tab_into_line_breaks() -> None:
    assert xml_text("side 1\x0cside 2\x0blinje") == "side 1\nside 2\nlinje"


def test_xml_text_drops_the_other_noncharacters() -> None:
    assert xml_text("a\ufdd0b\ufdefc\U0001fffed\U0010ffffe") == "abcde"


def test_xml_text_leaves_danish_and_emoji_alone() -> None:
    assert xml_text("Søren Ærø på gården 😀") == "Søren Ærø på gården 😀"


def _cells(path: Path) -> list[str]:
    book = load_workbook(path)
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


@pytest.mark.parametrize("profile", ["excel", "rfc4180"])
def test_xlsx_of_a_reply_with_forbidden_characters_opens(db, tmp_path: Path, profile) -> None:
    export(db, tmp_path / "svar.xlsx", "xlsx", profile=profile)
    cells = _cells(tmp_path / "svar.xlsx")
    assert "OGP-høring: forslag om data" in cells
    assert any("Vi foreslår åbne data[1m nu." in cell for cell in cells)
    assert not [cell for cell in cells if FORBIDDEN.search(cell)]


def test_xlsx_per_initiative_of_such_a_reply_opens(db, tmp_path: Path) -> None:
    export(db, tmp_path / "initiativer.xlsx", "xlsx", per="initiative")
    cells = _cells(tmp_path / "initiativer.xlsx")
    assert "Vi foreslår åbne data[1m nu" in cells  # the title
    assert not [cell for cell in cells if FORBIDDEN.search(cell)]


@pytest.mark.parametrize("profile", ["excel", "rfc4180"])
@pytest.mark.parametrize("per", ["reply", "initiative"])
def test_csv_of_such_a_reply_carries_no_forbidden_character(db, tmp_path, profile, per) -> None:
    export(db, tmp_path / "svar.csv", "csv", profile=profile, per=per)
    text = (tmp_path / "svar.csv").read_text("utf-8-sig")
    assert "Vi foreslår åbne data[1m nu." in text and not FORBIDDEN.search(text)


@pytest.mark.parametrize("per", ["reply", "initiative"])
def test_jsonl_of_such_a_reply_carries_no_forbidden_character(db, tmp_path, per) -> None:
    export(db, tmp_path / "svar.jsonl", "jsonl", per=per)
    row = json.loads((tmp_path / "svar.jsonl").read_text("utf-8"))
    texts = json.dumps(row, ensure_ascii=False)
    assert "Vi foreslår åbne data[1m nu." in texts and not FORBIDDEN.search(texts)
    if per == "reply":
        assert row["subject"] == "OGP-høring: forslag om data"
        assert row["attachments"][0]["text"] == "bilag"


def _docx_texts(path: Path) -> list[str]:
    doc = Document(str(path))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return [paragraph.text for paragraph in doc.paragraphs] + cells


def test_notat_of_such_a_reply_opens(db, tmp_path: Path) -> None:
    out = tmp_path / "notat.docx"
    with db() as session:
        run_notat(session, ProposalFilter(), out, ExportOptions("notat"), CONSULTATION)
    texts = _docx_texts(out)
    assert any("Vi foreslår åbne data[1m nu" in text for text in texts)
    assert not [text for text in texts if FORBIDDEN.search(text)]


def _record_with_a_lone_surrogate() -> ReplyView:
    # SQLite (and PostgreSQL) refuse to store a lone surrogate, so it is put in a record:
    # Python makes them from undecodable bytes with errors="surrogateescape".
    attachment = AttachmentView(1, 0, "a\udcff.txt", "a\udcff.txt", "text", "none", 3, "", "", "x")
    return ReplyView(
        1, datetime(2017, 8, 10, 10, 16, tzinfo=TZ), None, False, "Ida\udcff", "ida@x.dk",
        "Ida\udcff", "", "borger", "", "Emne\ud800", (ThemeView("t", "tema\udcff", ()),),
        "ny", "", "", "", "", "", "da", (), ("ref\udcff",), (attachment,), "m@x", "fil",
        "Forslag\udcff om data.", "Forslag\udcff om data.",
    )  # fmt: skip


def test_a_record_cleans_a_lone_surrogate_when_it_is_made() -> None:
    record = _record_with_a_lone_surrogate()
    assert (record.subject, record.sender_name, record.references) == ("Emne", "Ida", ("ref",))
    assert (record.themes[0].label, record.attachments[0].path) == ("tema", "a.txt")


def test_every_writer_takes_a_record_that_held_a_lone_surrogate(tmp_path: Path) -> None:
    record = _record_with_a_lone_surrogate()
    export_xlsx([record], tmp_path / "svar.xlsx", TZ)
    export_csv([record], tmp_path / "svar.csv", PROFILES["rfc4180"], TZ)
    export_jsonl([record], tmp_path / "svar.jsonl")
    notat = build_notat([record], [], [], NotatSettings(CONSULTATION.title, date(2017, 9, 1), TZ))
    write_notat_docx(notat, tmp_path / "notat.docx", "", None)
    assert "Emne" in _cells(tmp_path / "svar.xlsx")
    assert next(csv.DictReader((tmp_path / "svar.csv").open(encoding="utf-8")))["subject"] == "Emne"
    assert json.loads((tmp_path / "svar.jsonl").read_text("utf-8"))["subject"] == "Emne"
    assert "1 borger har afgivet høringssvar." in _docx_texts(tmp_path / "notat.docx")
