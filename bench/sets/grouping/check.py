#!/usr/bin/env python3
"""Check the grouping set: schema, verbatim spans, proposal ids.

Prints per proposal the number of respondents in each split.

Standard library only. Run: python3 bench/sets/grouping/check.py   (exit status 1 on any error)
Other grouping sets (grouping-b) run this check with their own folder, id letter and split.
"""

import hashlib
import html
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

MAILERS = {"outlook", "gmail", "apple-mail", "webmail", "exchange-owa", "thunderbird", "iphone"}
FORMATS = {"plain", "html"}
KINDS = {"pdf", "docx"}
PRODUCERS = {"word", "libreoffice"}
ROLES = {"reply", "background"}
STYLES = {
    "letterhead",
    "title",
    "heading1",
    "heading2",
    "paragraph",
    "bold",
    "bullet",
    "bullet2",
    "number",
    "number2",
    "table",
    "signature",
    "footer",
}
TYPES = {"borger", "virksomhed", "organisation", "offentlig myndighed"}
LANGS = {"da", "en"}
DEADLINE = "2017-08-20T23:59:59+02:00"

errors = []


def err(cid, msg):
    errors.append(f"{cid}: {msg}")


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def html_text(h):
    h = re.sub(r"(?is)<(style|head)[^>]*>.*?</\1>", "", h)
    h = re.sub(r"(?i)<br\s*/?>", "\n", h)
    h = re.sub(r"(?i)</?(p|div|li|h[1-6]|tr|ol|ul|table|blockquote)(\s[^>]*)?>", "\n", h)
    h = re.sub(r"<[^>]+>", "", h)
    return html.unescape(h).replace("\xa0", " ")


def need(cid, d, key, typ, where):
    if key not in d:
        err(cid, f"{where}: missing key {key!r}")
        return None
    if not isinstance(d[key], typ):
        err(cid, f"{where}: {key!r} has type {type(d[key]).__name__}")
        return None
    return d[key]


def split_for(cid, last_tune=16):
    n = int(cid[1:])
    return "tune" if n <= last_tune else "sealed"


