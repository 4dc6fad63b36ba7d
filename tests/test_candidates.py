"""Candidates end to end: import places initiatives incrementally, `hoering analyse` places
them again with the same grouping, the CLI lists and shows them; migration 0017."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import event, select

from hoering import config as config_module
from hoering import pipeline
from hoering.pipeline.rederive import rederive
from hoering.rules import candidates as rules_candidates
from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config

REPLIES = [
    "1. Lobbyregister: Vi foreslår et offentligt lobbyregister.\n"
    "2. Åbne udbudsdata: Alle offentlige kontrakter udgives som åbne data.\n",
    "Jeg foreslår registrering af lobbyister, så man kan se hvem de arbejder for.\n",
    "We propose a public register of lobbyists in Denmark.\n",
    "Kommunernes budgetter og regnskaber bør ligge ude som åbne data.\n",
]


def grouping(sessions) -> set[frozenset[str]]:
    """Which initiatives share a candidate, by reference ("2.1"), ids left out."""
    with sessions() as session:
        groups: dict[int | None, set[str]] = {}
        for row in session.scalars(select(models.Initiative)):
            groups.setdefault(row.candidate_id, set()).add(row.ref)
    return {frozenset(refs) for refs in groups.values()}


def imported(tmp_path: Path, one_run_each: bool):
    path = write_config(tmp_path)
    cfg = config_module.load_config(path)
    sessions = open_database(cfg.store_url)
    for number, body in enumerate(REPLIES, 1):
        folder = tmp_path / (f"run{number}" if one_run_each else "all")
        folder.mkdir(exist_ok=True)
        mail = make_mail(body=body, sender=f"Person {number} <p{number}@x.dk>")
        (folder / f"svar{number}.eml").write_bytes(mail)
        if one_run_each:
            pipeline.import_paths(cfg, sessions, [folder])
    if not one_run_each:
        pipeline.import_paths(cfg, sessions, [tmp_path / "all"])
    return path, cfg, sessions


def test_import_groups_paraphrases_and_keeps_other_asks_apart(tmp_path: Path) -> None:
    _, _, sessions = imported(tmp_path, one_run_each=True)
    assert grouping(sessions) == {
        frozenset({"1.1", "2.1", "3.1"}),
        frozenset({"1.2"}),
        frozenset({"4.1"}),
    }


def test_one_import_in_chunks_groups_as_one_run_per_reply(monkeypatch, tmp_path: Path) -> None:
    # Placing writes once per chunk: later initiatives find candidates started earlier in
    # the chunk (not written yet) and those of the chunks before it.
    monkeypatch.setattr(rules_candidates, "CHUNK", 2)
    _, _, sessions = imported(tmp_path, one_run_each=False)
    assert grouping(sessions) == {
        frozenset({"1.1", "2.1", "3.1"}),
        frozenset({"1.2"}),
        frozenset({"4.1"}),
    }


def test_placing_reads_the_candidate_index_once_per_chunk(tmp_path: Path) -> None:
    # Not once per initiative: a round trip each on PostgreSQL. Same grouping.
    _, _, sessions = imported(tmp_path, one_run_each=False)
    placed = grouping(sessions)
    reads: list[str] = []

    def note(_connection, _cursor, statement: str, *_args) -> None:
        if statement.startswith("SELECT") and "FROM candidate_terms" in statement:
            reads.append(statement)

    engine = sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", note)
    with sessions.begin() as session:
        rules_candidates.refresh(session)  # places the 5 initiatives again, in one chunk
    event.remove(engine, "before_cursor_execute", note)
    assert len(reads) == 1
    assert grouping(sessions) == placed


def test_analyse_gives_the_grouping_of_the_incremental_path(tmp_path: Path) -> None:
    _, cfg, sessions = imported(tmp_path, one_run_each=True)
    incremental = grouping(sessions)
    report = rederive(cfg, sessions)
    assert report.candidates == 3
    assert grouping(sessions) == incremental


def test_candidates_lists_replies_and_supporters(capsys, monkeypatch, tmp_path: Path) -> None:
    path, _, sessions = imported(tmp_path, one_run_each=False)
    code, out, err = run(capsys, monkeypatch, "candidates", "--config", str(path))
    assert code == 0, err
    assert "3 kandidater" in out and "Person 1, Person 2, Person 3" in out
    with sessions() as session:
        candidate_id = session.scalars(select(models.Initiative.candidate_id)).first()
    code, out, err = run(
        capsys, monkeypatch, "candidate", "show", str(candidate_id), "--config", str(path)
    )
    assert code == 0, err
    assert "Person 2 (borger), svar 2" in out and "1.1" in out and "3.1" in out


def test_showing_an_unknown_candidate_is_a_usage_error(capsys, monkeypatch, tmp_path) -> None:
    path = write_config(tmp_path)
    code, _, err = run(capsys, monkeypatch, "candidate", "show", "99", "--config", str(path))
    assert code == 2 and "no candidate 99" in err


def test_migration_0017_adds_candidates_to_a_database_made_at_0011(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0011")
    engine.dispose()
    sessions = open_database(url)  # upgrades to head
    with sessions() as session:
        assert session.scalars(select(models.Candidate)).all() == []
        assert session.scalars(select(models.Initiative.candidate_id)).all() == []
    engine = make_engine(url)
    command.downgrade(_alembic_config(engine), "0011")
    engine.dispose()


TWICE_IN_ONE_REPLY = [
    "1. Lobbyregister for ministre: Vi foreslår et offentligt lobbyregister for ministrene.\n"
    "2. Lobbyregister for Folketinget: Vi foreslår et offentligt lobbyregister for "
    "Folketingets medlemmer.\n",
    "Jeg foreslår et offentligt lobbyregister for ministrene og Folketinget.\n",
]


def test_two_initiatives_of_one_reply_never_share_a_candidate(tmp_path: Path) -> None:
    # Its writer set them apart: alike as they are, they are two proposals. Another reply's
    # paraphrase still joins one of them; analyse places them the same in one chunk.
    path = write_config(tmp_path)
    cfg = config_module.load_config(path)
    sessions = open_database(cfg.store_url)
    for number, body in enumerate(TWICE_IN_ONE_REPLY, 1):
        mail = make_mail(body=body, sender=f"Person {number} <p{number}@x.dk>")
        (tmp_path / f"svar{number}.eml").write_bytes(mail)
    pipeline.import_paths(cfg, sessions, [tmp_path])
    incremental = grouping(sessions)
    assert not any({"1.1", "1.2"} <= group for group in incremental)
    assert any("2.1" in group and len(group) == 2 for group in incremental)
    rederive(cfg, sessions)
    assert grouping(sessions) == incremental
