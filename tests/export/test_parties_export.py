"""`hoering export --per party` (issue 19 item 1): per respondent its initiatives with the
decision and reason that apply and where the decision comes from, from the real CLI over
the imported sample inbox, the files opened as a spreadsheet or a program would."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from hoering import glossary
from hoering.config import load_config
from hoering.export.parties_export import PARTY_COLUMNS, PEOPLE_PARTY_COLUMNS
from hoering.export.xlsx_export import LINE_HEIGHT
from hoering.pipeline import import_paths
from hoering.rules import duplicates
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config
from tests.kit.needs import missing
from tests.kit.paths import SAMPLE_INBOX

# Two replies that propose nothing: one has no remarks, one only general remarks.
SILENT = {
    "ingen": (
        "KL <post@kl.example>",
        "KL har ingen bemærkninger til høringen.\n\nMed venlig hilsen\nKL\n",
    ),
    "generelt": (
        "Dansk Byggeri <info@db.example>",
        "Dansk Byggeri støtter overordnet regeringens arbejde med åbenhed i den offentlige "
        "sektor og ser frem til den videre proces.\n\nMed venlig hilsen\nDansk Byggeri\n",
    ),
}


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The sample inbox with "ikke optaget" on every reply, "delvist optaget" on one
    candidate and "optaget" on one of that candidate's initiatives. The config, and the
    expected decision source per initiative ref of an organisation's or company's reply."""
    folder = tmp_path_factory.mktemp("parties-export")
    path = write_config(folder)
    for name, (sender, body) in SILENT.items():
        mail = make_mail(body=body, sender=sender, message_id=f"<{name}@x.example>")
        (folder / f"{name}.eml").write_bytes(mail)
    cfg = load_config(path)
    sessions = open_database(cfg.store_url)
    # One run: one parse pool started.
    import_paths(cfg, sessions, [SAMPLE_INBOX, *(folder / f"{name}.eml" for name in SILENT)])
    with sessions() as session:
        duplicates.refresh(session)
        for reply in session.scalars(select(models.Proposal)):
            reply.decision, reply.reason = "ikke optaget", "svarets begrundelse"
        rows = session.scalars(select(models.Initiative).order_by(models.Initiative.id)).all()
        named = [row for row in rows if row.candidate_id is not None]
        candidate = session.get(models.Candidate, named[0].candidate_id)
        candidate.decision, candidate.reason = "delvist optaget", "kandidatens begrundelse"
        members = [row for row in rows if row.candidate_id == candidate.id]
        members[0].decision, members[0].reason = "optaget", "initiativets begrundelse"
        expected = {row.ref: "reply" for row in rows if row.candidate_id != candidate.id}
        expected |= {row.ref: "candidate" for row in members[1:]}
        expected[members[0].ref] = "initiative"
        session.commit()
    sessions.kw["bind"].dispose()
    return path, expected


@pytest.fixture
def export(capsys, monkeypatch, decided, tmp_path: Path):
    def write(name: str, *options: str) -> Path:
        output = tmp_path / name
        code, _, err = run(
            capsys, monkeypatch, "export", "-c", str(decided[0]), "-o", str(output),
            "--per", "party", *options,
        )  # fmt: skip
        assert code == 0, err
        return output

    return write


REASONS = {
    "initiative": ("optaget", "initiativets begrundelse"),
    "candidate": ("delvist optaget", "kandidatens begrundelse"),
    "reply": ("ikke optaget", "svarets begrundelse"),
}


def test_party_jsonl_gives_each_initiative_the_decision_that_applies(export, decided) -> None:
    lines = (
        export(
            "parter.jsonl",
        )
        .read_text(encoding="utf-8")
        .splitlines()
    )
    rows = [json.loads(line) for line in lines]
    assert list(rows[0]) == list(PARTY_COLUMNS)
    proposing = [row for row in rows if row["initiative"]]
    sources = {row["decision_source"] for row in proposing}
    assert sources == {"initiative", "candidate", "reply"}
    for row in proposing:
        assert row["decision_source"] == decided[1][row["initiative"]], row
        assert (row["decision"], row["reason"]) == REASONS[row["decision_source"]]
        assert isinstance(row["replies"], list) and row["senders"] == len(row["replies"])


def test_party_rows_come_grouped_by_party(export) -> None:
    with export("parter.csv", "--profile", "rfc4180").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    order = [row["party"] for row in rows]
    runs = [name for index, name in enumerate(order) if index == 0 or order[index - 1] != name]
    assert len(runs) == len(set(runs))  # a party's rows never come back once another started
    assert runs.index("Nordby Kommune") < runs.index("Dataklar ApS") < runs.index("Mette Lund")
    candidates = [row for row in rows if row["candidate"]]
    assert candidates and all(row["candidate_title"] for row in candidates)


def test_a_campaign_is_one_party_naming_how_many_sent_it(export) -> None:
    lines = (
        export(
            "parter.jsonl",
        )
        .read_text(encoding="utf-8")
        .splitlines()
    )
    rows = [json.loads(line) for line in lines]
    campaign = [row for row in rows if "har sendt enslydende høringssvar" in row["party"]]
    assert campaign, [row["party"] for row in rows]
    count = campaign[0]["senders"]
    assert count >= 2 and campaign[0]["party"].startswith(f"{count} borgere")


