"""Migrations 0012 (one notes table) and 0013 (list columns as JSON) on a database made at
0011 with notes on a reply and an initiative and list fields of several values, on SQLite
and PostgreSQL, read back through the store's public API."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from hoering.export.views import reply_view
from hoering.store import models
from hoering.store.base import UTCDateTime
from hoering.store.db import _alembic_config, make_engine, open_database
from hoering.store.initiatives import InitiativeFilter, list_initiatives
from hoering.store.queries import get_proposal
from hoering.store.search import search


def at(minute: int) -> datetime:
    return datetime(2017, 8, 1, 10, minute, tzinfo=UTC)


def _table(name: str, row: dict) -> sa.TableClause:
    types = {"data": sa.LargeBinary(), "late": sa.Boolean(), "active": sa.Boolean()}
    columns = (
        sa.column(key, UTCDateTime() if key.endswith("_at") else types.get(key)) for key in row
    )
    return sa.table(name, *columns)


OLD_ROWS = [
    ("raw_messages", {"id": 1, "dedup_key": "id:a", "sha256": "a" * 64, "size": 1,
                      "data": b"x", "first_seen_at": at(0)}),
    ("proposals", {"id": 1, "raw_message_id": 1, "sender_name": "Dataklar ApS",
                   "sender_email": "jb@dataklar.example", "subject": "OGP-høring",
                   "body_text": "Åbne data om indkøb.", "body_source": "plain",
                   "combined_text": "Åbne data om indkøb.", "search_text": "åbne data om indkøb.",
                   "late": False, "warnings": "bilag.pdf: no text layer\n\nbilag.doc: encrypted",
                   "reference_numbers": "Vores ref.: 17-42\nJ.nr.: 2017-1234",
                   "source_account": "files", "source_folder": "x",
                   "created_at": at(0), "updated_at": at(0)}),
    ("proposal_themes", {"id": 1, "proposal_id": 1, "theme": "aabne-data", "label": "Åbne data",
                         "codebook_version": "1", "words": "åbne data\nindkøb",
                         "keywords": "åbne data\nindkøb", "hits": 2, "source": "auto",
                         "active": True}),
    ("initiatives", {"id": 7, "proposal_id": 1, "number": 1, "title": "Åbne data",
                     "text": "Åbne data om indkøb.", "themes": "aabne-data\nindkoeb",
                     "theme_labels": "Åbne data\nIndkøb", "owner": "", "level": "",
                     "rule": "single",
                     "origin": "brødtekst", "source": "auto", "status": "ny", "reason": "",
                     "assignee": "", "created_at": at(0), "updated_at": at(0)}),
    # Ids out of time order on purpose: a target's notes keep their id order.
    ("review_notes", {"id": 3, "proposal_id": 1, "author": "rumth", "text": "Ring til Jens",
                      "created_at": at(5)}),
    ("review_notes", {"id": 4, "proposal_id": 1, "author": "lise", "text": "Ringet",
                      "created_at": at(9)}),
    ("initiative_notes", {"id": 1, "initiative_id": 7, "author": "lise", "text": "Se 2.1",
                          "created_at": at(7)}),
    ("initiative_notes", {"id": 2, "initiative_id": 7, "author": "rumth", "text": "Enig",
                          "created_at": at(8)}),
]  # fmt: skip


def old_database(url: str) -> str:
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0011")
    with engine.begin() as conn:
        for name, row in OLD_ROWS:
            conn.execute(_table(name, row).insert().values(row))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated(request: pytest.FixtureRequest, tmp_path: Path):
    """Sessions on a database made at 0011 and opened (so upgraded to head) by today's code."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    return open_database(old_database(url))


def notes(rows) -> list[tuple[str, str, datetime]]:
    return [(note.author, note.text, note.created_at) for note in rows]


def test_reply_notes_move_with_their_order_and_times(migrated) -> None:
    with migrated() as session:
        reply = get_proposal(session, 1)
        assert notes(reply.notes) == [("rumth", "Ring til Jens", at(5)), ("lise", "Ringet", at(9))]


def test_initiative_notes_move_with_their_order_and_times(migrated) -> None:
    with migrated() as session:
        (initiative,) = list_initiatives(session)
        assert notes(initiative.notes) == [("lise", "Se 2.1", at(7)), ("rumth", "Enig", at(8))]


def test_the_old_note_tables_are_gone(migrated) -> None:
    with migrated() as session:
        tables = set(sa.inspect(session.connection()).get_table_names())
    assert "notes" in tables and not {"review_notes", "initiative_notes"} & tables


def test_list_fields_read_back_as_their_values(migrated) -> None:
    with migrated() as session:
        reply = get_proposal(session, 1)
        shown = reply_view(reply).signals
        assert shown.warnings == ("bilag.pdf: no text layer", "bilag.doc: encrypted")
        assert shown.references == ("Vores ref.: 17-42", "J.nr.: 2017-1234")
        (theme,) = reply.themes
        assert (theme.words, theme.keywords) == (("åbne data", "indkøb"), ("åbne data", "indkøb"))
        (initiative,) = reply.initiatives
        assert initiative.themes == ("aabne-data", "indkoeb")
        assert initiative.theme_labels == ("Åbne data", "Indkøb")


def test_an_initiative_theme_filter_matches_a_whole_item(migrated) -> None:
    with migrated() as session:
        assert [i.id for i in list_initiatives(session, InitiativeFilter(theme="indkoeb"))] == [7]
        assert list_initiatives(session, InitiativeFilter(theme="indkoe")) == []


def test_search_finds_old_and_new_replies_after_the_upgrade(migrated) -> None:
    # On SQLite 0013 rebuilds `proposals`; the full-text triggers must survive it.
    with migrated.begin() as session:
        session.add(models.RawMessage(id=2, dedup_key="id:b", sha256="b" * 64, size=1, data=b"y"))
        session.add(
            models.Proposal(id=2, raw_message_id=2, subject="Cykelstier",
                            combined_text="Flere cykelstier", source_account="files",
                            search_text="cykelstier\nflere cykelstier", source_folder="x",
                            warnings=("en advarsel",))
        )  # fmt: skip
    with migrated() as session:
        assert [hit.proposal_id for hit in search(session, "indkøb")] == [1]
        assert [hit.proposal_id for hit in search(session, "cykelstier")] == [2]


def test_downgrade_to_0011_gives_back_lines_and_both_note_tables(tmp_path: Path) -> None:
    url = old_database(f"sqlite:///{tmp_path / 'old.db'}")
    open_database(url)
    engine = make_engine(url)
    command.downgrade(_alembic_config(engine), "0011")
    with engine.connect() as conn:
        warnings = conn.exec_driver_sql("SELECT warnings FROM proposals").scalar_one()
        reply_notes = conn.exec_driver_sql("SELECT text FROM review_notes ORDER BY id").all()
        initiative_notes = conn.exec_driver_sql("SELECT text FROM initiative_notes ORDER BY id")
        assert warnings == "bilag.pdf: no text layer\nbilag.doc: encrypted"
        assert [row[0] for row in reply_notes] == ["Ring til Jens", "Ringet"]
        assert [row[0] for row in initiative_notes] == ["Se 2.1", "Enig"]
