"""The initiative commands end to end: initiatives, initiative show|split|merge|retitle|
history, review on "12.2", export --per initiative, and the notat's initiative lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest

from hoering import config as config_module
from hoering import pipeline
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config

LETTER = (
    "Kære Digitaliseringsstyrelse\n\nVi foreslår følgende initiativer:\n\n"
    "1. Åbne budgetdata: Kommunerne offentliggør budgetter som åbne data.\n"
    "2. Lobbyregister: Møder med lobbyister registreres. Hertil kommer et nyt\n"
    "   krav om offentlige kalendere for ministre.\n\nMed venlig hilsen\nIda Holm\n"
)
SUBCOMMANDS = ["show", "split", "merge", "retitle", "history"]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = write_config(tmp_path)
    (tmp_path / "svar.eml").write_bytes(make_mail(body=LETTER, sender="Ida Holm <ida@x.dk>"))
    cfg = config_module.load_config(path)
    assert pipeline.import_paths(cfg, open_database(cfg.store_url), [tmp_path]).stored == 1
    return path


def hoering(capsys, monkeypatch, config: Path, *args: str) -> str:
    code, out, err = run(capsys, monkeypatch, *args, "--config", str(config))
    assert code == 0, err
    return out


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_initiative_subcommands_have_help(capsys, monkeypatch, command: str) -> None:
    code, out, _ = run(capsys, monkeypatch, "initiative", command, "--help")
    assert code == 0 and "Usage" in out


def test_initiatives_lists_ids_reviewers_can_type(capsys, monkeypatch, config: Path) -> None:
    out = hoering(capsys, monkeypatch, config, "initiatives")
    assert "2 initiativer" in out
    assert "1.1" in out and "Åbne budgetdata" in out and "1.2" in out


def test_review_sets_an_initiatives_decision(capsys, monkeypatch, config: Path) -> None:
    out = hoering(
        capsys, monkeypatch, config, "review", "1.2", "--decision", "optaget", "--by", "ane"
    )
    assert "1 of 1 initiative changed by ane" in out
    assert "optaget" in hoering(capsys, monkeypatch, config, "initiative", "show", "1.2")
    assert "beslutning" in hoering(capsys, monkeypatch, config, "initiative", "history", "1.2")
    listed = hoering(capsys, monkeypatch, config, "initiatives", "--decision", "ingen")
    assert "1.1" in listed and "1.2" not in listed


def test_split_merge_and_retitle_by_hand(capsys, monkeypatch, config: Path) -> None:
    out = hoering(
        capsys, monkeypatch, config, "initiative", "split", "1.2", "--at", "hertil  KOMMER",
        "--title", "Offentlige kalendere",
    )  # fmt: skip
    assert "1.3 'Offentlige kalendere'" in out
    hoering(capsys, monkeypatch, config, "initiative", "retitle", "1.1", "Åbne kommunale budgetter")
    listed = hoering(capsys, monkeypatch, config, "initiatives")
    assert "Åbne kommunale budgetter *" in listed and "Offentlige kalendere *" in listed
    hoering(capsys, monkeypatch, config, "initiative", "merge", "1.2", "1.3")
    hoering(capsys, monkeypatch, config, "analyse")
    assert "2 initiativer" in hoering(capsys, monkeypatch, config, "initiatives")


def test_unknown_initiative_is_one_line_and_exit_2(capsys, monkeypatch, config: Path) -> None:
    code, _, err = run(capsys, monkeypatch, "initiative", "show", "1.9", "--config", str(config))
    assert code == 2 and "no initiative 1.9" in err


def test_export_per_initiative_has_its_own_text_and_the_sender(
    capsys, monkeypatch, config: Path, tmp_path: Path
) -> None:
    output = tmp_path / "initiativer.csv"
    args = ("export", "--per", "initiative", "--profile", "rfc4180", "-o", str(output))
    hoering(capsys, monkeypatch, config, *args)
    rows = list(csv.DictReader(io.StringIO(output.read_text("utf-8"))))
    assert [(r["reply_id"], r["initiative"], r["title"]) for r in rows] == [
        ("1", "1", "Åbne budgetdata"), ("1", "2", "Lobbyregister"),
    ]  # fmt: skip
    assert rows[0]["text"] == "1. Åbne budgetdata: Kommunerne offentliggør budgetter som åbne data."
    assert (rows[0]["sender_email"], rows[0]["status"]) == ("ida@x.dk", "ny")
    manifest = json.loads(output.with_name("initiativer.csv.manifest.json").read_text())
    assert manifest["per"] == "initiative"


def test_export_per_initiative_jsonl_and_xlsx(capsys, monkeypatch, config, tmp_path) -> None:
    jsonl, xlsx = tmp_path / "i.jsonl", tmp_path / "i.xlsx"
    args = ("export", "--per", "initiative", "--format")
    hoering(capsys, monkeypatch, config, *args, "jsonl", "-o", str(jsonl))
    first = json.loads(jsonl.read_text("utf-8").splitlines()[0])
    assert (first["reply_id"], first["initiative"], first["id"]) == (1, 1, "1.1")
    out = hoering(
        capsys,
        monkeypatch,
        config,
        *args,
        "xlsx",
        "-o",
        str(xlsx),
        "--theme",
        "åbne data og open source",
    )
    assert "wrote 1 initiative" in out


def test_notat_names_an_initiative_by_its_summary_under_its_candidate(
    capsys, monkeypatch, config, tmp_path
) -> None:
    # The notat's section 3 is prose per candidate since issue 19: who proposes, then what.
    output = tmp_path / "notat.docx"
    hoering(capsys, monkeypatch, config, "notat", "-o", str(output))
    paragraphs = [p.text for p in docx.Document(str(output)).paragraphs]
    assert any("Kommunerne offentliggør budgetter som åbne data." in p for p in paragraphs)


def test_export_per_initiative_pseudonymizes_a_citizen(capsys, monkeypatch, tmp_path) -> None:
    body = "Vi foreslår:\n\n- Åbne data: Ida Holm vil have ida@x.dk's data.\n- Lobbyregister\n"
    (tmp_path / "svar.eml").write_bytes(make_mail(body=body, sender="Ida Holm <ida@x.dk>"))
    config = write_config(tmp_path)
    cfg = config_module.load_config(config)
    pipeline.import_paths(cfg, open_database(cfg.store_url), [tmp_path])
    output = tmp_path / "i.csv"
    args = ("export", "--per", "initiative", "--pseudonymize", "-o", str(output))
    hoering(capsys, monkeypatch, config, *args)
    written = output.read_text("utf-8-sig")
    assert "Ida" not in written and "ida@x.dk" not in written and "Borger 1" in written


def test_respondent_type_on_an_initiative_is_refused_before_any_change(
    capsys, monkeypatch, config: Path
) -> None:
    args = ("review", "1", "1.2", "--type", "virksomhed", "--config", str(config))
    code, _, err = run(capsys, monkeypatch, *args)
    assert code == 2 and "not on initiatives" in err
    assert "borger" in hoering(capsys, monkeypatch, config, "show", "1")


def test_a_review_that_changes_nothing_says_so_and_leaves_no_trail(
    capsys, monkeypatch, config: Path
) -> None:
    out = hoering(capsys, monkeypatch, config, "review", "1", "--status", "ny", "--by", "ane")
    assert "no change: 1 proposal already as asked" in out
    assert "Ingen ændringer endnu." in hoering(capsys, monkeypatch, config, "history", "1")
    out = hoering(capsys, monkeypatch, config, "review", "1.1", "--decision", "ingen")
    assert "no change: 1 initiative already as asked" in out
    trail = hoering(capsys, monkeypatch, config, "initiative", "history", "1.1")
    assert "Ingen ændringer endnu." in trail
