"""The review workflow on the sample inbox: review, bulk review, history, tag, list filters,
search, duplicates, analyse, show and stats, through the real `hoering` entry point."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from hoering.config import load_config
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import write_config
from tests.kit.paths import SAMPLE_INBOX

# Proposal ids of the sample inbox (files in order, 09 is a copy of 08, 12-14 not replies).
NORDLYS, KOMMUNE, REGION, FORENING, CAMPAIGN_A, CAMPAIGN_B = 5, 6, 7, 8, 9, 10


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample inbox imported once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("sample")
    config = write_config(folder)
    mp = pytest.MonkeyPatch()
    try:
        with pytest.raises(SystemExit) as done:
            argv = ["hoering", "import", "--config", str(config), str(SAMPLE_INBOX)]
            mp.setattr("sys.argv", argv)
            from hoering import cli

            cli.main()
            raise SystemExit(0)
    finally:
        mp.undo()
    assert done.value.code in (0, None)
    return folder


@pytest.fixture
def config(template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "db"
    shutil.copytree(template, folder)
    return folder / "hoering.toml"


def proposal(config: Path, proposal_id: int) -> models.Proposal:
    sessions = open_database(load_config(config).store_url)
    with sessions() as session:
        row = session.get_one(models.Proposal, proposal_id)
        _ = row.themes, row.notes
        return row


def test_review_sets_fields_and_audits_each_change(config, capsys, monkeypatch) -> None:
    code, out, _ = run(
        capsys, monkeypatch, "review", "--config", str(config), str(NORDLYS),
        "--status", "Under-Behandling", "--decision", "ikke-optaget",
        "--reason", "Uden for handlingsplanens rammer", "--assign", "mette", "--by", "karen",
    )  # fmt: skip
    assert code == 0 and "1 of 1 proposal changed by karen" in out
    row = proposal(config, NORDLYS)
    assert (row.status, row.decision, row.assignee) == ("under behandling", "ikke optaget", "mette")
    code, out, _ = run(capsys, monkeypatch, "history", "--config", str(config), str(NORDLYS))
    assert code == 0 and "4 ændringer" in out
    assert "karen" in out and "ny" in out and "ikke optaget" in out


def test_review_takes_assignee_as_candidate_review_does(config, capsys, monkeypatch) -> None:
    # `candidate review` sets the assignee with --assignee; a reviewer's habit works here too.
    args = ("review", "-c", str(config), str(NORDLYS), "--assignee", "mette")
    code, out, err = run(capsys, monkeypatch, *args)
    assert code == 0 and "1 of 1 proposal changed" in out, err
    assert proposal(config, NORDLYS).assignee == "mette"


def test_reviewer_defaults_to_hoering_user(config, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HOERING_USER", "Lise Holm")
    run(capsys, monkeypatch, "review", "-c", str(config), str(REGION), "--note", "Ring til Anne")
    with open_database(load_config(config).store_url)() as session:
        event = session.scalars(select(models.AuditEvent)).one()
        note = session.scalars(select(models.Note)).one()
    assert (event.by, event.field, event.new_value) == ("Lise Holm", "note", "Ring til Anne")
    assert note.author == "Lise Holm"


def test_invalid_status_exits_2_with_the_allowed_values(config, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "review", "-c", str(config), "5", "--status", "færdig")
    assert code == 2
    assert '"ny", "under behandling", "behandlet"' in err


def test_bulk_review_needs_a_filter_or_all(config, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "review", "-c", str(config), "--status", "behandlet")
    assert code == 2 and "--all" in err


def test_bulk_review_by_theme_changes_only_matching(config, capsys, monkeypatch) -> None:
    code, out, _ = run(
        capsys, monkeypatch, "review", "-c", str(config), "--where-theme",
        "åbne data og open source", "--where-status", "ny", "--status", "under behandling",
    )  # fmt: skip
    assert code == 0 and "8 of 8 proposals changed" in out
    code, out, _ = run(capsys, monkeypatch, "list", "-c", str(config), "--status", "ny")
    assert "5 proposals" in out


def test_list_filters_by_type_and_language(config, capsys, monkeypatch) -> None:
    _, out, _ = run(capsys, monkeypatch, "list", "-c", str(config), "--type", "Offentlig-Myndighed")
    assert "Nordby Kommune" in out or "Nordby" in out
    assert "Region" in out or "Anne" in out
    _, out, _ = run(capsys, monkeypatch, "list", "-c", str(config), "--language", "en")
    assert "0 proposals" in out


def test_reviewer_type_survives_analyse(config, capsys, monkeypatch) -> None:
    run(capsys, monkeypatch, "review", "-c", str(config), str(NORDLYS), "--type", "organisation")
    code, out, _ = run(capsys, monkeypatch, "analyse", "-c", str(config))
    assert code == 0 and "analysed 13 proposals" in out
    row = proposal(config, NORDLYS)
    assert (row.respondent_type, row.respondent_type_source) == ("organisation", "reviewer")


def test_removed_theme_stays_removed_after_retagging(config, capsys, monkeypatch) -> None:
    code, _, _ = run(
        capsys, monkeypatch, "tag", "-c", str(config), str(NORDLYS),
        "--remove", "aabne-data", "--add", "co-creation", "--by", "ole",
    )  # fmt: skip
    assert code == 0
    run(capsys, monkeypatch, "analyse", "-c", str(config))
    active = {t.theme for t in proposal(config, NORDLYS).themes if t.active}
    assert "aabne-data" not in active and "co-creation" in active
    _, out, _ = run(capsys, monkeypatch, "history", "-c", str(config), str(NORDLYS))
    assert "2 ændringer" in out and "tema" in out


def test_unknown_theme_exits_2(config, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "tag", "-c", str(config), "5", "--add", "sport")
    assert code == 2 and "transparens og ansvarsplacering" in err


def test_search_ranks_with_snippets_and_folds_case(config, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "search", "-c", str(config), "ÅBNE data")
    assert code == 0 and "[åbne] [data]" in out.lower()


def test_duplicates_shows_the_campaign_and_its_additions(config, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "duplicates", "-c", str(config), "--refresh")
    assert code == 0
    assert "13 raw" in out and "12 independent" in out
    assert "Group 1: 2 replies (form letter)" in out
    assert "kommunerne skal være med i whistleblowerordningen" in out


def test_show_has_respondent_review_themes_and_group(config, capsys, monkeypatch) -> None:
    run(capsys, monkeypatch, "review", "-c", str(config), str(CAMPAIGN_B), "--status", "behandlet")
    code, out, _ = run(capsys, monkeypatch, "show", "-c", str(config), str(CAMPAIGN_B))
    assert code == 0
    assert "borger" in out and "behandlet" in out and "1 (hoering history" in out
    assert "transparens og ansvarsplacering" in out and "ord:" in out
    assert "gruppe 1 (skabelonbrev): 2 svar" in out


def test_stats_reports_raw_and_distinct(config, capsys, monkeypatch) -> None:
    _, out, _ = run(capsys, monkeypatch, "stats", "-c", str(config))
    assert "13 raw, 13 distinct texts, 12 independent" in out


@pytest.mark.parametrize("command", ["review", "tag", "history", "search", "duplicates", "analyse"])
def test_review_commands_have_help(capsys, monkeypatch, command: str) -> None:
    code, out, _ = run(capsys, monkeypatch, command, "--help")
    assert code == 0 and f"Usage: hoering {command}" in out and "--config" in out


def test_show_and_list_use_the_same_flag_labels_as_the_exports(config, capsys, monkeypatch) -> None:
    # File 01: a citizen forwards her reply as an attached .eml under "vedhæftede forslag".
    code, out, _ = run(capsys, monkeypatch, "show", "--config", str(config), "1")
    assert code == 0 and "kun bilag, videresendt" in out and "se vedhæftede" not in out
    code, out, _ = run(capsys, monkeypatch, "list", "--config", str(config))
    assert code == 0 and "videresendt" in out
