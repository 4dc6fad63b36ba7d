"""Where one cold import of text replies spends its time, by phase, on SQLite and PostgreSQL:
the profile behind goals 1 and 6 of issue 11 (README "Performance").

    .venv/bin/python -m bench.ingest_phases [--messages 1000] [--postgres] [--backlog]

Imports the suite's generated text replies (bench.mailboxes) from an mbox into a fresh
database and prints wall and CPU seconds, messages/s, and the seconds spent in each phase of
the pipeline: checking for stored copies, parsing (in threads; a sandbox's workers derive the
reply's fields meanwhile: respondent, cleaning, themes, initiatives), building the proposal
from them, writing the batches, placing the new replies in duplicate groups and their
initiatives in candidates. The import runs as `hoering import` does, in a sandbox with
the config's workers (one per core). `--postgres` runs the same import into a PostgreSQL started for
it (Debian `postgresql`) right after the SQLite one. `--backlog` imports goal 7's backlog
instead (bench.mailboxes.backlog_mails: every tenth reply a near-twin of the 3 KB campaign
letter), so the figures show how placement scales with a campaign (issue 20). With workers
a run places every 500 stored replies in its write thread, during the loop (pipeline/
placing.py): the placements' seconds then overlap the loop's, and "after the loop" is what
the import did once its loop (Pipeline.run) was over.
"""

from __future__ import annotations

import argparse
import mailbox
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bench.mailboxes import backlog_mails, text_mails
from bench.workbench import ROOT
from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline import run
from hoering.pipeline.write_behind import WriteBehind
from hoering.rules import candidates, duplicates
from hoering.store.db import open_database
from tests.kit.postgres import find_postgres, start_postgres

PHASES = {  # label: (owner, attribute)
    "stored copies": (run.Pipeline, "known_bytes"),
    # In parse threads, summed over them: with a sandbox, the wait for the worker that
    # derives the reply's fields is part of it.
    "parse (threads)": (run.Pipeline, "parse"),
    "build proposals": (run.Pipeline, "build_proposal"),
    "write batches": (run.Pipeline, "write"),
    # With workers, most of both run in the loop's write thread (pipeline/placing.py).
    "duplicate groups": (duplicates, "place_new"),
    "candidates": (candidates, "place_new"),
    "message loop": (run.Pipeline, "run"),
    # The loop's thread waiting for the write thread (the batch before, its placements).
    "waits for writes": (WriteBehind, "drain"),
}


def timed(
    seconds: dict[str, float],
    cpu: dict[str, float],
    own: dict[str, float],
    label: str,
    function: Callable,
) -> Callable:
    def wrapper(*args, **kwargs):
        start, cpu_start, own_start = time.perf_counter(), time.process_time(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start
            cpu[label] += time.process_time() - cpu_start
            own[label] += time.thread_time() - own_start

    return wrapper


def children_cpu() -> float:
    """CPU seconds of this process's ended children: the sandbox's workers, joined when
    the import's sandbox closes (and those that retired after `max_tasks` before)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_once(
    count: int, url: str | None, backlog: bool = False, keep: Path | None = None
) -> None:
    """One import in this process, its figures printed; into the SQLite file `keep` (kept,
    for bench.bench_placement) when given."""
    if keep is not None and keep.exists():
        raise SystemExit(f"{keep} exists: the import needs a fresh database")
    seconds: dict[str, float] = defaultdict(float)
    # The process's CPU seconds while a phase ran: the placements run alone after the loop,
    # so theirs are their own whatever the machine's load; the loop's phases overlap.
    cpu: dict[str, float] = defaultdict(float)
    # The CPU seconds of the thread that ran the phase (summed over the parse threads): the
    # phase's own, where the process's figure also counts the threads running beside it.
    own: dict[str, float] = defaultdict(float)
    for label, (owner, name) in PHASES.items():
        setattr(owner, name, timed(seconds, cpu, own, label, getattr(owner, name)))
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        box = mailbox.mbox(directory / "replies.mbox")
        mails = backlog_mails(count, "phases") if backlog else text_mails(count, "phases")
        for data in mails:
            box.add(data)
        box.close()
        store = url or f"sqlite:///{keep.resolve() if keep else 'hoering.db'}"
        config = directory / "hoering.toml"
        config.write_text(f'[store]\nurl = "{store}"\n\n[consultation]\ndeadline = 2017-08-20\n')
        cfg = load_config(config)
        sessions = open_database(cfg.store_url)
        wall, cpu_all, workers = time.perf_counter(), time.process_time(), children_cpu()
        report = pipeline.import_paths(cfg, sessions, [directory / "replies.mbox"])
        wall, cpu_all = time.perf_counter() - wall, time.process_time() - cpu_all
        workers = children_cpu() - workers
    name = "PostgreSQL" if url else "SQLite"
    print(f"{name}: {report.summary()}")
    print(f"  {wall:.2f} s wall, {cpu_all:.2f} s CPU, {count / wall:.0f} messages/s")
    print(
        f"  CPU ms per message: {1000 * cpu_all / count:.2f} importing process, "
        f"{1000 * workers / count:.2f} its workers; load average {os.getloadavg()[0]:.1f}"
    )
    print("  phase: wall, then CPU ms per message of the process and of the phase's thread")
    for label, spent in seconds.items():
        print(f"  {label:17} {spent:6.2f} s  {1000 * spent / count:5.2f} ms/message"
              f"  ({1000 * cpu[label] / count:5.2f} ms CPU,"
              f" {1000 * own[label] / count:5.2f} own)")  # fmt: skip
    # What the run did after its message loop: the last placements (all of them without
    # workers, or before they were placed in the loop).
    after, after_cpu = wall - seconds["message loop"], cpu_all - cpu["message loop"]
    print(f"  {'after the loop':17} {after:6.2f} s  {1000 * after / count:5.2f} ms/message"
          f"  ({1000 * after_cpu / count:5.2f} ms CPU)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--backlog", action="store_true", help="goal 7's backlog mails")
    parser.add_argument("--keep", type=Path, help="import into this SQLite file and keep it")
    parser.add_argument("--url", help=argparse.SUPPRESS)  # the child process's database
    args = parser.parse_args()
    import_once(args.messages, args.url, args.backlog, args.keep)
    if args.url or not args.postgres:
        return
    bindir = find_postgres()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    server = start_postgres(bindir)
    try:
        url = server.create_database("phases")
        command = [sys.executable, "-m", "bench.ingest_phases", "--messages", str(args.messages)]
        command += ["--backlog"] if args.backlog else []
        # A process of its own, so the SQLite run's caches do not help it.
        subprocess.run([*command, "--url", url], cwd=ROOT, check=True, env=os.environ)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
