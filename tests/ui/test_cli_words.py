"""One language per command: the reviewer's commands that show decisions, initiatives and
candidates speak Danish with the glossary's words (the operator's `list` stays English)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from hoering import glossary
from hoering.store import models
from tests.kit.cli import run
from tests.test_candidates import imported

# The English headers and words these commands printed before, and the desk's old words.
ENGLISH = re.compile(
    r"\b(Received|Sender|Subject|Late|Source|Body from|Raw mail|Attachments|Warnings|Text|"
    r"Decision|Reason|Assignee|Changes|Themes|Initiatives|Duplicates|Respondent|Language|"
    r"Flags|References|When|Who|Field|What|Old|New|No changes|undone|initiatives|Id|"
    r"declared|method|extractor|none|kept|Tildelt|afgørelse)\b"
)
DANISH_COMMANDS = [
    ("show", "1"),
    ("history", "1"),
    ("initiatives",),
    ("initiative", "show", "1.1"),
    ("initiative", "history", "1.1"),
    ("candidates",),
    ("candidate", "show", "{lobby}"),
    ("candidate", "history", "{lobby}"),
]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory):
    """The small bruttoliste corpus with a reply, an initiative and a candidate reviewed."""
    from tests.kit.cli import run_shared

    path, _, sessions = imported(tmp_path_factory.mktemp("words"), one_run_each=False)
    with sessions() as session:
        Ini = models.Initiative
        lobby = session.scalars(select(Ini.candidate_id).where(Ini.proposal_id == 2)).one()
    for args in (
        ("review", "1", "--decision", "optaget", "--reason", "God idé", "--assign", "ida"),
        ("review", "1.1", "--decision", "ikke optaget", "--note", "Se kandidaten"),
        ("candidate", "review", str(lobby), "--decision", "ikke OGP-relevant"),
        ("candidate", "retitle", str(lobby), "Et lobbyregister"),
        ("candidate", "undo", str(lobby)),
    ):
        code, _, err = run_shared(*args, "--by", "ida", "--config", str(path))
        assert code == 0, err
    return path, lobby


@pytest.mark.parametrize("command", DANISH_COMMANDS, ids=" ".join)
def test_a_reviewers_command_speaks_danish(reviewed, command, capsys, monkeypatch) -> None:
    path, lobby = reviewed
    args = [part.format(lobby=lobby) for part in command]
    code, out, err = run(capsys, monkeypatch, *args, "--config", str(path))
    assert code == 0, err
    assert not ENGLISH.findall(out), out


def test_the_decision_and_assignee_are_the_glossarys_words(reviewed, capsys, monkeypatch) -> None:
    path, lobby = reviewed
    for args in (("show", "1"), ("initiative", "show", "1.1"), ("candidate", "show", str(lobby))):
        _, out, _ = run(capsys, monkeypatch, *args, "--config", str(path))
        assert glossary.DECISION in out and glossary.ASSIGNEE in out, args
    _, out, _ = run(capsys, monkeypatch, "candidate", "history", str(lobby), "--config", str(path))
    assert "beslutning: ikke OGP-relevant" in out and "fortrudt ved #" in out
