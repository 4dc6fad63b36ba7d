"""Check the labelled replies of set-replies-b (standard library only).

Loads every cases/*.toml beside this file, validates the case schema (required keys, allowed values,
unique ids, the split of r033-r064), and tests that every labelled span (initiative and remark text)
occurs verbatim, after collapsing whitespace, in the mail body (an HTML body as the text a
reader sees) or in the text of one attachment (its blocks joined by newlines; a table as its
cells). Prints counts.

    python3 bench/sets/replies/check_b.py          # all cases in the folder
    python3 bench/sets/replies/check_b.py r033 r040  # only these ids

Exit status 0 when clean, 1 when any problem was found.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
import tomllib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

MAILERS = {"outlook", "gmail", "apple-mail", "webmail", "exchange-owa", "thunderbird", "iphone"}
BODY_FORMATS = {"plain", "html"}
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
LANGUAGES = {"da", "en"}
SPLITS = {"tune", "sealed"}
DEADLINE = dt.datetime(2017, 8, 21, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
# this writer's share: r033-r044 tune, r045-r064 sealed
OWN = {f"r{n:03d}": ("tune" if n <= 44 else "sealed") for n in range(33, 65)}

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ol",
    "ul",
    "table",
    "blockquote",
    "hr",
    "pre",
}
SKIP_TAGS = {"style", "script", "head", "title"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(src: str) -> str:
    p = _Text()
    p.feed(src)
    p.close()
    return "".join(p.parts)


def collapse(s: str) -> str:
    return " ".join(s.split())


def block_text(block: dict) -> str:
    if block.get("style") == "table":
        return "\n".join("\n".join(str(c) for c in row) for row in block.get("rows", []))
    return str(block.get("text", ""))


def attachment_text(att: dict) -> str:
    return "\n".join(block_text(b) for b in att.get("blocks", []))


class Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, cid: str, msg: str) -> None:
        self.items.append(f"{cid}: {msg}")


def need(d: dict, key: str, typ, cid: str, where: str, probs: Problems):
    if key not in d:
        probs.add(cid, f"{where}.{key} missing")
        return None
    v = d[key]
    if not isinstance(v, typ):
        probs.add(cid, f"{where}.{key} has type {type(v).__name__}")
        return None
    return v


def check_case(path: Path, probs: Problems) -> dict | None:
    cid = path.stem
    try:
        case = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        probs.add(cid, f"does not load: {e}")
        return None
    if case.get("id") != cid:
        probs.add(cid, f"id {case.get('id')!r} differs from the file name")
    split = need(case, "split", str, cid, "", probs)
    if split is not None and split not in SPLITS:
        probs.add(cid, f"split {split!r}")
    if cid in OWN and split != OWN[cid]:
        probs.add(cid, f"split {split!r}, assigned {OWN[cid]!r}")
    structure = need(case, "structure", str, cid, "", probs)
    if structure is not None and not structure.strip():
        probs.add(cid, "structure empty")

    mail = need(case, "mail", dict, cid, "", probs) or {}
    mailer = need(mail, "mailer", str, cid, "mail", probs)
    if mailer is not None and mailer not in MAILERS:
        probs.add(cid, f"mailer {mailer!r}")
    for k in ("from", "to", "subject", "body"):
        need(mail, k, str, cid, "mail", probs)
    if "@" not in mail.get("from", "@"):
        probs.add(cid, "mail.from has no address")
    date = None
    ds = need(mail, "date", str, cid, "mail", probs)
    if ds is not None:
        try:
            date = dt.datetime.fromisoformat(ds)
            if date.tzinfo is None:
                probs.add(cid, "mail.date has no offset")
                date = None
        except ValueError:
            probs.add(cid, f"mail.date {ds!r} is not ISO 8601")
    fmt = need(mail, "body_format", str, cid, "mail", probs)
    if fmt is not None and fmt not in BODY_FORMATS:
        probs.add(cid, f"body_format {fmt!r}")
    body = mail.get("body", "")
    if fmt == "html" and not re.search(r"<(html|div|p|body)\b", body, re.I):
        probs.add(cid, "html body has no html")
    sources = {"body": html_text(body) if fmt == "html" else body}

    atts = mail.get("attachments", [])
    if not isinstance(atts, list):
        probs.add(cid, "mail.attachments is not a list")
        atts = []
    for i, att in enumerate(atts):
        where = f"attachments[{i}]"
        need(att, "filename", str, cid, where, probs)
        kind = need(att, "kind", str, cid, where, probs)
        if kind is not None and kind not in KINDS:
            probs.add(cid, f"{where}.kind {kind!r}")
        if kind and not att.get("filename", "").lower().endswith("." + kind):
            probs.add(cid, f"{where}.filename does not end in .{kind}")
        prod = need(att, "producer", str, cid, where, probs)
        if prod is not None and prod not in PRODUCERS:
            probs.add(cid, f"{where}.producer {prod!r}")
        need(att, "justified", bool, cid, where, probs)
        role = need(att, "role", str, cid, where, probs)
        if role is not None and role not in ROLES:
            probs.add(cid, f"{where}.role {role!r}")
        if "running_header" in att and not isinstance(att["running_header"], str):
            probs.add(cid, f"{where}.running_header is not a string")
        known = {"filename", "kind", "producer", "justified", "role", "blocks", "running_header"}
        for k in att:
            if k not in known:
                probs.add(cid, f"{where}.{k} is not a known key")
        blocks = need(att, "blocks", list, cid, where, probs) or []
        if not blocks:
            probs.add(cid, f"{where} has no blocks")
        for j, b in enumerate(blocks):
            st = b.get("style")
            if st not in STYLES:
                probs.add(cid, f"{where}.blocks[{j}] style {st!r}")
            elif st == "table":
                rows = b.get("rows")
                if not (
                    isinstance(rows, list) and rows and all(isinstance(r, list) and r for r in rows)
                ):
                    probs.add(cid, f"{where}.blocks[{j}] table without rows")
                elif len({len(r) for r in rows}) != 1:
                    probs.add(cid, f"{where}.blocks[{j}] table rows of different length")
            elif not isinstance(b.get("text"), str) or not b["text"].strip():
                probs.add(cid, f"{where}.blocks[{j}] without text")
        sources[f"att{i}"] = attachment_text(att)

    label = need(case, "label", dict, cid, "", probs) or {}
    resp = need(label, "respondent", dict, cid, "label", probs) or {}
    rtype = need(resp, "type", str, cid, "label.respondent", probs)
    if rtype is not None and rtype not in TYPES:
        probs.add(cid, f"respondent type {rtype!r}")
    org = need(resp, "organisation", str, cid, "label.respondent", probs)
    sf = need(resp, "short_forms", list, cid, "label.respondent", probs)
    need(resp, "person", str, cid, "label.respondent", probs)
    if rtype == "borger" and (org or sf):
        probs.add(cid, "a citizen has an organisation or short forms")
    if rtype and rtype != "borger" and not org:
        probs.add(cid, "an organisation without a name")

    flat = {k: collapse(v) for k, v in sources.items()}
    spans: list[tuple[str, str]] = []
    inits = label.get("initiatives", [])
    for i, ini in enumerate(inits):
        where = f"initiatives[{i}]"
        title = need(ini, "title", str, cid, where, probs)
        if title is not None and not title.strip():
            probs.add(cid, f"{where}.title empty")
        text = need(ini, "text", str, cid, where, probs)
        kws = need(ini, "key_words", list, cid, where, probs)
        if kws is not None:
            if not 2 <= len(kws) <= 4:
                probs.add(cid, f"{where} has {len(kws)} key words")
            for kw in kws:
                if text and kw.lower() not in text.lower():
                    probs.add(cid, f"{where} key word {kw!r} not in its text")
        if text:
            spans.append((where, text))
    for i, rem in enumerate(label.get("remarks", [])):
        text = need(rem, "text", str, cid, f"remarks[{i}]", probs)
        if text:
            spans.append((f"remarks[{i}]", text))

    placed: dict[str, list[tuple[int, int, str]]] = {}
    for where, text in spans:
        t = collapse(text)
        hit = [k for k, v in flat.items() if t in v]
        if not hit:
            probs.add(cid, f"{where} span not found verbatim: {t[:70]!r}")
            continue
        k = hit[0]
        start = flat[k].find(t)
        if flat[k].find(t, start + 1) != -1:
            probs.add(cid, f"{where} span occurs more than once in {k}")
        placed.setdefault(k, []).append((start, start + len(t), where))
    for k, lst in placed.items():
        lst.sort()
        for (_s1, e1, w1), (s2, _e2, w2) in itertools.pairwise(lst):
            if s2 < e1:
                probs.add(cid, f"{w1} and {w2} overlap in {k}")

    flags = need(label, "flags", dict, cid, "label", probs) or {}
    nr = need(flags, "no_remarks", bool, cid, "label.flags", probs)
    late = need(flags, "late", bool, cid, "label.flags", probs)
    lang = need(flags, "language", str, cid, "label.flags", probs)
    if lang is not None and lang not in LANGUAGES:
        probs.add(cid, f"language {lang!r}")
    if late is not None and date is not None and late != (date >= DEADLINE):
        probs.add(cid, f"late={late} but the date is {ds}")
    if nr and inits:
        probs.add(cid, "no_remarks with initiatives")
    return case


def carrier(case: dict) -> str:
    for att in case["mail"].get("attachments", []):
        if att.get("role") == "reply":
            return att["kind"]
    return case["mail"]["body_format"]


def main(argv: list[str]) -> int:
    probs = Problems()
    paths = sorted(CASES.glob("*.toml"))
    if argv:
        paths = [p for p in paths if p.stem in set(argv)]
    cases = []
    for p in paths:
        c = check_case(p, probs)
        if c is not None:
            cases.append(c)
    ids = Counter(c.get("id") for c in cases)
    for cid, n in ids.items():
        if n > 1:
            probs.add(str(cid), "id used more than once")
    by = {k: Counter() for k in ("carrier", "type", "split", "mailer", "language")}
    n_init = Counter()
    for c in cases:
        by["carrier"][carrier(c)] += 1
        by["type"][c["label"]["respondent"]["type"]] += 1
        by["split"][c["split"]] += 1
        by["mailer"][c["mail"]["mailer"]] += 1
        by["language"][c["label"]["flags"]["language"]] += 1
        n_init[c["split"]] += len(c["label"].get("initiatives", []))
    print(f"cases: {len(cases)}")
    for k, cnt in by.items():
        print(f"{k}: " + ", ".join(f"{a}={b}" for a, b in sorted(cnt.items())))
    per = Counter(len(c["label"].get("initiatives", [])) for c in cases)
    print("initiatives per reply: " + ", ".join(f"{a}:{b}" for a, b in sorted(per.items())))
    print(
        f"initiatives: {sum(n_init.values())} ("
        + ", ".join(f"{a}={b}" for a, b in sorted(n_init.items()))
        + ")"
    )
    print(
        f"late: {sum(c['label']['flags']['late'] for c in cases)}, "
        f"no_remarks: {sum(c['label']['flags']['no_remarks'] for c in cases)}"
    )
    for line in probs.items:
        print("PROBLEM " + line)
    print(f"problems: {len(probs.items)}")
    return 1 if probs.items else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
