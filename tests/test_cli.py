"""The command line over the offline import: list, show, export, stats, help and errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from hoering import cli
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

COMMANDS = ["poll", "import", "list", "show", "export", "stats", "reparse"]


@pytest.fixture
def imported(sample_imported: Path) -> Path:
    """The sample inbox imported once per session: these tests only read it."""
    return sample_imported


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys, monkeypatch, command: str) -> None:
    code, out, _ = run(capsys, monkeypatch, command, "--help")
    callback = next(
        c.callback for c in cli.app.registered_commands if c.callback.__name__.strip("_") == command
    )
    assert code == 0 and f"Usage: hoering {command}" in out and "--config" in out
    assert callback.__doc__.splitlines()[0] in " ".join(out.split())


def test_list_shows_every_proposal(imported: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "list", "--config", str(imported))
    assert code == 0
    assert "13 proposals" in out and "Søren Ærø Jørgensen" in out and "late" in out


def test_list_filters_late_and_search(imported: Path, capsys, monkeypatch) -> None:
    _, out, _ = run(capsys, monkeypatch, "list", "--config", str(imported), "--late")
    assert "1 proposal\n" in out and "Region Sydkyst" in out
    # Search folds Danish letters: "ÅBNE DATA" finds "åbne data".
    _, out, _ = run(capsys, monkeypatch, "list", "--config", str(imported), "--search", "ÅBNE DATA")
    assert "0 proposals" not in out
    _, out, _ = run(capsys, monkeypatch, "list", "--config", str(imported), "--since", "2017-08-21")
    assert "1 proposal\n" in out


def test_search_and_list_search_find_the_same_compound_parts(
    imported: Path, capsys, monkeypatch
) -> None:
    # Measured before: `hoering search lobby` said "No matches" beside 3 "lobbyregister".
    config = str(imported)
    _, out, _ = run(capsys, monkeypatch, "search", "lobby", "--config", config)
    searched = {int(found) for found in re.findall(r"^\s*(\d+)  ", out, re.M)}
    _, listed, _ = run(capsys, monkeypatch, "list", "--json", "--search", "lobby", "-c", config)
    assert searched == {p["id"] for p in json.loads(listed)["proposals"]}
    assert len(searched) >= 3 and "[lobby]register" in out


def test_show_prints_fields_attachments_and_text(imported: Path, capsys, monkeypatch) -> None:
    _, out, _ = run(capsys, monkeypatch, "list", "--config", str(imported), "--search", "CVR")
    code, out, _ = run(capsys, monkeypatch, "show", "4", "--config", str(imported))
    assert code == 0
    assert "Høringssvar OGP.pdf" in out and "pdf (angivet application/octet-stream)" in out
    assert "metode text-layer" in out and "--- Vedhæftet fil: Høringssvar OGP.pdf ---" in out


def test_show_prints_the_general_remarks(imported: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "show", "9", "--config", str(imported))
    assert code == 0
    # Under its own rule, between the initiatives and the duplicate group.
    remarks = out.split(" Bemærkninger ", 1)[1].split(" Dubletter ", 1)[0]
    assert "Personligt har jeg oplevet, hvor svært det er" in " ".join(remarks.split())


@pytest.mark.parametrize("command", ["show", "history", "review", "tag", "reparse"])
def test_unknown_id_is_one_line_in_every_command(imported: Path, capsys, monkeypatch, command):
    changes = {"review": ["--status", "behandlet"], "tag": ["--add", "antikorruption"]}
    extra = changes.get(command, [])
    code, _, err = run(capsys, monkeypatch, command, "999", *extra, "--config", str(imported))
    assert (code, err) == (2, "hoering: no proposal with id 999\n")


def test_export_writes_a_csv_with_one_row_per_proposal(imported, tmp_path, capsys, monkeypatch):
    target = tmp_path / "svar.csv"
    code, out, _ = run(
        capsys, monkeypatch, "export", "--config", str(imported), "--output", str(target)
    )
    assert code == 0 and out.strip() == f"wrote 13 proposals to {target}"
    rows = list(
        csv.DictReader(io.StringIO(target.read_text("utf-8-sig"), newline=""), delimiter=";")
    )
    assert len(rows) == 13
    assert {r["For sent"] for r in rows} == {"ja", "nej"}  # the people profile


def test_export_rfc4180_dialect(imported, tmp_path, capsys, monkeypatch) -> None:
    target = tmp_path / "svar.csv"
    args = ["export", "--config", str(imported), "-o", str(target), "--dialect", "rfc4180"]
    assert run(capsys, monkeypatch, *args)[0] == 0
    assert target.read_bytes().startswith(b"id,received_at,")


def test_stats_reports_counts_and_last_run(imported: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "stats", "--config", str(imported))
    assert code == 0
    assert "Proposals:          13 (1 late)" in out
    assert "seen 17, matched 14, stored 13" in out


def test_missing_config_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HOERING_CONFIG", raising=False)
    code, _, err = run(capsys, monkeypatch, "list")
    assert code == 2
    assert err == "hoering: hoering.toml: config file not found (use --config or $HOERING_CONFIG)\n"


def test_invalid_config_names_the_key(tmp_path, capsys, monkeypatch) -> None:
    config = tmp_path / "h.toml"
    config.write_text('[store]\nurl = "sqlite:///h.db"\n[consultation]\ndeadline = "snart"\n')
    code, _, err = run(capsys, monkeypatch, "stats", "--config", str(config))
    assert code == 2 and "[consultation] deadline" in err and "Traceback" not in err


def test_config_from_environment_variable(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HOERING_CONFIG", str(write_config(tmp_path)))
    assert run(capsys, monkeypatch, "stats")[0] == 0


def test_import_of_missing_path_exits_2(tmp_path, capsys, monkeypatch) -> None:
    config = write_config(tmp_path)
    code, _, err = run(capsys, monkeypatch, "import", "-c", str(config), str(tmp_path / "nej"))
    assert code == 2 and "no such file or folder" in err


def test_partial_failure_exits_1(tmp_path, capsys, monkeypatch) -> None:
    config = write_config(tmp_path)
    (tmp_path / "tom.eml").write_bytes(b"")
    (tmp_path / "ok.eml").write_bytes(make_mail())
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"Subject: OGP-h\xf8ring\r\n\r\n")
    code, out, _ = run(capsys, monkeypatch, "import", "-c", str(config), str(broken))
    assert code in (0, 1) and ("failed 1" in out) == (code == 1)


def test_unopenable_database_exits_5_with_one_line(tmp_path, capsys, monkeypatch) -> None:
    config = tmp_path / "h.toml"
    config.write_text('[store]\nurl = "sqlite:///mangler/h.db"\n')
    code, _, err = run(capsys, monkeypatch, "import", "-c", str(config), str(SAMPLE_INBOX))
    assert code == 5
    assert err.startswith("hoering: cannot open database sqlite:///") and err.count("\n") == 1
