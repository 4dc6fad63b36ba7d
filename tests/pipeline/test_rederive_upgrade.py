"""Upgrading the splitter mid-consultation: `hoering analyse` never moves a reviewer's
decision onto other text, keeps ids by words not numbers, and `--dry-run` writes nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from hoering import pipeline
from hoering.analysis import initiatives as splitter
from hoering.config import load_config
from hoering.pipeline.rederive import rederive
from hoering.rules import initiative_derive
from hoering.rules.initiative_derive import match_by_words
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config, write_in

BODY = (
    "Kære Digitaliseringsstyrelsen\n\nVi har tre forslag:\n\n"
    "1. Et offentligt lobbyregister for alle ministerier og Folketinget.\n"
    "2. Ministrenes kalendere offentliggøres hver uge på nettet.\n"
    "3. En fælles whistleblowerordning for hele den offentlige sektor.\n\n"
    "Med venlig hilsen\nSøren Ærø\n"
)
NEW_FIRST = "Åbne data om alle offentlige udbud og kontrakter."


@pytest.fixture
def stored(tmp_path: Path):
    """A database as today's main leaves it: one reply split into three initiatives."""
    config_path = write_config(tmp_path)
    cfg = load_config(config_path)
    sessions = open_database(cfg.store_url)
    pipeline.import_paths(cfg, sessions, [write_in(tmp_path, "1.eml", make_mail(body=BODY))])
    return config_path, cfg, sessions


@pytest.fixture
def new_splitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """A splitter upgrade that finds one more initiative in front of the others."""
    real = splitter.split_initiatives

    def upgraded(sections, subject=""):
        found = real(sections, subject)
        first = dataclasses.replace(found[0], number=1, title=NEW_FIRST, text=NEW_FIRST)
        return (first, *(dataclasses.replace(i, number=i.number + 1) for i in found))

    monkeypatch.setattr(initiative_derive, "split_initiatives", upgraded)
    monkeypatch.setattr("hoering.pipeline.rederive_preview.split_initiatives", upgraded)


def rows(sessions) -> list[tuple[int, int, str, str | None]]:
    with sessions() as session:
        found = session.scalars(select(models.Initiative).order_by(models.Initiative.number))
        return [(row.id, row.number, row.text, row.decision) for row in found]


def test_a_decided_replys_split_stays_and_its_decision_with_its_text(stored, new_splitter) -> None:
    _, cfg, sessions = stored
    with sessions.begin() as session:
        second = session.scalars(select(models.Initiative).where(models.Initiative.number == 2))
        second.one().decision = "optaget"
    before = rows(sessions)

    rederive(cfg, sessions)

    assert rows(sessions) == before
    assert "kalendere" in next(text for _, _, text, decision in before if decision)


def test_an_undecided_reply_is_split_again_and_keeps_ids_by_words(stored, new_splitter) -> None:
    _, cfg, sessions = stored
    before = {text: row_id for row_id, _, text, _ in rows(sessions)}

    rederive(cfg, sessions)

    after = rows(sessions)
    assert [number for _, number, _, _ in after] == [1, 2, 3, 4]
    assert after[0][2] == NEW_FIRST
    assert {text: row_id for row_id, _, text, _ in after[1:]} == before


def test_dry_run_prints_what_would_change_and_writes_nothing(
    stored, new_splitter, capsys, monkeypatch
) -> None:
    config_path, _, sessions = stored
    before = rows(sessions)

    code, output, _ = run(capsys, monkeypatch, "analyse", "--dry-run", "-c", str(config_path))

    assert code == 0
    assert "initiatives 3 -> 4" in output
    assert "dry run: 1 of 1 proposal would change" in output and "nothing written" in output
    assert rows(sessions) == before


def test_dry_run_names_a_split_kept_for_the_reviewer(
    stored, new_splitter, capsys, monkeypatch
) -> None:
    config_path, _, sessions = stored
    with sessions.begin() as session:
        session.scalars(select(models.Proposal)).one().decision = "delvist optaget"

    code, output, _ = run(capsys, monkeypatch, "analyse", "--dry-run", "-c", str(config_path))

    assert code == 0
    assert "split kept (3: a reviewer worked on the reply; the new rules would find 4)" in output


def test_words_match_one_to_one_closest_first() -> None:
    old = ["et lobbyregister for alle", "kalendere hver uge", "noget helt andet her"]
    new = ["kalendere hver uge offentliggøres", "et lobbyregister for alle ministerier", "nyt"]
    assert match_by_words(old, new) == {0: 1, 1: 0}
