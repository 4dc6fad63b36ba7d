"""Full-text search (store/search.py): SQLite FTS5 kept in sync by triggers, and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select, text

from hoering.config import load_config
from hoering.pipeline import import_paths
from hoering.store import models
from hoering.store.db import open_database
from hoering.store.search import MAX_TERMS, fts_query, search
from hoering.store.search_query import parse
from tests.kit.mails import make_mail, write_config

BODIES = {
    "<aabne@x>": "Vi ønsker ÅBNE data om indkøb. Åbne data skaber tillid.\n",
    "<soe@x>": "Sørg for at søen ved Silkeborg får en målestation.\n",
    "<so@x>": "So what: data about the lake should be open.\n",
    "<en@x>": "Åbne kalendere for ministre, tak.\n",
}


def import_mails(config: Path, tmp_path: Path, bodies: dict[str, str]):
    paths = []
    for i, (mid, body) in enumerate(bodies.items()):
        path = tmp_path / f"{i}.eml"
        path.write_bytes(make_mail(message_id=mid, body=body, subject=f"OGP-høring {i}"))
        paths.append(path)
    cfg = load_config(config)
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, paths)
    return sessions


@pytest.fixture
def sessions(tmp_path: Path):
    return import_mails(write_config(tmp_path), tmp_path, BODIES)


def found(sessions, query: str) -> list[str]:
    with sessions() as session:
        ids = [hit.proposal_id for hit in search(session, query)]
        by_id = {p.id: p.message_id for p in session.scalars(select(models.Proposal))}
    return [by_id[i] for i in ids]


@pytest.mark.parametrize("query", ["Åbne", "åbne", "ÅBNE"])
def test_case_is_folded_for_danish_letters(sessions, query: str) -> None:
    assert sorted(found(sessions, query)) == ["aabne@x", "en@x"]


def test_oe_is_not_o(sessions) -> None:
    assert found(sessions, "søen") == ["soe@x"]
    assert found(sessions, "what") == ["so@x"]


def test_words_under_three_letters_are_skipped() -> None:
    # A substring of one or two letters is in nearly every reply.
    assert parse("so i en ø") == []
    assert [t.forms for t in parse("so data")] == [("data",)]


def test_more_occurrences_rank_first(sessions) -> None:
    assert found(sessions, "åbne")[0] == "aabne@x"


def test_snippet_marks_the_match(sessions) -> None:
    with sessions() as session:
        hit = search(session, "målestation")[0]
    assert "[målestation]" in hit.snippet


def test_a_trailing_star_is_no_longer_needed(sessions) -> None:
    assert found(sessions, "kalender*") == ["en@x"] == found(sessions, "kalender")


def test_query_syntax_in_user_text_is_taken_literally(sessions) -> None:
    # Users type hyphens, quotes and colons; FTS5 would read them as operators.
    assert fts_query(parse('open-source NOT data: (x) "a""b"')) == (
        '{search_text} : ("open-source") AND {search_text} : ("not") AND {search_text} : ("data")'
    )
    assert found(sessions, "målestation: (Silkeborg) -søen") == ["soe@x"]


def test_repeated_words_count_once() -> None:
    assert len(parse("data " * 2000)) == 1
    assert len(parse("Lobby lobby LOBBY*")) == 1


def test_the_term_cap_counts_every_form() -> None:
    # Each form is a lookup of its own: "hoeringen" is also "høringen" and "hoeringn"...
    words = " ".join(f"hoeringer{number}" for number in range(MAX_TERMS))
    terms = parse(words)
    assert sum(len(term.forms) for term in terms) <= MAX_TERMS
    assert 1 < len(terms) < MAX_TERMS
    assert len(parse(" ".join(f"ord{number}" for number in range(MAX_TERMS + 10)))) == MAX_TERMS


def test_index_follows_updates_and_deletes(sessions) -> None:
    with sessions.begin() as session:
        row = session.scalars(
            select(models.Proposal).where(models.Proposal.message_id == "so@x")
        ).one()
        row.combined_text = row.search_text = "nu handler det om vandløb."
    assert found(sessions, "lake") == [] and found(sessions, "vandløb") == ["so@x"]
    with sessions.begin() as session:
        session.execute(delete(models.Proposal).where(models.Proposal.message_id == "so@x"))
    assert found(sessions, "vandløb") == []


def test_postgresql_search_folds_case_and_ranks(tmp_path: Path, postgres_url: str) -> None:
    config = write_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace("sqlite:///hoering.db", postgres_url)
    config.write_text(text, encoding="utf-8")
    sessions = import_mails(config, tmp_path, BODIES)
    assert sorted(found(sessions, "ÅBNE")) == ["aabne@x", "en@x"]
    assert found(sessions, "åbne")[0] == "aabne@x"
    with sessions() as session:
        assert "[" in search(session, "målestation")[0].snippet


def test_index_triggers_exist_at_head(sessions) -> None:
    # A later migration that rebuilds `proposals` in batch mode drops them silently.
    with sessions() as session:
        names = session.scalars(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        ).all()
    assert names == ["proposals_fts_delete", "proposals_fts_insert", "proposals_fts_update"]
