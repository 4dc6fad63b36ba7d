#!/usr/bin/env python3
"""Check the labelled replies of set-replies-f, r185-r224 (standard library only).

    python3 bench/sets/replies/check_f.py           # all 40 cases
    python3 bench/sets/replies/check_f.py --tune    # only r185-r204 (before the sealed half exists)

Runs check.py's per-case validation through check_d.py's read_cases (schema, allowed values, late
flag against the date, every span verbatim in the body's visible text or a `reply` attachment,
key words in their span, the split by id range r185-r204 tune / r205-r224 sealed, check_c.py's
span uniqueness and overlap) and adds what this writer fixed beforehand: every file present and
the reply carriers per half (7 docx, 6 html, 4 pdf, 3 plain), and, once frozen, that
FROZEN-f.sha256 still matches. Prints check_d.py's counts.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_c import frozen_problems, reply_carrier  # noqa: E402  (writer c's)
from check_d import read_cases, report  # noqa: E402  (writer d's)

CARRIERS = {"docx": 7, "html": 6, "pdf": 4, "plain": 3}  # per half, fixed before writing


def check(argv: list[str], first: int, frozen: Path) -> int:
    """Cases r<first> .. +39: the first 20 tune, the next 20 sealed (writer g's check_g.py
    checks its own range with the same plan)."""
    tune = [f"r{n:03d}" for n in range(first, first + 20)]
    sealed = [f"r{n:03d}" for n in range(first + 20, first + 40)]
    split = {cid: "tune" for cid in tune} | {cid: "sealed" for cid in sealed}
    halves = [tune] if "--tune" in argv else [tune, sealed]
    ids = [cid for half in halves for cid in half]
    cases, errors = read_cases(ids, split)
    for half in halves:
        got = collections.Counter(reply_carrier(c) for c in cases if c["id"] in half)
        if dict(got) != CARRIERS:
            errors.append(f"{half[0]}-{half[-1]}: carriers {dict(got)}, planned {CARRIERS}")
    return report(cases, errors + frozen_problems(frozen), f"{ids[0]}-{ids[-1]}")


def main(argv: list[str]) -> int:
    return check(argv, 185, HERE / "FROZEN-f.sha256")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
