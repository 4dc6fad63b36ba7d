#!/usr/bin/env python3
"""Check the labelled replies of set-replies-e, r145-r184 (standard library only).

    python3 bench/sets/replies/check_e.py

Runs check.py's per-case validation (check.check_case: schema, allowed values, late flag against
the date, every initiative/remark span verbatim in the body's visible text or a `reply`
attachment, key words in their span) on r145-r184 and adds what this writer fixed beforehand:
all 40 files present, the split by id range (r145-r164 tune, r165-r184 sealed), the reply
carrier by id (a fixed rotation plain, html, pdf, docx from r145, assigned before writing),
and check_c.py's checks that no span occurs twice in or overlaps another span of the same
source and, once frozen, that FROZEN-e.sha256 still matches. Prints counts by reply carrier (a
`reply` attachment's kind, else the body format), respondent type, split, initiatives, remarks.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_c import frozen_problems, reply_carrier  # noqa: E402  (writer c's)
from check_d import read_cases, report  # noqa: E402  (writer d's)

IDS = [f"r{n:03d}" for n in range(145, 185)]
SPLIT = {cid: ("tune" if int(cid[1:]) <= 164 else "sealed") for cid in IDS}
ROTATION = ("plain", "html", "pdf", "docx")
CARRIER = {cid: ROTATION[(int(cid[1:]) - 145) % 4] for cid in IDS}
FROZEN = HERE / "FROZEN-e.sha256"


def main() -> int:
    cases, errors = read_cases(IDS, SPLIT)
    for c in cases:
        if reply_carrier(c) != CARRIER[c["id"]]:
            errors.append(
                f"{c['id']}: reply carrier {reply_carrier(c)}, assigned {CARRIER[c['id']]}"
            )
    return report(cases, errors + frozen_problems(FROZEN), "r145-r184")


if __name__ == "__main__":
    sys.exit(main())
