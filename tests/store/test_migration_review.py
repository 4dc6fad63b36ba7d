"""Migrations 0004 and 0006 on a database that already holds proposals (made by 0003)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select

from hoering.rules.derive import normalize_proposal
from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from hoering.store.search import search


def old_database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO raw_messages (id, dedup_key, sha256, size, data, first_seen_at)"
            " VALUES (1, 'mid:a@x', ?, 1, x'00', '2017-08-01 10:00:00')",
            ("a" * 64,),
        )
        conn.exec_driver_sql(
            "INSERT INTO proposals (raw_message_id, sender_name, sender_email, subject,"
            " body_text, body_source, combined_text, search_text, late, warnings,"
            " source_account, source_folder, created_at, updated_at) VALUES (1, 'Dataklar ApS',"
            " 'jb@dataklar.example', 'OGP-høring', 'Åbne data om indkøb.', 'plain',"
            " 'Åbne data om indkøb.', 'åbne data om indkøb.', 0, '', 'files', 'x',"
            " '2017-08-01 10:00:00', '2017-08-01 10:00:00')"
        )
    engine.dispose()
    return url


def test_existing_proposals_get_review_defaults_and_are_searchable(tmp_path: Path) -> None:
    sessions = open_database(old_database(tmp_path))
    with sessions() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        assert (proposal.status, proposal.decision, proposal.assignee) == ("ny", None, "")
        assert [hit.proposal_id for hit in search(session, "ÅBNE")] == [proposal.id]


def test_migration_fills_the_derived_fields_of_existing_proposals(tmp_path: Path) -> None:
    # Exports read only stored fields: a row older than normalization must not export empty.
    sessions = open_database(old_database(tmp_path))
    with sessions() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        assert (proposal.respondent_type, proposal.respondent_rule_id) == (
            "virksomhed",
            "company-form",
        )
        assert proposal.reply_text == "Åbne data om indkøb."
        assert {(t.theme, t.source) for t in proposal.themes} >= {("aabne-data", "auto")}


def test_analyse_after_the_migration_changes_nothing(tmp_path: Path) -> None:
    sessions = open_database(old_database(tmp_path))
    with sessions() as session:
        before = session.scalars(select(models.Proposal)).one()
        fields = (before.respondent_rule, before.reply_text, [t.theme for t in before.themes])
    with sessions.begin() as session:
        normalize_proposal(session.scalars(select(models.Proposal)).one())
    with sessions() as session:
        after = session.scalars(select(models.Proposal)).one()
        assert (after.respondent_rule, after.reply_text, [t.theme for t in after.themes]) == fields
