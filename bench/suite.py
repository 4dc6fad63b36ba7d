"""The performance suite of issue 11: one command, a real Dovecot (and PostgreSQL), generated
mailboxes, each goal's figure with its ratio and target; medians of repeated runs.

    .venv/bin/python -m bench.suite                  # defaults: about 10-15 min on 2 cores
    .venv/bin/python -m bench.suite --quick          # a smoke run of about 2 min
    .venv/bin/python -m bench.suite --full           # the issue's sizes, 500/5,000/50,000
    .venv/bin/python -m bench.suite --goals 2,5 --repeats 5
    .venv/bin/python -m bench.suite --goals 7 --backlog 50000   # issue 20's campaign figures
    .venv/bin/python -m bench.suite --table bench/results/latest.json   (the README's table)

Every measured operation runs in a fresh process (bench.measure), so peak RSS is its own and
start-up is not timed. Ratios compare figures taken in this one run, side by side, because
the machine may be shared: the load average is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench.goals import STEPS
from bench.report import machine, machine_line, table
from bench.workbench import ROOT, Workbench
from tests.kit.dovecot import find_dovecot, start_dovecot

RESULTS = ROOT / "bench" / "results" / "latest.json"
PRESETS = {  # sizes, stored, rss_sizes, attachments, pg_size, campaign, campaign_stored, repeats
    "default": ([500, 2000], [500, 5000], [1000, 10000], 6, 1000, [500, 2000], [500, 5000], 3),
    "quick": ([300], [200, 1000], [300, 1500], 3, 300, [200, 800], [200, 1000], 1),
    "full": ([500, 5000, 50000], [500, 50000], [1000, 10000], 12, 5000, [500, 2000],
             [500, 5000], 3),
}  # fmt: skip
FIELDS = ("sizes", "stored", "rss_sizes", "attachments", "pg_size", "campaign",
          "campaign_stored", "repeats")  # fmt: skip


def numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",")]


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, with the preset's value for every size not given."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.suite", description=__doc__.splitlines()[0]
    )
    add = parser.add_argument
    add("--sizes", type=numbers, help="goal 1: text mailboxes polled cold (500,2000)")
    add("--stored", type=numbers, help="goals 2, 5: databases imported (500,5000)")
    add("--rss-sizes", type=numbers, help="goal 3: the two cold polls (1000,10000)")
    add("--attachments", type=int, help="goal 4: attachment-heavy replies (6)")
    add("--pg-size", type=int, help="goal 6: text replies imported (1000)")
    add("--campaign", type=numbers, help="goal 7: campaign letters polled cold (500,2000)")
    add(
        "--campaign-stored",
        type=numbers,
        help="goal 7: campaigns imported, one new letter polled into each (500,5000)",
    )
    add("--backlog", type=int, default=0,
        help="goal 7: also import a backlog of this many replies, a tenth of them campaign "
        "letters (50000: about 10 minutes or more)")  # fmt: skip
    add("--repeats", type=int, help="runs per figure, the median is reported (3)")
    add("--quick", action="store_true", help="small sizes, one repeat: a ~2 min smoke run")
    add("--full", action="store_true", help="the issue's sizes, up to 50,000 (takes hours)")
    add("--goals", type=numbers, default=sorted(STEPS), help="which goals, e.g. 2,3")
    add("--json", type=Path, default=RESULTS, help=f"results file ({RESULTS.relative_to(ROOT)})")
    add("--table", type=Path, help="print a results file as the README's Markdown table")
    args = parser.parse_args(argv)
    preset = PRESETS["quick" if args.quick else "full" if args.full else "default"]
    for name, value in zip(FIELDS, preset, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    if (
        len(args.rss_sizes) != 2
        or min(map(len, (args.stored, args.campaign, args.campaign_stored))) < 2
    ):
        parser.error("--rss-sizes takes two sizes; --stored and --campaign(-stored) at least two")
    return args


def run(args: argparse.Namespace) -> dict:
    """Start Dovecot, measure the chosen goals, and return the report."""
    binary = find_dovecot()
    if binary is None:
        raise SystemExit("dovecot is not installed (apt-get install dovecot-imapd)")
    info = machine()
    sizes = ", ".join(f"{field} {getattr(args, field)}" for field in FIELDS)
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, load "
          f"{info['load_at_start'][0]:.1f}; {sizes}", flush=True)  # fmt: skip
    started = time.monotonic()
    server = start_dovecot(binary)
    try:
        with tempfile.TemporaryDirectory(prefix="hoering-bench-") as tmp:
            bench = Workbench(server, Path(tmp), args)
            for number, step in STEPS.items():
                if number in args.goals:
                    step(bench)
    finally:
        server.stop()
    info["load_at_end"] = list(os.getloadavg())
    info["minutes"] = round((time.monotonic() - started) / 60, 1)
    return {
        "machine": info,
        "arguments": {field: getattr(args, field) for field in FIELDS},
        "goals": bench.goals,
    }


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    if args.table:
        print(table(args.table))
        return
    report = run(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(machine_line(report))
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
