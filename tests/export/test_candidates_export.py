"""`hoering export --per candidate` (one row per candidate of the bruttoliste) and the
`candidate` column at the end of every `--per initiative` export, from the real CLI over
the imported sample inbox, the files opened as a spreadsheet or a program would."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from hoering.config import load_config
from hoering.export.candidate_view import supporters_phrase
from hoering.export.candidates_export import CANDIDATE_COLUMNS, PEOPLE_CANDIDATE_COLUMNS
from hoering.export.initiatives_export import PEOPLE_INITIATIVE_COLUMNS
from hoering.pipeline import import_paths
from hoering.store import models
from hoering.store.candidates import Supporter, list_candidates
from hoering.store.db import open_database
from hoering.vocab import NoteTarget
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

# A citizen who names herself in her initiative: the candidate's title and summary are her
# words, so the candidate row must hide her name wherever her own reply's row does. Her
# ask is one no sample reply makes (waiting lists would join the region's waiting times).
NAMED = "Kirsten Mørk"
NAMED_BODY = (
    "Kirsten Mørk foreslår, at kommunens svømmehaller offentliggør deres besøgstal hver måned.\n"
)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("candidates-export")
    path = write_config(folder)
    named = folder / "named.eml"
    sender = f"{NAMED} <kirsten@borgernet.example>"
    named.write_bytes(make_mail(body=NAMED_BODY, sender=sender, message_id="<k@b.example>"))
    cfg = load_config(path)
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [SAMPLE_INBOX, named])  # one run: one parse pool started
    sessions.kw["bind"].dispose()
    return path


@pytest.fixture
def export(capsys, monkeypatch, config: Path, tmp_path: Path):
    def write(name: str, *options: str) -> Path:
        output = tmp_path / name
        code, _, err = run(
            capsys, monkeypatch, "export", "-c", str(config), "-o", str(output), *options
        )
        assert code == 0, err
        return output

    return write


def stored(config: Path):
    cfg = load_config(config)
    return open_database(cfg.store_url)


def test_supporters_name_organisations_and_count_citizens() -> None:
    supporters = [
        Supporter("KL", "organisation", 1), Supporter("Ida Holm", "borger", 2),
        Supporter("Dansk Erhverv", "virksomhed", 3), Supporter("KL", "organisation", 4),
        *(Supporter(f"Borger {n}", "borger", 10 + n) for n in range(3)),
    ]  # fmt: skip
    assert supporters_phrase(supporters) == "KL, Dansk Erhverv og 4 borgere"
    assert supporters_phrase(supporters[1:2]) == "1 borger"
    assert supporters_phrase(supporters[:1]) == "KL"


def test_candidate_xlsx_has_a_row_per_candidate_most_replies_first(export, config) -> None:
    sheet = openpyxl.load_workbook(export("kandidater.xlsx", "--per", "candidate")).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == [header for _, header in PEOPLE_CANDIDATE_COLUMNS]
    with stored(config)() as session:
        views = list_candidates(session)
    assert [row[0].value for row in rows[1:]] == [str(view.candidate.id) for view in views]
    assert all(row[0].data_type == "s" for row in rows[1:])  # ids are text
    replies = [row[5].value for row in rows[1:]]
    assert replies == sorted(replies, reverse=True) and replies[0] > 1
    first = {name: cell.value for name, cell in zip(CANDIDATE_COLUMNS, rows[1], strict=True)}
    assert first["title"] == views[0].candidate.title
    assert first["supporters"].endswith("og 2 borgere")
    assert first["initiatives"] == len(views[0].initiatives)


def test_candidate_csv_and_jsonl_hold_the_same_rows(export) -> None:
    machine = export("kandidater.csv", "--per", "candidate", "--profile", "rfc4180")
    with machine.open(encoding="utf-8") as handle:
        from_csv = list(csv.DictReader(handle))
    lines = export("kandidater.jsonl", "--per", "candidate").read_text("utf-8").splitlines()
    from_jsonl = [json.loads(line) for line in lines]
    assert [row["id"] for row in from_csv] == [str(row["id"]) for row in from_jsonl]
    assert isinstance(from_jsonl[0]["id"], int) and isinstance(from_jsonl[0]["replies"], int)
    assert from_csv[0]["supporters"] == from_jsonl[0]["supporters"]
    assert list(from_jsonl[0]) == list(CANDIDATE_COLUMNS)


def test_a_citizens_name_in_a_candidate_is_pseudonymized(export) -> None:
    def cells(*options: str) -> str:
        return export("k.jsonl", "--per", "candidate", *options).read_text("utf-8")

    assert "Mørk" in cells()  # her words are a candidate's title
    hidden = cells("--pseudonymize")
    assert "Mørk" not in hidden and "Kirsten" not in hidden and "Borger" in hidden


def test_theme_keeps_the_candidates_with_that_theme(export) -> None:
    lines = export("k.jsonl", "--per", "candidate", "--theme", "antikorruption").read_text()
    rows = [json.loads(line) for line in lines.splitlines()]
    assert rows and all("antikorruption" in row["themes"] for row in rows)


def test_filters_that_pick_replies_are_refused(capsys, monkeypatch, config, tmp_path) -> None:
    output = tmp_path / "k.csv"
    code, _, err = run(
        capsys, monkeypatch, "export", "-c", str(config), "-o", str(output),
        "--per", "candidate", "--status", "ny",
    )  # fmt: skip
    assert code == 2 and "--theme only" in err and not output.exists()


def test_initiative_exports_end_with_the_candidate_id(export, config) -> None:
    with stored(config)() as session:
        placed = {
            row.ref: str(row.candidate_id) for row in session.scalars(select(models.Initiative))
        }
    machine = export("i.csv", "--per", "initiative", "--profile", "rfc4180")
    with machine.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "candidate"
    assert {row[0]: row[-1] for row in rows[1:]} == placed
    sheet = openpyxl.load_workbook(
        export("i.xlsx", "--per", "initiative", "--profile", "rfc4180")
    ).active
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "candidate"
    cells = [row[-1] for row in sheet.iter_rows(min_row=2)]
    assert {cell.value for cell in cells} == set(placed.values())
    assert all(cell.data_type == "s" for cell in cells)
    lines = export("i.jsonl", "--per", "initiative").read_text("utf-8").splitlines()
    last = json.loads(lines[0])
    assert list(last)[-1] == "candidate" and str(last["candidate"]) == placed[last["id"]]


def test_people_get_initiatives_in_danish_printed_on_a4_and_ids_as_text(export) -> None:
    book = openpyxl.load_workbook(export("i.xlsx", "--per", "initiative"))
    sheet = book.active
    assert [cell.value for cell in sheet[1]] == [h for _, h in PEOPLE_INITIATIVE_COLUMNS]
    assert sheet[1][0].value == "Nr." and sheet[1][8].value == "Beslutning"
    rows = list(sheet.iter_rows(min_row=2))
    column = {key: n for n, (key, _) in enumerate(PEOPLE_INITIATIVE_COLUMNS)}
    assert all(row[0].data_type == "s" and "." in row[0].value for row in rows)  # "12.10"
    assert all(isinstance(row[column["reply_id"]].value, int) for row in rows)
    received = rows[0][column["received_at"]]
    assert received.is_date and received.number_format == "dd.mm.yyyy hh:mm"
    assert {row[column["late"]].value for row in rows} <= {"ja", "nej"}
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.print_title_rows == "$1:$1"
    assert sheet.oddHeader.center.text == "Initiativer"
    assert sheet.oddFooter.center.text == "Side &P af &N"
    assert sheet.print_area == "'Initiativer'!$A$1:$J$" + str(len(rows) + 1)


def test_an_unprinted_long_column_does_not_make_a_row_tall(export, config) -> None:
    with stored(config).begin() as session:
        initiative = session.scalars(select(models.Initiative).order_by(models.Initiative.id))
        first = initiative.first()
        note = "Se også\n" * 40
        kind = NoteTarget.INITIATIVE
        session.add(models.Note(target_kind=kind, target_id=first.id, author="lise", text=note))
        ref = first.ref
    sheet = openpyxl.load_workbook(export("i.xlsx", "--per", "initiative")).active
    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == ref]
    notes = [key for key, _ in PEOPLE_INITIATIVE_COLUMNS].index("notes")
    assert row[notes].value.count("Se også") == 40
    tall = sheet.row_dimensions[row[0].row].height
    assert tall < 12 * 13  # the printed columns' lines, not the notes' forty


def test_people_get_the_bruttoliste_in_danish_with_ids_as_text(export) -> None:
    sheet = openpyxl.load_workbook(export("k.xlsx", "--per", "candidate")).active
    assert [cell.value for cell in sheet[1]][:3] == ["Nr.", "Titel", "Resumé"]
    rows = list(sheet.iter_rows(min_row=2))
    assert all(row[0].data_type == "s" for row in rows)
    assert all(isinstance(row[5].value, int) for row in rows)  # Svar: a count
    assert sheet.oddHeader.center.text == "Bruttoliste" and sheet.page_setup.fitToWidth == 1
    with export("k.csv", "--per", "candidate").open(encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle, delimiter=";"))
    assert header == [h for _, h in PEOPLE_CANDIDATE_COLUMNS]


def test_people_csv_of_initiatives_has_danish_words_and_dates(export) -> None:
    with export("i.csv", "--per", "initiative").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert list(rows[0]) == [header for _, header in PEOPLE_INITIATIVE_COLUMNS]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", rows[0]["Modtaget"])
    assert {row["For sent"] for row in rows} <= {"ja", "nej"}