def test_a_reply_proposing_nothing_gets_a_row_with_its_remarks(export) -> None:
    lines = (
        export(
            "parter.jsonl",
        )
        .read_text(encoding="utf-8")
        .splitlines()
    )
    rows = [json.loads(line) for line in lines]
    silent = [row for row in rows if not row["initiative"]]
    remarks = {row["party"]: row["remarks"] for row in silent}
    assert remarks["KL"] == "ingen bemærkninger"
    assert "støtter overordnet regeringens arbejde" in remarks["Dansk Byggeri"]
    assert all(row["decision_source"] == "reply" for row in silent)


def test_party_xlsx_has_danish_headers_text_ids_and_print_setup(export, decided) -> None:
    sheet = openpyxl.load_workbook(
        export(
            "parter.xlsx",
        )
    ).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == [header for _, header in PEOPLE_PARTY_COLUMNS]
    assert sheet.title == "Høringsparter"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    keys = [key for key, _ in PEOPLE_PARTY_COLUMNS]
    cells = [dict(zip(keys, row, strict=True)) for row in rows[1:]]
    assert all(row["replies"].data_type == "s" for row in cells)  # ids are text
    proposing = [row for row in cells if row["initiative"].value]
    assert all(row["initiative"].data_type == "s" for row in proposing)
    people = {"initiative": "initiativ", "candidate": "kandidat", "reply": "svar"}
    for row in proposing:
        source = decided[1][row["initiative"].value]
        assert row["decision_source"].value == people[source]
        assert row["decision"].value == REASONS[source][0]


def test_party_xlsx_header_row_is_as_tall_as_its_wrapped_headers(export) -> None:
    # "Antal afsendere" wraps in its narrow column: on one line's height it ran over row 2.
    sheet = openpyxl.load_workbook(export("parter.xlsx")).active
    assert sheet.row_dimensions[1].height >= 2 * LINE_HEIGHT


def test_party_people_csv_has_danish_headers(export) -> None:
    text = export("parter.csv").read_text(encoding="utf-8-sig")
    header = next(csv.reader(text.splitlines(), delimiter=";"))
    assert header == [header for _, header in PEOPLE_PARTY_COLUMNS]
    assert ";svar;" in text and ";kandidat;" in text and ";initiativ;" in text


def test_pseudonymized_party_export_names_no_citizen(export, decided) -> None:
    cfg = load_config(decided[0])
    sessions = open_database(cfg.store_url)
    with sessions() as session:
        citizens = session.scalars(
            select(models.Proposal).where(models.Proposal.respondent_type == "borger")
        ).all()
        # A citizen's own name; the library that sent one letter on keeps its name (README).
        names = {part for p in citizens for part in p.respondent_name.split() if len(part) > 2}
    sessions.kw["bind"].dispose()
    assert names
    for fmt, name in (("xlsx", "p.xlsx"), ("csv", "p.csv"), ("jsonl", "p.jsonl")):
        output = export(name, "--pseudonymize")
        if fmt == "xlsx":
            sheet = openpyxl.load_workbook(output).active
            text = "\n".join(str(c.value or "") for row in sheet.iter_rows() for c in row)
        else:
            text = output.read_text(encoding="utf-8-sig")
        assert not [name for name in names if name in text], fmt
        assert "Borger " in text


def test_reply_jsonl_initiatives_say_where_their_decision_comes_from(
    capsys, monkeypatch, decided, tmp_path: Path
) -> None:
    output = tmp_path / "svar.jsonl"
    code, _, err = run(capsys, monkeypatch, "export", "-c", str(decided[0]), "-o", str(output))
    assert code == 0, err
    replies = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    sources = {item["ref"]: item["decision_source"] for r in replies for item in r["initiatives"]}
    assert sources == decided[1]


def test_initiative_ids_in_the_people_csv_stay_as_written_in_any_locale(export, tmp_path) -> None:
    # "1.2" or "12.10" in a CSV cell: LibreOffice and Excel under an English locale read the
    # number 1.2 or 12.1, Danish Excel the date 12 October. Opened as a person would, with
    # LibreOffice's CSV import in both locales, every id cell keeps its text.
    refs = {
        json.loads(line)["initiative"]
        for line in export("parter.jsonl").read_text().split("\n")
        if line
    }
    refs.discard("")
    source = export("parter.csv")
    column = [header for _, header in PEOPLE_PARTY_COLUMNS].index(glossary.INITIATIVE) + 1
    for locale in ("1033", "1030"):  # en-US, da-DK
        shown = _open_csv_in_libreoffice(source, tmp_path / locale, locale)
        cells = [row[column - 1] for row in shown.iter_rows(min_row=2, values_only=True)]
        assert refs and refs <= {cell for cell in cells if isinstance(cell, str)}


def _open_csv_in_libreoffice(source: Path, folder: Path, locale: str):
    """The CSV as LibreOffice's import reads it (";", UTF-8, the locale's number rules), as
    a worksheet whose cells hold what LibreOffice computed."""
    if shutil.which("soffice") is None:
        missing("not installed: soffice (apt install libreoffice-calc-nogui)")
    folder.mkdir()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         f"--infilter=CSV:59,34,76,1,,{locale}", "--convert-to", "xlsx", "--outdir",
         str(folder), str(source)],
        check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    # data_only: the values LibreOffice shows, not the formulas behind them
    book = openpyxl.load_workbook(folder / f"{source.stem}.xlsx", data_only=True)
    return book.active