def main(here=HERE, letter="g", last_tune=16):
    props = tomllib.loads((here / "proposals.toml").read_text(encoding="utf-8"))["proposal"]
    pids = [p["id"] for p in props]
    if len(set(pids)) != len(pids):
        err("proposals", "duplicate proposal id")
    for p in props:
        for k in ("id", "title", "description", "theme", "hard_negative_of"):
            if k not in p:
                err("proposals", f"{p.get('id')}: missing {k}")
        for h in p.get("hard_negative_of", []):
            if h not in pids or h == p["id"]:
                err("proposals", f"{p['id']}: bad hard_negative_of {h}")
    pset = set(pids)

    files = sorted((here / "cases").glob("*.toml"))
    seen = set()
    counts = defaultdict(lambda: defaultdict(set))  # proposal -> split -> respondents(case ids)
    n_init = defaultdict(int)
    langs = defaultdict(int)
    fmts = defaultdict(int)
    n_docx = 0
    for f in files:
        cid = f.stem
        try:
            c = tomllib.loads(f.read_text(encoding="utf-8"))
        except Exception as e:
            err(cid, f"TOML: {e}")
            continue
        if c.get("id") != cid:
            err(cid, f"id {c.get('id')!r} does not match file name")
        if cid in seen:
            err(cid, "duplicate id")
        seen.add(cid)
        if not re.fullmatch(rf"{letter}\d{{3}}", cid):
            err(cid, f"id must be {letter}NNN")
            continue
        split = need(cid, c, "split", str, "top")
        if split != split_for(cid, last_tune):
            err(cid, f"split {split!r}, expected {split_for(cid, last_tune)!r}")
        need(cid, c, "structure", str, "top")
        m = need(cid, c, "mail", dict, "top") or {}
        if m.get("mailer") not in MAILERS:
            err(cid, f"mailer {m.get('mailer')!r}")
        for k in ("from", "to", "subject", "date", "body"):
            need(cid, m, k, str, "mail")
        if m.get("body_format") not in FORMATS:
            err(cid, f"body_format {m.get('body_format')!r}")
        date = m.get("date", "")
        if not re.fullmatch(r"2017-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", date):
            err(cid, f"date {date!r}")
        fmts[m.get("body_format")] += 1
        body = m.get("body", "")
        hay = [collapse(body)]
        if m.get("body_format") == "html":
            hay.append(collapse(html_text(body)))
        for a in m.get("attachments", []):
            for k in ("filename", "kind", "producer", "justified", "role", "blocks"):
                if k not in a:
                    err(cid, f"attachment: missing {k}")
            if (
                a.get("kind") not in KINDS
                or a.get("producer") not in PRODUCERS
                or a.get("role") not in ROLES
            ):
                err(cid, "attachment: bad kind/producer/role")
            n_docx += a.get("kind") == "docx"
            texts = []
            for b in a.get("blocks", []):
                st = b.get("style")
                if st not in STYLES:
                    err(cid, f"block style {st!r}")
                if st == "table":
                    rows = b.get("rows")
                    if not (isinstance(rows, list) and all(isinstance(r, list) for r in rows)):
                        err(cid, "table without rows")
                    else:
                        texts.extend(" ".join(map(str, r)) for r in rows)
                else:
                    if not isinstance(b.get("text"), str):
                        err(cid, f"block {st} without text")
                    else:
                        texts.append(b["text"])
            hay.append(collapse("\n".join(texts)))
        lab = need(cid, c, "label", dict, "top") or {}
        r = need(cid, lab, "respondent", dict, "label") or {}
        if r.get("type") not in TYPES:
            err(cid, f"respondent type {r.get('type')!r}")
        for k, t in (("organisation", str), ("short_forms", list), ("person", str), ("notes", str)):
            need(cid, r, k, t, "respondent")
        if r.get("type") == "borger" and r.get("organisation"):
            err(cid, "a borger has no organisation")
        if r.get("type") != "borger" and not r.get("organisation"):
            err(cid, "organisation missing")
        fl = need(cid, lab, "flags", dict, "label") or {}
        for k in ("no_remarks", "late"):
            if not isinstance(fl.get(k), bool):
                err(cid, f"flags.{k} must be bool")
        if fl.get("language") not in LANGS:
            err(cid, f"language {fl.get('language')!r}")
        langs[fl.get("language")] += 1
        if fl.get("late") != (date > DEADLINE):
            err(cid, f"late flag {fl.get('late')} does not match date {date}")
        inits = lab.get("initiatives", [])
        if fl.get("no_remarks") and inits:
            err(cid, "no_remarks reply with initiatives")
        if not fl.get("no_remarks") and not (1 <= len(inits) <= 4):
            err(cid, f"{len(inits)} initiatives (want 1-4)")
        mine = set()
        for i, ini in enumerate(inits):
            for k in ("title", "text", "key_words", "proposal"):
                if k not in ini:
                    err(cid, f"initiative {i}: missing {k}")
            p = ini.get("proposal")
            if p not in pset:
                err(cid, f"initiative {i}: unknown proposal {p!r}")
            if p in mine:
                err(cid, f"proposal {p} twice in one reply")
            mine.add(p)
            t = collapse(ini.get("text", ""))
            if not t or not any(t in h for h in hay):
                err(cid, f"initiative {i} ({p}): span not found verbatim")
            kws = ini.get("key_words", [])
            if not (2 <= len(kws) <= 4):
                err(cid, f"initiative {i}: {len(kws)} key_words")
            for kw in kws:
                if kw.lower() not in t.lower():
                    err(cid, f"initiative {i}: key word {kw!r} not in its text")
            counts[p][split].add(cid)
            n_init[split] += 1
        for j, rm in enumerate(lab.get("remarks", [])):
            t = collapse(rm.get("text", ""))
            if not t or not any(t in h for h in hay):
                err(cid, f"remark {j}: span not found verbatim")

    print(
        f"cases: {len(files)}  (formats {dict(fmts)}, languages {dict(langs)}, "
        f"docx attachments {n_docx})"
    )
    print(f"initiatives: tune {n_init['tune']}, sealed {n_init['sealed']}")
    print(f"{'proposal':8} {'tune':>5} {'sealed':>6} {'total':>5}  title")
    for p in props:
        t, s = len(counts[p["id"]]["tune"]), len(counts[p["id"]]["sealed"])
        print(f"{p['id']:8} {t:5} {s:6} {t + s:5}  {p['title']}")
    for p in pids:
        if not any(counts[p].values()):
            err("proposals", f"{p} is never used")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    frozen = here / "FROZEN.sha256"
    if frozen.exists():
        bad = 0
        for line in frozen.read_text().splitlines():
            h, name = line.split(None, 1)
            fp = here / name.strip().lstrip("*")
            if not fp.exists() or hashlib.sha256(fp.read_bytes()).hexdigest() != h:
                print(f"FROZEN mismatch: {name}")
                bad += 1
        print("frozen: " + ("OK" if not bad else f"{bad} mismatch(es)"))
        return 1 if bad else 0
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
