"""A reviewer's side of the bruttoliste, through the CLI in-process: review, merge, move,
split, retitle, history and undo of candidates; re-analysis keeps what a reviewer touched;
the decision that stands for an initiative in the exports; migration 0021."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from alembic import command
from sqlalchemy import select

from hoering import pipeline
from hoering.pipeline.rederive import rederive
from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail
from tests.test_candidates import grouping, imported

LOBBY = frozenset({"1.1", "2.1", "3.1"})


def candidate_of(sessions, ref: str) -> int:
    reply, number = (int(part) for part in ref.split("."))
    with sessions() as session:
        Ini = models.Initiative
        query = select(Ini.candidate_id).where(Ini.proposal_id == reply, Ini.number == number)
        return session.scalars(query).one()


def hoering(capsys, monkeypatch, path: Path, *args: str) -> str:
    monkeypatch.setenv("HOERING_USER", "ida")  # the reviewer, as --by would name her
    code, out, err = run(capsys, monkeypatch, *args, "--config", str(path))
    assert code == 0, err
    return out


def test_merge_joins_two_candidates_and_undo_parts_them(capsys, monkeypatch, tmp_path) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    before = grouping(sessions)
    keep, gone = candidate_of(sessions, "1.2"), candidate_of(sessions, "4.1")
    hoering(capsys, monkeypatch, path, "candidate", "merge", str(keep), str(gone))
    assert frozenset({"1.2", "4.1"}) in grouping(sessions)
    hoering(capsys, monkeypatch, path, "candidate", "undo", str(keep))
    assert grouping(sessions) == before
    out = hoering(capsys, monkeypatch, path, "candidate", "history", str(gone))
    assert "slog sammen (fortrudt ved #" in out and "fortrød" in out and "ida" in out


def test_move_to_a_new_candidate_is_kept_through_analyse(capsys, monkeypatch, tmp_path) -> None:
    path, cfg, sessions = imported(tmp_path, one_run_each=False)
    lobby = candidate_of(sessions, "1.1")
    out = hoering(capsys, monkeypatch, path, "candidate", "move", "3.1", "new")
    moved_to = candidate_of(sessions, "3.1")
    assert f"moved 3.1 to candidate {moved_to}" in out
    rederive(cfg, sessions)
    assert candidate_of(sessions, "3.1") == moved_to
    assert candidate_of(sessions, "1.1") == candidate_of(sessions, "2.1") == lobby
    assert frozenset({"3.1"}) in grouping(sessions)


def test_split_moves_the_named_initiatives_and_undo_puts_them_back(
    capsys, monkeypatch, tmp_path
) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    lobby = candidate_of(sessions, "1.1")
    hoering(capsys, monkeypatch, path, "candidate", "split", str(lobby), "--initiatives", "2.1,3.1")
    assert {frozenset({"1.1"}), frozenset({"2.1", "3.1"})} <= grouping(sessions)
    hoering(capsys, monkeypatch, path, "candidate", "undo", str(lobby))
    assert LOBBY in grouping(sessions)


def test_retitle_and_review_stay_through_analyse(capsys, monkeypatch, tmp_path) -> None:
    path, cfg, sessions = imported(tmp_path, one_run_each=False)
    lobby = str(candidate_of(sessions, "1.1"))
    hoering(capsys, monkeypatch, path, "candidate", "retitle", lobby, "Et lobbyregister")
    hoering(capsys, monkeypatch, path, "candidate", "review", lobby,
            "--decision", "indgår i det videre OGP-samarbejde", "--assignee", "bo")  # fmt: skip
    rederive(cfg, sessions)
    out = hoering(capsys, monkeypatch, path, "candidate", "show", lobby)
    assert "Et lobbyregister" in out and "indgår i det videre OGP-samarbejde" in out
    assert LOBBY in grouping(sessions)


def test_a_new_initiative_joins_a_reviewed_candidate_as_new_until_reviewed(
    capsys, monkeypatch, tmp_path
) -> None:
    path, cfg, sessions = imported(tmp_path, one_run_each=False)
    lobby = str(candidate_of(sessions, "1.1"))
    hoering(capsys, monkeypatch, path, "candidate", "review", lobby, "--decision", "optaget")
    later = tmp_path / "later"
    later.mkdir()
    body = "Vi foreslår et register over lobbyister, som alle kan se.\n"
    (later / "svar5.eml").write_bytes(make_mail(body=body, sender="Person 5 <p5@x.dk>"))
    pipeline.import_paths(cfg, sessions, [later])
    assert candidate_of(sessions, "5.1") == int(lobby)
    assert "1 ny siden sidste vurdering" in hoering(capsys, monkeypatch, path, "candidates")
    rederive(cfg, sessions)  # re-analysis does not make it seen
    assert "1 ny siden sidste vurdering" in hoering(
        capsys, monkeypatch, path, "candidate", "show", lobby
    )
    hoering(capsys, monkeypatch, path, "candidate", "review", lobby, "--status", "behandlet")
    assert "siden sidste vurdering" not in hoering(capsys, monkeypatch, path, "candidates")


def test_a_stale_revision_is_refused(capsys, monkeypatch, tmp_path) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    lobby = str(candidate_of(sessions, "1.1"))
    shown = hoering(capsys, monkeypatch, path, "candidate", "show", lobby)
    assert re.search(r"Revision +0\b", shown)
    hoering(capsys, monkeypatch, path, "candidate", "review", lobby, "--assignee", "bo",
            "--revision", "0")  # fmt: skip
    code, _, err = run(capsys, monkeypatch, "candidate", "review", lobby, "--assignee", "ib",
                       "--revision", "0", "--config", str(path))  # fmt: skip
    assert code == 2 and f"candidate {lobby} was changed" in err
    # A revision it never had (the README's "--revision 3" on a fresh candidate) says so.
    code, _, err = run(capsys, monkeypatch, "candidate", "review", lobby, "--assignee", "ib",
                       "--revision", "9", "--config", str(path))  # fmt: skip
    assert code == 2 and f"candidate {lobby} has no revision 9 yet (it is at revision" in err


def test_candidate_review_takes_assign_as_review_does(capsys, monkeypatch, tmp_path) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    lobby = str(candidate_of(sessions, "1.1"))
    hoering(capsys, monkeypatch, path, "candidate", "review", lobby, "--assign", "bo")
    shown = hoering(capsys, monkeypatch, path, "candidate", "show", lobby)
    assert re.search(r"Sagsbehandler +bo\b", shown)


def test_an_unknown_decision_is_refused_and_a_configured_one_is_taken(
    capsys, monkeypatch, tmp_path
) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    lobby = str(candidate_of(sessions, "1.1"))
    args = ("candidate", "review", lobby, "--decision", "sendes videre")
    code, _, err = run(capsys, monkeypatch, *args, "--config", str(path))
    assert code == 2 and "ikke OGP-relevant" in err
    with path.open("a", encoding="utf-8") as file:
        file.write('\n[review]\ndecisions = ["sendes videre"]\n')
    hoering(capsys, monkeypatch, path, *args)


def test_the_export_gives_an_initiative_its_candidates_decision_unless_it_has_its_own(
    capsys, monkeypatch, tmp_path
) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    lobby = str(candidate_of(sessions, "1.1"))
    hoering(capsys, monkeypatch, path, "candidate", "review", lobby,
            "--decision", "ikke OGP-relevant", "--reason", "fælles")  # fmt: skip
    hoering(capsys, monkeypatch, path, "review", "2.1", "--decision", "optaget")
    hoering(capsys, monkeypatch, path, "review", "4", "--decision", "uden for rammen")
    output = tmp_path / "initiatives.csv"
    args = ("export", "--per", "initiative", "--profile", "rfc4180", "-o", str(output))
    hoering(capsys, monkeypatch, path, *args)
    with output.open(encoding="utf-8", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    assert rows["1.1"]["decision"] == rows["3.1"]["decision"] == "ikke OGP-relevant"
    assert rows["1.1"]["reason"] == "fælles"
    assert rows["2.1"]["decision"] == "optaget"
    assert rows["4.1"]["decision"] == "uden for rammen"  # the reply's
    assert rows["1.2"]["decision"] == ""


def test_migration_0021_adds_candidate_review_to_a_database_made_at_0017(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0017")
    engine.dispose()
    sessions = open_database(url)  # upgrades to head
    with sessions() as session:
        assert session.scalars(select(models.CandidateEvent)).all() == []
        assert session.scalars(select(models.Initiative.candidate_pinned)).all() == []
    engine = make_engine(url)
    command.downgrade(_alembic_config(engine), "0017")
    engine.dispose()
