#!/usr/bin/env python3
"""Check the labelled replies of set-replies-c, r065-r104 (standard library only).

    python3 bench/sets/replies/check_c.py

Runs check.py's per-case validation (schema, allowed values, late flag against the date, every
initiative/remark span verbatim in the body's visible text or a `reply` attachment, key words in
their span) on r065-r104 and adds what check.py and check_b.py leave to this writer: the split by
id range (r065-r084 tune, r085-r104 sealed), that all 40 files are present, that no span occurs
twice in or overlaps another span of the same source, and, once frozen, that FROZEN-c.sha256
still matches. Prints counts by carrier (the reply carrier: a `reply` attachment's kind, else
the body format), respondent type, split and initiatives per split.
"""

from __future__ import annotations

import collections
import hashlib
import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check  # noqa: E402  (this folder's check.py, writer a's)

IDS = [f"r{n:03d}" for n in range(65, 105)]
SPLIT = {cid: ("tune" if int(cid[1:]) <= 84 else "sealed") for cid in IDS}


def sources(case: dict) -> list[str]:
    mail = case["mail"]
    body = mail["body"]
    out = [check.collapse(check.html_text(body) if mail["body_format"] == "html" else body)]
    for att in mail.get("attachments", []):
        if att.get("role") == "reply":
            out.append(check.collapse(check.block_text(att.get("blocks", []))))
    return out


def reply_carrier(case: dict) -> str:
    for att in case["mail"].get("attachments", []):
        if att.get("role") == "reply":
            return att["kind"]
    return case["mail"]["body_format"]


def span_problems(cid: str, case: dict) -> list[str]:
    """Spans that occur twice in their source or overlap another span of it."""
    errors = []
    placed: dict[int, list[tuple[int, int, str]]] = collections.defaultdict(list)
    spans = [("initiative", i["text"]) for i in case["label"].get("initiatives", [])]
    spans += [("remark", r["text"]) for r in case["label"].get("remarks", [])]
    for what, text in spans:
        t = check.collapse(text)
        for k, s in enumerate(sources(case)):
            at = s.find(t)
            if at < 0:
                continue
            if s.find(t, at + 1) >= 0:
                errors.append(f"{cid}: {what} span occurs twice: {t[:60]!r}")
            placed[k].append((at, at + len(t), t[:40]))
            break
    for lst in placed.values():
        lst.sort()
        for a, b in itertools.pairwise(lst):
            if b[0] < a[1]:
                errors.append(f"{cid}: spans overlap: {a[2]!r} / {b[2]!r}")
    return errors


def frozen_problems(frozen: Path) -> list[str]:
    """Files listed in a FROZEN-*.sha256 that changed or are missing."""
    if not frozen.exists():
        return []
    errors = []
    for line in frozen.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        p = HERE / name.strip().lstrip("*")
        if not p.exists() or hashlib.sha256(p.read_bytes()).hexdigest() != digest:
            errors.append(f"frozen file changed or missing: {name}")
    return errors


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
        errors += span_problems(cid, c)
        if c["label"]["flags"]["no_remarks"] and c["label"].get("initiatives"):
            errors.append(f"{cid}: no_remarks with initiatives")
    errors += frozen_problems(HERE / "FROZEN-c.sha256")

    print(f"cases: {len(cases)} (r065-r104)")
    for name, fn in (
        ("reply carrier", reply_carrier),
        (
            "first attachment",
            lambda c: (
                c["mail"]["attachments"][0]["kind"]
                if c["mail"].get("attachments")
                else c["mail"]["body_format"]
            ),
        ),
        ("split", lambda c: c["split"]),
        ("type", lambda c: c["label"]["respondent"]["type"]),
        ("mailer", lambda c: c["mail"]["mailer"]),
        ("language", lambda c: c["label"]["flags"]["language"]),
        ("initiatives/reply", lambda c: len(c["label"].get("initiatives", []))),
    ):
        cnt = collections.Counter(fn(c) for c in cases)
        print(f"{name:18} " + ", ".join(f"{k}={v}" for k, v in sorted(cnt.items(), key=str)))
    per = collections.Counter()
    for c in cases:
        per[c["split"]] += len(c["label"].get("initiatives", []))
    by_split = ", ".join(f"{k}={v}" for k, v in sorted(per.items()))
    print(f"initiatives        {sum(per.values())} ({by_split})")
    print(f"remarks            {sum(len(c['label'].get('remarks', [])) for c in cases)}")
    print(f"late               {sum(c['label']['flags']['late'] for c in cases)}")
    print(f"no_remarks         {sum(c['label']['flags']['no_remarks'] for c in cases)}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
