"""Migration 0014 on a database made at 0011 that already holds a reply: the trigram index is
filled from the stored rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from hoering.store.db import _alembic_config, make_engine, open_database
from hoering.store.search import search

ROW = (
    "INSERT INTO raw_messages (id, dedup_key, sha256, size, data, first_seen_at)"
    " VALUES (1, 'mid:a@x', :sha, 1, :data, '2017-08-01 10:00:00')",
    "INSERT INTO proposals (raw_message_id, sender_name, sender_email, subject, body_text,"
    " body_source, combined_text, search_text, reply_text, late, warnings, source_account,"
    " source_folder, created_at, updated_at) VALUES (1, 'Karen', 'k@x.example', 'OGP-høring',"
    " :body, 'plain', :body, :folded, :body, false, '', 'files', 'x',"
    " '2017-08-01 10:00:00', '2017-08-01 10:00:00')",
)
BODY = "Vi støtter lobbyregistret og ønsker åbne\ndata om Sygehusene."


def database_at_0011(url: str) -> str:
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0011")
    values = {"sha": "a" * 64, "data": b"\x00", "body": BODY, "folded": BODY.casefold()}
    with engine.begin() as conn:
        for statement in ROW:
            conn.execute(text(statement), values)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def upgraded(request, tmp_path: Path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    return open_database(database_at_0011(url))


def test_an_existing_reply_is_found_by_parts_and_phrases(upgraded) -> None:
    with upgraded() as session:
        for query in ("lobby", "register", "sygehus", '"åbne data"', "oensker"):
            assert [hit.proposal_id for hit in search(session, query)] == [1], query


def test_new_replies_are_indexed_after_the_upgrade(upgraded) -> None:
    with upgraded.begin() as session:
        session.execute(text("UPDATE proposals SET search_text = 'whistleblowerordningen'"))
    with upgraded() as session:
        assert [hit.proposal_id for hit in search(session, "whistleblower")] == [1]
        assert search(session, "lobby") == []
