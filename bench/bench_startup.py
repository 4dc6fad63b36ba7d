"""Start-up time of `hoering --help` against a bare `import typer, sqlalchemy`.

    .venv/bin/python -m bench.bench_startup [--runs 15]

Each figure is the median wall time of N fresh processes (subprocess, this interpreter),
so the machine's load evens out. The goal (issue 8): `hoering --help` at most 1.5 times the
bare import. Prints both medians and the ratio; exit status 1 when the ratio is over 1.5.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

GOAL = 1.5
BASELINE = [sys.executable, "-c", "import typer, sqlalchemy"]
HELP = [sys.executable, "-m", "hoering", "--help"]


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of `runs` fresh processes running `command`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="processes per command")
    runs = parser.parse_args().runs
    median_seconds(HELP, 1)  # warm the file cache and the .pyc files
    baseline = median_seconds(BASELINE, runs)
    hoering = median_seconds(HELP, runs)
    ratio = hoering / baseline
    print(f"import typer, sqlalchemy: {baseline * 1000:.0f} ms (median of {runs})")
    print(f"hoering --help:           {hoering * 1000:.0f} ms (median of {runs})")
    print(f"ratio: {ratio:.2f} (goal: at most {GOAL})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
