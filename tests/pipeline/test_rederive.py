"""`hoering analyse` streamed in chunks: every proposal once, reviewer choices kept."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hoering.config import load_config
from hoering.edits import Change
from hoering.pipeline import rederive as rederive_module
from hoering.pipeline.rederive import rederive
from hoering.rules.review import review_reply, validated
from hoering.store import models
from hoering.store.db import open_database


def test_every_proposal_is_analysed_once_across_chunks(sample_copy: Path, monkeypatch) -> None:
    cfg = load_config(sample_copy)  # the sample inbox imported: 13 replies
    sessions = open_database(cfg.store_url)
    with sessions() as session:
        stored = session.query(models.Proposal).count()
    monkeypatch.setattr(rederive_module, "CHUNK", 4)  # 13 replies: four chunks
    ticks: list[int] = []

    report = rederive(cfg, sessions, lambda: ticks.append(1))

    assert report.analysed == stored == len(ticks) == 13
    with sessions() as session:
        initiatives = session.query(models.Initiative).count()
    assert report.initiatives == initiatives > 0


def test_a_reviewers_type_survives_analyse(sample_copy: Path) -> None:
    cfg = load_config(sample_copy)  # the sample inbox imported
    sessions = open_database(cfg.store_url)
    with sessions.begin() as session:
        first = session.scalars(select(models.Proposal).order_by(models.Proposal.id)).first()
        change = validated(Change(respondent_type="organisation"), cfg.codebook)
        review_reply(session, first, change, "mette", cfg.codebook)
        first_id = first.id

    rederive(cfg, sessions)

    with sessions() as session:
        again = session.get(models.Proposal, first_id)
        assert (again.respondent_type, again.respondent_type_source) == ("organisation", "reviewer")
