"""The two placement phases of an import, alone, on a database an import filled: duplicate
groups (rules.duplicates.place_new) and bruttoliste candidates (rules.candidates.place_new),
each run after the message loop in one transaction of its own (issue 20's backlog goal).

    .venv/bin/python -m bench.ingest_phases --messages 5000 --backlog --keep backlog5000.db
    .venv/bin/python -m bench.bench_placement backlog5000.db [--profile placement.prof]

Works on a copy of the file: forgets the groups, the duplicate index and the candidates (as
if the import's loop had just stored the replies), places every reply and initiative again
as an import does, and prints wall and CPU seconds per phase, per message, the counts, and
a digest of each grouping, so that a change to placement can be shown to give the same
groups (same digests) in less time. `--profile` runs both phases under cProfile, writes the
stats to the file and prints the 25 costliest calls by cumulative CPU time.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from hoering.rules import candidates, duplicates
from hoering.store import models
from hoering.store.db import open_database


def forget(sessions: sessionmaker[Session]) -> None:
    """The database as the message loop leaves it: nothing placed."""
    with sessions.begin() as session:
        for table in (models.DuplicateMember, models.DuplicateGroup, models.DuplicateBand):
            session.execute(delete(table))
        session.execute(delete(models.DuplicateIndex))
        session.execute(update(models.Initiative).values(candidate_id=None, candidate_pinned=False))
        session.execute(delete(models.CandidateTerm))
        session.execute(delete(models.Candidate))


def timed(
    sessions: sessionmaker[Session], place: Callable[[Session], object]
) -> tuple[float, float]:
    """Wall and CPU seconds of `place` in one transaction, as the import runs it."""
    wall, cpu = time.perf_counter(), time.process_time()
    with sessions.begin() as session:
        place(session)
    return time.perf_counter() - wall, time.process_time() - cpu


def digest(session: Session) -> dict[str, str]:
    """A short hash of each grouping: duplicate members by group (with what each adds and
    omits, and the group's letter), and initiatives by candidate (with its vector)."""
    Member, Group = models.DuplicateMember, models.DuplicateGroup
    groups = session.execute(
        select(Group.id, Group.kind, Group.size, Group.distinct, Group.common_text)
    ).all()
    # A group by its first reply, a candidate by its first initiative: ids may differ.
    first = {
        group: reply
        for group, reply in session.execute(
            select(Member.group_id, func.min(Member.proposal_id)).group_by(Member.group_id)
        )
    }
    dup = hashlib.sha256()
    for group_id, kind, size, distinct, common in sorted(groups, key=lambda g: first[g[0]]):
        dup.update(repr((first[group_id], kind, size, distinct, common)).encode())
    for row in session.execute(
        select(Member.proposal_id, Member.group_id, Member.similarity, Member.added_text,
               Member.omitted_text).order_by(Member.proposal_id)
    ):  # fmt: skip
        proposal_id, group_id, similarity, added, omitted = row
        dup.update(repr((proposal_id, first[group_id], similarity, added, omitted)).encode())
    Ini, Cand = models.Initiative, models.Candidate
    lowest = {
        candidate: initiative
        for candidate, initiative in session.execute(
            select(Ini.candidate_id, func.min(Ini.id)).group_by(Ini.candidate_id)
        )
    }
    cand = hashlib.sha256()
    for row in session.execute(
        select(Ini.id, Ini.candidate_id, Cand.title, Cand.terms, Cand.members, Cand.themes,
               Cand.level, Cand.owner).join(Cand).order_by(Ini.id)
    ):  # fmt: skip
        initiative_id, candidate_id, *described = row
        cand.update(repr((initiative_id, lowest[candidate_id], *described)).encode())
    return {"duplicates": dup.hexdigest()[:16], "candidates": cand.hexdigest()[:16]}


def counts(session: Session) -> str:
    groups, largest = session.execute(
        select(func.count(models.DuplicateGroup.id), func.max(models.DuplicateGroup.size))
    ).one()
    placed = session.scalar(select(func.count(models.Initiative.id))) or 0
    found = session.scalar(select(func.count(models.Candidate.id))) or 0
    return f"{groups} groups (largest {largest}), {placed} initiatives in {found} candidates"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="a SQLite file an import filled")
    parser.add_argument("--profile", type=Path, help="write cProfile stats here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "placement.db"
        shutil.copyfile(args.database, copy)
        sessions = open_database(f"sqlite:///{copy}")
        forget(sessions)
        with sessions() as session:
            messages = session.scalar(select(func.count(models.Proposal.id))) or 0
        # CPU time, not wall: on a shared machine the wall clock mostly counts other work.
        profiler = cProfile.Profile(time.process_time) if args.profile else None
        if profiler:
            profiler.enable()
        phases = {
            "duplicate groups": timed(sessions, duplicates.place_new),
            "candidates": timed(sessions, candidates.place_new),
        }
        if profiler:
            profiler.disable()
        with sessions() as session:
            print(f"{messages} replies: {counts(session)}; digests {digest(session)}")
    for label, (wall, cpu) in phases.items():
        print(f"  {label:17} {wall:7.2f} s wall {cpu:7.2f} s CPU  "
              f"{1000 * wall / messages:6.2f} ms/message")  # fmt: skip
    if profiler and args.profile:
        profiler.dump_stats(args.profile)
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
