"""A run with workers places its new replies and initiatives during its loop, every
PLACE_EVERY stored replies, in its write thread (pipeline/placing.py): the same duplicate
groups and candidates as placing them all after the loop."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.bench_placement import digest
from bench.mailboxes import backlog_mails
from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline import placing, run
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.mails import write_config


def imported(folder: Path, monkeypatch: pytest.MonkeyPatch, every: int) -> tuple[dict, int]:
    """goal 7's backlog (near-twin campaign letters, form letters) imported with two workers
    and placements every `every` stored replies: the groupings' digests and the passes."""
    folder.mkdir()
    box = mailbox.mbox(folder / "replies.mbox")
    for data in backlog_mails(80, "placing", every=4):
        box.add(data)
    box.close()
    cfg = load_config(write_config(folder, "\n[extract]\nworkers = 2\nocr = false\n"))
    sessions = open_database(cfg.store_url)
    passes: list[int] = []
    place_new = placing.place_new

    def counted(*args) -> None:
        passes.append(1)
        place_new(*args)

    with monkeypatch.context() as patch:
        patch.setattr(run, "BATCH_MESSAGES", 6)
        patch.setattr(placing, "PLACE_EVERY", every)
        patch.setattr(placing, "place_new", counted)
        report = pipeline.import_paths(cfg, sessions, [folder / "replies.mbox"])
    assert report.stored == 80
    with sessions() as session:
        groups = session.scalar(select(func.count(models.DuplicateGroup.id)))
        assert groups and session.scalar(select(func.count(models.Candidate.id)))
        return digest(session), len(passes)


def test_placing_in_the_loop_gives_the_groupings_of_placing_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    after, once = imported(tmp_path / "after", monkeypatch, every=10**9)
    during, passes = imported(tmp_path / "during", monkeypatch, every=7)
    assert during == after
    assert once == 1 and passes > 5  # a pass every 7 or more stored replies, one after
