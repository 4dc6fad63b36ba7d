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

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check  # noqa: E402  (this folder's check.py, writer a's)
from check_c import frozen_problems, reply_carrier, span_problems  # noqa: E402  (writer c's)

IDS = [f"r{n:03d}" for n in range(145, 185)]
SPLIT = {cid: ("tune" if int(cid[1:]) <= 164 else "sealed") for cid in IDS}
ROTATION = ("plain", "html", "pdf", "docx")
CARRIER = {cid: ROTATION[(int(cid[1:]) - 145) % 4] for cid in IDS}
FROZEN = HERE / "FROZEN-e.sha256"


def main() -> int:
    errors: list[str] = []
    cases = []
    for cid in IDS:
        p = HERE / "cases" / f"{cid}.toml"
        if not p.exists():
            errors.append(f"{cid}: missing")
            continue
        c = check.check_case(p, errors)
        if c is None:
            continue
        cases.append(c)
        if c["split"] != SPLIT[cid]:
            errors.append(f"{cid}: split {c['split']}, assigned {SPLIT[cid]}")
        if reply_carrier(c) != CARRIER[cid]:
            errors.append(f"{cid}: reply carrier {reply_carrier(c)}, assigned {CARRIER[cid]}")
        errors += span_problems(cid, c)
    errors += frozen_problems(FROZEN)

    print(f"cases: {len(cases)} (r145-r184)")
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


if __name__ == "__main__":
    sys.exit(main())
