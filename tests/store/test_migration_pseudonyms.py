"""Migration 0015 (pseudonyms) on a database made at 0013 with a private sender's reply:
the map starts empty, the first pseudonymized export numbers the sender, downgrade drops it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from hoering.store.pseudonyms import assign_pseudonyms, pseudonym_map, respondent_key


def database_at_0013(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0013")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO raw_messages (id, dedup_key, sha256, size, data, first_seen_at)"
            " VALUES (1, 'mid:a@x', ?, 1, x'00', '2017-08-01 10:00:00')",
            ("a" * 64,),
        )
    engine.dispose()
    return url


def test_upgrade_from_0013_adds_an_empty_map_that_numbers_stored_borgere(tmp_path) -> None:
    sessions = open_database(database_at_0013(tmp_path))
    with sessions.begin() as session:
        assert session.scalars(select(models.Pseudonym)).all() == []
        raw = session.get(models.RawMessage, 1)
        session.add(
            models.Proposal(
                raw_message=raw, sender_name="Ida Rasmussen", sender_email="Ida@Gmail.com",
                subject="OGP", body_text="Tak.", body_source="plain", combined_text="Tak.",
                search_text="tak.", late=False, warnings=(), source_account="files",
                source_folder="x", respondent_type="borger",
            )
        )  # fmt: skip
    with sessions.begin() as session:
        assign_pseudonyms(session)
    with sessions() as session:
        assert pseudonym_map(session) == {respondent_key("ida@gmail.com"): 1}


def test_downgrade_drops_the_map(tmp_path: Path) -> None:
    url = database_at_0013(tmp_path)
    open_database(url)
    engine = make_engine(url)
    command.downgrade(_alembic_config(engine), "0013")
    assert "pseudonyms" not in inspect(engine).get_table_names()
