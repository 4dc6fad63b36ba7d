"""The CSV handed to the drafting team: Excel-safe by default, RFC 4180 on request."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from hoering.export.columns import PEOPLE_COLUMNS
from hoering.export.csv_export import (
    COLUMNS,
    PROFILES,
    export_csv,
    neutralize_formula,
)
from hoering.export.files import PAGE_CELL_CHARS, PAGE_CELL_LINES
from hoering.export.run import ExportOptions, run_export
from hoering.parse.model import Attachment
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ, add, parsed


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'h.db'}")


def export(db, tmp_path: Path, dialect: str = "excel", **options) -> bytes:
    out = tmp_path / "svar.csv"
    with db() as session:
        run_export(session, ProposalFilter(), out, ExportOptions("csv", dialect, **options), TZ)
    return out.read_bytes()


def rows(data: bytes, dialect: str = "excel") -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(
        csv.DictReader(io.StringIO(text, newline=""), delimiter=PROFILES[dialect].delimiter)
    )


def test_excel_dialect_has_bom_semicolons_and_crlf(db, tmp_path: Path) -> None:
    add(db, parsed())
    data = export(db, tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].split(b"\r\n")[0] == ";".join(h for _, h in PEOPLE_COLUMNS).encode()


def test_rfc4180_dialect_has_commas_and_no_bom(db, tmp_path: Path) -> None:
    add(db, parsed())
    data = export(db, tmp_path, "rfc4180")
    assert data.startswith(b"id,received_at,")
    assert rows(data, "rfc4180")[0]["sender_name"] == "Søren Ærø"


def test_multiline_text_stays_in_one_quoted_cell(db, tmp_path: Path) -> None:
    add(db, parsed(body="Første afsnit\n\nAndet afsnit; med semikolon"))
    [row] = rows(export(db, tmp_path))
    assert row["Hele teksten"] == "Første afsnit\n\nAndet afsnit; med semikolon"


def test_late_is_ja_or_nej_for_people_true_or_false_for_machines(db, tmp_path: Path) -> None:
    add(db, parsed(), late=True, key="k1")
    add(db, parsed(message_id="c@d"), late=False, key="k2")
    assert [r["For sent"] for r in rows(export(db, tmp_path))] == ["ja", "nej"]
    machine = rows(export(db, tmp_path, "rfc4180"), "rfc4180")
    assert [r["late"] for r in machine] == ["true", "false"]


def test_received_at_is_local_time_with_offset_for_machines(db, tmp_path: Path) -> None:
    add(db, parsed())
    machine = rows(export(db, tmp_path, "rfc4180"), "rfc4180")
    assert machine[0]["received_at"] == "2017-08-10T10:16:00+02:00"
    assert rows(export(db, tmp_path))[0]["Modtaget"] == "10.08.2017 10:16"


def test_people_profile_has_no_technical_columns(db, tmp_path: Path) -> None:
    add(db, parsed())
    [row] = rows(export(db, tmp_path))
    for technical in ("message_id", "source", "respondent_rule", "theme_triggers"):
        assert technical not in row
    headers = list(row)
    # Who sent it, then the substance right after.
    assert headers[:8] == [
        "Nr.", "Modtaget", "For sent", "Afsender", "Organisation", "Type", "Emne", "Forslag"
    ]  # fmt: skip


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_cells_are_neutralized(db, tmp_path: Path, start: str) -> None:
    # A hostile sender can put =HYPERLINK(...) in a subject; Excel would run it.
    add(db, parsed(subject=f'{start}HYPERLINK("http://x")'))
    assert rows(export(db, tmp_path))[0]["Emne"].startswith("'" + start)


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
    cell = rows(export(db, tmp_path))[0]["Vedhæftede filer"]
    assert cell == "svar.pdf (pdf)\nlåst.pdf (pdf: pdf: encrypted)"


def test_overlong_cell_is_truncated_with_a_marker_naming_the_full_text_file(
    db, tmp_path: Path
) -> None:
    add(db, parsed(body="ord " * 20_000))
    [row] = rows(export(db, tmp_path))
    assert len(row["Hele teksten"]) <= PAGE_CELL_CHARS
    assert row["Hele teksten"].endswith("[… afkortet; hele teksten: svar-fulltekst/1.txt]")
    assert (tmp_path / "svar-fulltekst" / "1.txt").read_text("utf-8") == "ord " * 20_000


def test_a_cut_column_s_file_is_named_for_its_danish_header(db, tmp_path: Path) -> None:
    # The reader of "Forslag" is told to open "1-forslag.txt", not "1-reply_text.txt".
    add(db, parsed(body="Vi foreslår åbne data. " * 100))
    [row] = rows(export(db, tmp_path))
    assert row["Forslag"].endswith("[… afkortet; hele teksten: svar-fulltekst/1-forslag.txt]")
    whole = (tmp_path / "svar-fulltekst" / "1-forslag.txt").read_text("utf-8")
    assert whole.startswith("Vi foreslår åbne data.") and len(whole) > PAGE_CELL_CHARS


def test_people_cells_show_document_headings_without_the_extraction_mark(
    db, tmp_path: Path
) -> None:
    # Text read from Word and ODT marks headings "# " for the initiative splitter; a
    # spreadsheet for the drafting team shows the heading as the document did.
    odt = Attachment(
        "svar.odt", "svar.odt", "application/vnd.oasis.opendocument.text", "odt", 10, "x",
        "# Høringssvar fra Foreningen\nVi foreslår åbne data.\n## Lobbyregister\nEt register.",
    )  # fmt: skip
    add(db, parsed(body="Se vedhæftede.", attachments=(odt,)))
    [row] = rows(export(db, tmp_path))
    assert "Høringssvar fra Foreningen\nVi foreslår åbne data.\nLobbyregister" in row["Forslag"]
    assert not any(line.startswith("#") for line in row["Forslag"].splitlines())


def test_people_csv_cuts_cells_of_many_lines_so_no_row_is_taller_than_a_page(
    db, tmp_path: Path
) -> None:
    # A reply of one short line per proposal: few characters, but a row taller than a page.
    body = "\n".join(f"Forslag {n}" for n in range(60))
    add(db, parsed(body=body))
    cell = rows(export(db, tmp_path))[0]["Hele teksten"]
    assert cell.count("\n") <= PAGE_CELL_LINES
    assert cell.endswith("[… afkortet; hele teksten: svar-fulltekst/1.txt]")


def test_rfc4180_profile_keeps_overlong_cells_whole(db, tmp_path: Path) -> None:
    add(db, parsed(body="ord " * 20_000))
    [full] = rows(export(db, tmp_path, "rfc4180"), "rfc4180")
    assert len(full["text"]) == len("ord " * 20_000)
    assert not (tmp_path / "svar-fulltekst").exists()


def test_formula_guard_can_be_turned_off_for_machines(db, tmp_path: Path) -> None:
    add(db, parsed(subject="=1+1 OGP-høring"))
    data = export(db, tmp_path, "rfc4180", formula_guard=False)
    assert rows(data, "rfc4180")[0]["subject"] == "=1+1 OGP-høring"


def test_formula_guard_is_on_in_the_rfc4180_profile_too(db, tmp_path: Path) -> None:
    add(db, parsed(subject="=1+1 OGP-høring"))
    assert rows(export(db, tmp_path, "rfc4180"), "rfc4180")[0]["subject"] == "'=1+1 OGP-høring"


def test_people_header_is_the_documented_stable_column_list() -> None:
    # README "Export columns"; new columns only at the end.
    assert [h for _, h in PEOPLE_COLUMNS] == [
        "Nr.", "Modtaget", "For sent", "Afsender", "Organisation", "Type", "Emne", "Forslag",
        "Temaer", "Status", "Beslutning", "Begrundelse", "Noter", "Sagsbehandler",
        "Markeringer", "E-mail", "Sendt af", "Dublet", "Sprog", "Referencer",
        "Vedhæftede filer", "Hele teksten",
    ]  # fmt: skip


def test_header_is_the_documented_stable_column_list(db, tmp_path: Path) -> None:
    # README "Export columns" documents these; spreadsheets and scripts depend on the order.
    assert COLUMNS == (
        "id", "received_at", "late", "sender_name", "sender_email", "respondent_name",
        "organisation", "respondent_type", "respondent_rule", "subject", "themes",
        "theme_triggers", "status", "decision", "reason", "notes", "assignee",
        "duplicate_group", "language", "flags", "references", "attachments", "message_id",
        "source", "reply_text", "text",
    )  # fmt: skip
    add(db, parsed())
    assert export(db, tmp_path, "rfc4180").split(b"\r\n")[0] == ",".join(COLUMNS).encode()


def test_review_respondent_and_theme_columns_are_filled(db, tmp_path: Path) -> None:
    body = "Hej\n\nStaten bør offentliggøre flere datasæt som åbne data.\n\nMvh\nSøren Ærø"
    add(db, parsed(body=body))
    [row] = rows(export(db, tmp_path))
    assert (row["Status"], row["Beslutning"], row["Type"]) == ("ny", "", "borger")
    assert "åbne data og open source" in row["Temaer"]
    assert row["Forslag"].startswith("Hej") and "Mvh" not in row["Forslag"]
    [machine] = rows(export(db, tmp_path, "rfc4180"), "rfc4180")
    assert "datasæt" in machine["theme_triggers"]


def test_export_writes_nothing_partial_on_failure(db, tmp_path: Path) -> None:
    out = tmp_path / "svar.csv"
    out.write_text("old")

    def broken():
        raise RuntimeError("boom")
        yield

    with pytest.raises(RuntimeError):
        export_csv(broken(), out, PROFILES["excel"], TZ)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".svar")] == []
