#!/usr/bin/env python3
"""Check the labelled replies of set-replies-d, r105-r144 (standard library only).

    python3 bench/sets/replies/check_d.py

Runs check.py's per-case validation (check.check_case: schema, allowed values, late flag against
the date, every initiative/remark span verbatim in the body's visible text or a `reply`
attachment, key words in their span) on r105-r144 and adds what this writer fixed beforehand:
all 40 files present, the split by id range (r105-r124 tune, r125-r144 sealed), and check_c.py's
checks that no span occurs twice in or overlaps another span of the same source and, once
frozen, that FROZEN-d.sha256 still matches. Prints counts by reply carrier (a `reply`
attachment's kind, else the body format), respondent type, split, initiatives and remarks.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check  # noqa: E402  (this folder's check.py, writer a's)
from check_c import frozen_problems, reply_carrier, span_problems  # noqa: E402  (writer c's)

IDS = [f"r{n:03d}" for n in range(105, 145)]
SPLIT = {cid: ("tune" if int(cid[1:]) <= 124 else "sealed") for cid in IDS}
FROZEN = HERE / "FROZEN-d.sha256"


def read_cases(ids: list[str], split: dict[str, str]) -> tuple[list[dict], list[str]]:
    """The cases of `ids` checked by check.py, by their assigned split and by check_c.py's
    span checks; (cases, errors). Writer e's checker reads its cases the same way."""
    errors: list[str] = []
    cases = []
    for cid in ids:
        p = HERE / "cases" / f"{cid}.toml"
        if not p.exists():
            errors.append(f"{cid}: missing")
            continue
        c = check.check_case(p, errors)
        if c is None:
            continue
        cases.append(c)
        if c["split"] != split[cid]:
            errors.append(f"{cid}: split {c['split']}, assigned {split[cid]}")
        errors += span_problems(cid, c)
    return cases, errors


def report(cases: list[dict], errors: list[str], id_range: str) -> int:
    """Print the counts and the errors; the exit status (1 if any error)."""
    print(f"cases: {len(cases)} ({id_range})")
    for name, fn in (
        ("reply carrier", reply_carrier),
        ("split", lambda c: c["split"]),
        ("type", lambda c: c["label"]["respondent"]["type"]),
        ("mailer", lambda c: c["mail"]["mailer"]),
        ("language", lambda c: c["label"]["flags"]["language"]),
        ("initiatives/reply", lambda c: len(c["label"].get("initiatives", []))),
    ):
        cnt = collections.Counter(fn(c) for c in cases)
        print(f"{name:18} " + ", ".join(f"{k}={v}" for k, v in sorted(cnt.items(), key=str)))
    for what in ("initiatives", "remarks"):
        per = collections.Counter()
        for c in cases:
            per[c["split"]] += len(c["label"].get(what, []))
        by_split = ", ".join(f"{k}={v}" for k, v in sorted(per.items()))
        print(f"{what:18} {sum(per.values())} ({by_split})")
    print(f"late               {sum(c['label']['flags']['late'] for c in cases)}")
    print(f"no_remarks         {sum(c['label']['flags']['no_remarks'] for c in cases)}")
    only_remarks = sum(
        1 for c in cases if not c["label"].get("initiatives") and c["label"].get("remarks")
    )
    print(f"only remarks       {only_remarks}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


def main() -> int:
    cases, errors = read_cases(IDS, SPLIT)
    return report(cases, errors + frozen_problems(FROZEN), "r105-r144")


if __name__ == "__main__":
    sys.exit(main())
