"""--json on list, show, stats and failures; progress only on a terminal; what -v says."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.kit.cli import run, summary
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import ROOT, SAMPLE_INBOX


@pytest.fixture
def imported(sample_imported: Path) -> Path:
    """The sample inbox imported once per session: these tests only read it."""
    return sample_imported


def documented_keys() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("### JSON output", 1)[1].split("\n## ", 1)[0]


def keys_of(document, prefix: str = "") -> set[str]:
    """Every key, nested ones as parent.child (list items as parent[].child)."""
    keys: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            keys.add(prefix + key)
            keys |= keys_of(value, f"{prefix}{key}.")
    elif isinstance(document, list) and document:
        keys |= keys_of(document[0], prefix[:-1] + "[].")
    return keys


@pytest.mark.parametrize("args", [["list"], ["show", "4"], ["stats"], ["failures"]])
def test_json_is_one_document_with_documented_keys(imported, capsys, monkeypatch, args) -> None:
    code, out, _ = run(capsys, monkeypatch, *args, "--json", "-c", str(imported))
    assert code == 0
    document = json.loads(out)  # one document: the whole of stdout parses
    section = documented_keys()
    undocumented = {k for k in keys_of(document) if f"`{k.rsplit('.', 1)[-1]}`" not in section}
    assert undocumented == set()


def test_list_json_has_every_proposal(imported, capsys, monkeypatch) -> None:
    document = json.loads(run(capsys, monkeypatch, "list", "--json", "-c", str(imported))[1])
    assert document["count"] == 13 == len(document["proposals"])
    assert {p["late"] for p in document["proposals"]} == {True, False}


def test_show_json_has_the_attachments_and_text(imported, capsys, monkeypatch) -> None:
    document = json.loads(run(capsys, monkeypatch, "show", "4", "--json", "-c", str(imported))[1])
    assert document["id"] == 4 and document["attachment_list"][0]["method"] == "text-layer"
    assert "--- Vedhæftet fil: Høringssvar OGP.pdf ---" in document["text"]


def test_show_json_ends_with_the_general_remarks(imported, capsys, monkeypatch) -> None:
    # Reply 9, a citizen's campaign letter, adds a paragraph of its own beside the proposal.
    said = json.loads(run(capsys, monkeypatch, "show", "9", "--json", "-c", str(imported))[1])
    assert list(said)[-1] == "remarks"
    assert "Personligt har jeg oplevet, hvor svært det er" in said["remarks"]
    silent = json.loads(run(capsys, monkeypatch, "show", "5", "--json", "-c", str(imported))[1])
    assert silent["remarks"] is None


def test_show_json_of_unknown_id_is_the_usual_error(imported, capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, "show", "999", "--json", "-c", str(imported))
    assert (code, out, err) == (2, "", "hoering: no proposal with id 999\n")


def test_rerun_says_already_stored(sample_copy, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "import", "-c", str(sample_copy), str(SAMPLE_INBOX))
    assert code == 0
    assert (
        summary(out) == "seen 17, matched 14, stored 0, already stored 13, duplicates 1, failed 0"
    )


def test_search_limit_says_how_many_matched_in_all(imported, capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "search", "OGP", "--limit", "3", "-c", str(imported))
    assert code == 0 and out.startswith("13 matches, best 3 shown:")


def test_verbose_names_the_stored_proposals_not_alembic(tmp_path, capsys, monkeypatch) -> None:
    config = write_config(tmp_path)
    mail = tmp_path / "svar.eml"
    mail.write_bytes(make_mail())
    code, _, err = run(capsys, monkeypatch, "-v", "import", "-c", str(config), str(mail))
    assert code == 0 and "Context impl" not in err and "alembic" not in err
    assert "stored proposal 1 from " in err and "OGP-høring" in err


def test_no_progress_output_when_not_a_terminal(tmp_path, capsys, monkeypatch) -> None:
    # cron: the summary line and nothing else.
    config = write_config(tmp_path)
    code, out, err = run(capsys, monkeypatch, "import", "-c", str(config), str(SAMPLE_INBOX))
    assert code == 0 and err == "" and out.count("\n") == 1


def test_progress_is_drawn_on_a_terminal(tmp_path) -> None:
    config = write_config(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    command = [sys.executable, "-m", "hoering", "import", "-c", str(config), str(SAMPLE_INBOX)]
    with subprocess.Popen(
        command, stdin=follower, stdout=subprocess.PIPE, stderr=follower, env=env
    ) as process:
        os.close(follower)
        stdout, _ = process.communicate(timeout=300)
        drawn = b""
        try:
            while chunk := os.read(leader, 65536):
                drawn += chunk
        except OSError:  # EIO: the terminal's other end is closed
            pass
        os.close(leader)
    assert process.returncode == 0 and summary(stdout.decode()).startswith(
        "seen 17, matched 14, stored 13"
    )
    assert b"importing" in drawn
