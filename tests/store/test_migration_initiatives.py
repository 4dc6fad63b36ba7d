"""Migration 0008 (initiatives) on a database with replies: the table starts empty, `hoering
analyse` (normalize_proposal) backfills it, and downgrade removes it again."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from hoering.rules.derive import normalize_proposal
from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from tests.store.test_migration_review import old_database


def test_existing_replies_get_initiatives_from_analyse(tmp_path: Path) -> None:
    sessions = open_database(old_database(tmp_path))
    with sessions.begin() as session:
        assert session.scalars(select(models.Initiative)).all() == []
        proposal = session.scalars(select(models.Proposal)).one()
        # The old reply's bare "Åbne data om indkøb." proposes nothing by the splitter's
        # rule since issue 18 (a short letter without a proposing word); the point here is
        # that analyse fills in initiatives for replies stored before they existed.
        proposal.body_text = "Vi foreslår åbne data om indkøb."
        normalize_proposal(proposal)
    with sessions() as session:
        (initiative,) = session.scalars(select(models.Initiative)).all()
        assert (initiative.ref, initiative.text) == ("1.1", "Vi foreslår åbne data om indkøb.")


def test_downgrade_removes_the_initiative_tables(tmp_path: Path) -> None:
    url = old_database(tmp_path)
    open_database(url)
    engine = make_engine(url)
    command.downgrade(_alembic_config(engine), "0005")
    tables = set(inspect(engine).get_table_names())
    assert not {"initiatives", "initiative_notes"} & tables
    assert "initiative_id" not in {c["name"] for c in inspect(engine).get_columns("audit_events")}
