#!/usr/bin/env python3
"""Check the labelled replies of set-replies-g, r225-r264 (standard library only).

    python3 bench/sets/replies/check_g.py           # all 40 cases
    python3 bench/sets/replies/check_g.py --tune    # only r225-r244 (before the sealed half exists)

Runs check.py's per-case validation through check_d.py's read_cases (schema, allowed values, late
flag against the date, every span verbatim in the body's visible text or a `reply` attachment,
key words in their span, the split by id range r225-r244 tune / r245-r264 sealed, check_c.py's
span uniqueness and overlap) and adds what this writer fixed beforehand: every file present and
the reply carriers per half (7 docx, 6 html, 4 pdf, 3 plain), and, once frozen, that
FROZEN-g.sha256 still matches. Prints check_d.py's counts.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_c import frozen_problems, reply_carrier  # noqa: E402  (writer c's)
from check_d import read_cases, report  # noqa: E402  (writer d's)

TUNE = [f"r{n:03d}" for n in range(225, 245)]
SEALED = [f"r{n:03d}" for n in range(245, 265)]
SPLIT = {cid: "tune" for cid in TUNE} | {cid: "sealed" for cid in SEALED}
CARRIERS = {"docx": 7, "html": 6, "pdf": 4, "plain": 3}  # per half, fixed before writing
FROZEN = HERE / "FROZEN-g.sha256"


def main(argv: list[str]) -> int:
    halves = [TUNE] if "--tune" in argv else [TUNE, SEALED]
    ids = [cid for half in halves for cid in half]
    cases, errors = read_cases(ids, SPLIT)
    for half in halves:
        got = collections.Counter(reply_carrier(c) for c in cases if c["id"] in half)
        if dict(got) != CARRIERS:
            errors.append(f"{half[0]}-{half[-1]}: carriers {dict(got)}, planned {CARRIERS}")
    return report(cases, errors + frozen_problems(FROZEN), f"{ids[0]}-{ids[-1]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
