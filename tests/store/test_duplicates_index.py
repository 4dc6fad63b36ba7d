"""The persisted duplicate index: groups placed one reply at a time are the groups that
find_duplicates computes over all texts at once, and a refresh rebuilds the same."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hoering import pipeline
from hoering.analysis.duplicates import find_duplicates
from hoering.config import load_config
from hoering.rules import duplicate_joins as joins
from hoering.rules import duplicates as placing
from hoering.rules.derive import analysed_text
from hoering.store import duplicates, models
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config

LETTER = (
    "Vi støtter forslaget om et åbent lobbyregister for alle ministerier. Registret bør vise "
    "møder, deltagere og emner inden for en uge. Kommunerne skal være med i "
    "whistleblowerordningen, og data skal udgives under en fri licens, så borgerne kan se "
    "hvem der påvirker lovgivningen og hvornår det sker."
)
OTHER = (
    "Kildekoden til offentlige it-systemer bør deles som open source, og staten bør købe "
    "ind efter åbne standarder, så kommunerne ikke bindes til én leverandør i årevis."
)
WORDS = ["borgere", "data", "kommune", "demokrati", "budget", "aktindsigt", "kildekode", "panel"]


def _bodies(count: int, rng: random.Random) -> list[str]:
    bodies = []
    for n in range(count):
        personal = " ".join(rng.choices(WORDS, k=rng.randint(3, 12))).capitalize() + "."
        kind = n % 5
        if kind in (0, 1):
            bodies.append(f"{personal}\n\n{LETTER}")  # the campaign, personalised
        elif kind == 2:
            bodies.append(LETTER)  # the campaign, as sent
        elif kind == 3:
            bodies.append(OTHER if n % 2 else f"{OTHER} {personal}")
        else:
            bodies.append(f"{personal} {n}")  # short: only exact twins group
    return bodies


def _import(directory: Path, bodies: list[str], start: int) -> None:
    folder = directory / f"mails-{start}"
    folder.mkdir()
    for n, body in enumerate(bodies, start=start):
        mail = make_mail(body=body, message_id=f"<dup-{n}@borgernet.example>")
        (folder / f"{n:04d}.eml").write_bytes(mail)
    cfg = load_config(directory / "hoering.toml")
    pipeline.import_paths(cfg, open_database(cfg.store_url), [folder])


def _stored_groups(session) -> set[frozenset[int]]:
    return {frozenset(m.proposal_id for m in g.members) for g in duplicates.groups(session)}


def _expected_groups(session) -> set[frozenset[int]]:
    proposals = session.scalars(
        select(models.Proposal)
        .options(selectinload(models.Proposal.attachments))
        .order_by(models.Proposal.id)
    ).all()
    texts = [(str(p.id), t) for p in proposals if (t := analysed_text(p)).strip()]
    report = find_duplicates(texts)
    return {frozenset(int(m.key) for m in g.members) for g in report.groups}


def test_groups_placed_run_by_run_match_a_grouping_of_all_texts(tmp_path) -> None:
    write_config(tmp_path)
    bodies = _bodies(60, random.Random(3))
    _import(tmp_path, bodies[:25], 0)
    _import(tmp_path, bodies[25:], 25)
    sessions = open_database(load_config(tmp_path / "hoering.toml").store_url)
    with sessions() as session:
        stored, expected = _stored_groups(session), _expected_groups(session)
        counts = duplicates.counts(session)
    assert stored == expected
    assert counts.groups == len(expected) and counts.raw == 60


def test_refresh_rebuilds_the_same_groups_and_counts(tmp_path) -> None:
    write_config(tmp_path)
    _import(tmp_path, _bodies(40, random.Random(5)), 0)
    sessions = open_database(load_config(tmp_path / "hoering.toml").store_url)
    with sessions() as session:
        before, counts_before = _stored_groups(session), duplicates.counts(session)
    with sessions.begin() as session:
        counts_after = placing.refresh(session)
    with sessions() as session:
        assert _stored_groups(session) == before
    assert counts_after == counts_before


def test_a_large_group_keeps_its_letter_and_counts_new_members(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(joins, "RECOMPUTE_UP_TO", 3)
    write_config(tmp_path)
    letters = [f"{WORDS[n % 8].capitalize()} {n}.\n\n{LETTER}" for n in range(6)] + [LETTER]
    _import(tmp_path, letters, 0)
    sessions = open_database(load_config(tmp_path / "hoering.toml").store_url)
    with sessions() as session:
        (group,) = duplicates.groups(session)
        assert group.size == 7 and group.distinct == 7 and group.kind == "near"
        assert "lobbyregister" in group.common_text
        last = max(group.members, key=lambda m: m.proposal_id)
        assert last.added_text == "" and last.similarity > 0.9
