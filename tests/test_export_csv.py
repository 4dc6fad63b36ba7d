"""The CSV handed to the drafting team: Excel-safe by default, RFC 4180 on request."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from export.csv_export import COLUMNS, DIALECTS, EXCEL_CELL_LIMIT, export_csv, neutralize_formula
from parse.model import Attachment, ParsedMessage
from store import messages
from store.db import open_database
from store.queries import ProposalFilter, iter_proposals

TZ = ZoneInfo("Europe/Copenhagen")


def parsed(body: str = "Linje 1\nLinje 2", subject: str = "OGP-høring: åbne data", **kw):
    fields = dict(
        message_id="a@b",
        subject=subject,
        sender_name="Søren Ærø",
        sender_email="soren@borgernet.example",
        sent_at=datetime.fromisoformat("2017-08-10T10:15:00+02:00"),
        received_at=datetime.fromisoformat("2017-08-10T10:16:00+02:00"),
        body_text=body,
        body_source="text/plain",
    )
    fields.update(kw)
    return ParsedMessage(**fields)


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'h.db'}")


def add(db, p: ParsedMessage, *, late: bool = False, key: str = "k1") -> None:
    source = messages.Source("file", "/tmp/x.eml", None, None)
    with db.begin() as session:
        raw = messages.add_raw_message(session, key, "0" * 64, p.message_id, b"raw", None)
        messages.add_proposal(
            session,
            raw,
            p,
            received_at=p.received_at,
            late=late,
            combined_text=p.body_text,
            source=source,
        )


def export(db, tmp_path: Path, dialect: str = "excel") -> bytes:
    out = tmp_path / "svar.csv"
    with db() as session:
        export_csv(iter_proposals(session, ProposalFilter()), out, DIALECTS[dialect], TZ)
    return out.read_bytes()


def rows(data: bytes, dialect: str = "excel") -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(
        csv.DictReader(io.StringIO(text, newline=""), delimiter=DIALECTS[dialect].delimiter)
    )


def test_excel_dialect_has_bom_semicolons_and_crlf(db, tmp_path: Path) -> None:
    add(db, parsed())
    data = export(db, tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].split(b"\r\n")[0] == ";".join(COLUMNS).encode()


def test_rfc4180_dialect_has_commas_and_no_bom(db, tmp_path: Path) -> None:
    add(db, parsed())
    data = export(db, tmp_path, "rfc4180")
    assert data.startswith(b"id,received_at,")
    assert rows(data, "rfc4180")[0]["sender_name"] == "Søren Ærø"


def test_multiline_text_stays_in_one_quoted_cell(db, tmp_path: Path) -> None:
    add(db, parsed(body="Første afsnit\n\nAndet afsnit; med semikolon"))
    [row] = rows(export(db, tmp_path))
    assert row["text"] == "Første afsnit\n\nAndet afsnit; med semikolon"


def test_late_is_written_as_true_or_false(db, tmp_path: Path) -> None:
    add(db, parsed(), late=True, key="k1")
    add(db, parsed(message_id="c@d"), late=False, key="k2")
    assert [r["late"] for r in rows(export(db, tmp_path))] == ["true", "false"]


def test_received_at_is_local_time_with_offset(db, tmp_path: Path) -> None:
    add(db, parsed())
    assert rows(export(db, tmp_path))[0]["received_at"] == "2017-08-10T10:16:00+02:00"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_cells_are_neutralized(db, tmp_path: Path, start: str) -> None:
    # A hostile sender can put =HYPERLINK(...) in a subject; Excel would run it.
    add(db, parsed(subject=f'{start}HYPERLINK("http://x")'))
    assert rows(export(db, tmp_path))[0]["subject"].startswith("'" + start)


def test_plain_cells_are_not_touched() -> None:
    assert neutralize_formula("OGP-høring") == "OGP-høring"
    assert neutralize_formula("") == ""


def test_attachments_column_lists_name_type_and_error(db, tmp_path: Path) -> None:
    atts = (
        Attachment("svar.pdf", "svar.pdf", "application/octet-stream", "pdf", 10, "x", "tekst"),
        Attachment(
            "låst.pdf", "låst.pdf", "application/pdf", "pdf", 5, "y", error="pdf: encrypted"
        ),
    )
    add(db, parsed(attachments=atts))
    cell = rows(export(db, tmp_path))[0]["attachments"]
    assert cell == "svar.pdf (pdf)\nlåst.pdf (pdf: pdf: encrypted)"


def test_overlong_cell_is_truncated_for_excel_with_a_marker(db, tmp_path: Path) -> None:
    add(db, parsed(body="ord " * 20_000))
    [row] = rows(export(db, tmp_path))
    assert len(row["text"]) == EXCEL_CELL_LIMIT
    assert row["text"].endswith("hele teksten: hoering show 1]")
    [full] = rows(export(db, tmp_path, "rfc4180"), "rfc4180")
    assert len(full["text"]) == len("ord " * 20_000)


def test_export_writes_nothing_partial_on_failure(db, tmp_path: Path) -> None:
    out = tmp_path / "svar.csv"
    out.write_text("old")

    def broken():
        raise RuntimeError("boom")
        yield

    with pytest.raises(RuntimeError):
        export_csv(broken(), out, DIALECTS["excel"], TZ)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".svar")] == []
