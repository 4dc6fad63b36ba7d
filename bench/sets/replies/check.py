#!/usr/bin/env python3
"""Validate the labelled reply cases (standard library only).

Usage: python3 check.py [CASES_DIR ...]   (default: cases/ beside this file)

Checks the schema (required keys, allowed values, unique ids, split by id range)
and that every labelled span (initiative text, remark text) occurs verbatim in
the mail body or in the attachment blocks after collapsing whitespace.  For HTML
bodies the span is matched against the visible text of the HTML (tags removed,
entities decoded); list numbers produced by Word numbering ("number" blocks) are
not part of the text.  Prints counts per carrier, respondent type and split.
"""

from __future__ import annotations

import collections
import html
import html.parser
import re
import sys
import tomllib
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

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
LANGS = {"da", "en"}
SPLITS = {"tune", "sealed"}
DEADLINE = datetime.fromisoformat("2017-08-21T00:00:00+02:00")

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "hr",
    "td",
    "th",
}


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(src: str) -> str:
    p = _Text()
    p.feed(src)
    p.close()
    return html.unescape("".join(p.parts)).replace("\xa0", " ")


def collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()


def block_text(blocks: list[dict]) -> str:
    out = []
    for b in blocks:
        if b.get("style") == "table":
            for row in b.get("rows", []):
                out.append("\n".join(row))
        else:
            out.append(b.get("text", ""))
    return "\n".join(out)


def check_case(path: Path, errors: list[str]) -> dict | None:
    def err(msg: str) -> None:
        errors.append(f"{path.name}: {msg}")

    try:
        case = tomllib.loads(path.read_text(encoding="utf-8"))
    except Exception as e:
        err(f"TOML error: {e}")
        return None
    for key in ("id", "split", "structure", "mail", "label"):
        if key not in case:
            err(f"missing key {key}")
            return None
    if path.stem != case["id"]:
        err("file name does not match id")
    if case["split"] not in SPLITS:
        err(f"bad split {case['split']}")
    if not str(case["structure"]).strip():
        err("empty structure")
    mail = case["mail"]
    for key in ("mailer", "from", "to", "subject", "date", "body_format", "body"):
        if key not in mail:
            err(f"mail missing {key}")
            return None
    if mail["mailer"] not in MAILERS:
        err(f"bad mailer {mail['mailer']}")
    if mail["body_format"] not in BODY_FORMATS:
        err(f"bad body_format {mail['body_format']}")
    try:
        date = datetime.fromisoformat(mail["date"])
        if date.tzinfo is None:
            err("date without timezone")
    except ValueError:
        err(f"bad date {mail['date']}")
        date = None
    if "@" not in mail["from"]:
        err("from without address")
    haystacks = []
    body = mail["body"]
    haystacks.append(collapse(html_text(body) if mail["body_format"] == "html" else body))
    reply_docs = 0
    for att in mail.get("attachments", []):
        for key in ("filename", "kind", "producer", "justified", "role", "blocks"):
            if key not in att:
                err(f"attachment missing {key}")
        if att.get("kind") not in KINDS:
            err(f"bad kind {att.get('kind')}")
        if att.get("producer") not in PRODUCERS:
            err(f"bad producer {att.get('producer')}")
        if att.get("role") not in ROLES:
            err(f"bad role {att.get('role')}")
        if not isinstance(att.get("justified"), bool):
            err("justified must be bool")
        if not att.get("filename", "").lower().endswith("." + str(att.get("kind"))):
            err(f"filename {att.get('filename')} does not end in .{att.get('kind')}")
        for b in att.get("blocks", []):
            if b.get("style") not in STYLES:
                err(f"bad block style {b.get('style')}")
            if b.get("style") == "table":
                rows = b.get("rows")
                if not rows or not all(isinstance(r, list) for r in rows):
                    err("table without rows")
                elif len({len(r) for r in rows}) != 1:
                    err("table rows of unequal length")
            elif not isinstance(b.get("text"), str) or not b["text"].strip():
                err(f"block without text ({b.get('style')})")
        if att.get("role") == "reply":
            reply_docs += 1
            haystacks.append(collapse(block_text(att.get("blocks", []))))
        else:
            haystacks.append(None)  # background: spans may not point into it
    label = case["label"]
    resp = label.get("respondent")
    if not resp:
        err("label.respondent missing")
        return None
    for key in ("type", "organisation", "short_forms", "person"):
        if key not in resp:
            err(f"respondent missing {key}")
    if resp.get("type") not in TYPES:
        err(f"bad respondent type {resp.get('type')}")
    if resp.get("type") == "borger" and resp.get("organisation"):
        err("borger with an organisation")
    if resp.get("type") != "borger" and not resp.get("organisation"):
        err("non-borger without organisation")
    if not isinstance(resp.get("short_forms", []), list):
        err("short_forms must be a list")
    flags = label.get("flags", {})
    for key in ("no_remarks", "late", "language"):
        if key not in flags:
            err(f"flags missing {key}")
    if flags.get("language") not in LANGS:
        err(f"bad language {flags.get('language')}")
    late = flags.get("late")
    if date is not None and isinstance(late, bool) and late != (date >= DEADLINE):
        err(f"late flag {flags['late']} disagrees with date {mail['date']}")
    inits = label.get("initiatives", [])
    valid = [h for h in haystacks if h is not None]
    for i, ini in enumerate(inits, 1):
        for key in ("title", "text", "key_words"):
            if key not in ini:
                err(f"initiative {i} missing {key}")
        kws = ini.get("key_words", [])
        if not (2 <= len(kws) <= 4):
            err(f"initiative {i}: need 2-4 key_words")
        span = collapse(ini.get("text", ""))
        if not span:
            err(f"initiative {i}: empty text")
        elif not any(span in h for h in valid):
            err(f"initiative {i} ({ini.get('title')}): text not found verbatim: {span[:80]!r}")
        else:
            low = span.lower()
            for kw in kws:
                if kw.lower() not in low:
                    err(f"initiative {i}: key word {kw!r} not in its text")
    for j, rem in enumerate(label.get("remarks", []), 1):
        span = collapse(rem.get("text", ""))
        if not span or not any(span in h for h in valid):
            err(f"remark {j}: text not found verbatim: {span[:80]!r}")
    if flags.get("no_remarks") and inits:
        err("no_remarks but initiatives labelled")
    return case


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [HERE / "cases"]
    errors: list[str] = []
    cases = []
    for d in dirs:
        for p in sorted(d.glob("*.toml")):
            c = check_case(p, errors)
            if c:
                cases.append(c)
    ids = collections.Counter(c["id"] for c in cases)
    for i, n in ids.items():
        if n > 1:
            errors.append(f"duplicate id {i}")
    for c in cases:
        m = re.fullmatch(r"r(\d{3})", c["id"])
        if not m:
            errors.append(f"{c['id']}: id must be rNNN")
            continue
        n = int(m.group(1))
        if n > 32:
            continue  # r033-r064 are the other writer's; their split is theirs
        want = "tune" if n <= 12 else "sealed"
        if c["split"] != want:
            errors.append(f"{c['id']}: split {c['split']} but expected {want} by id range")

    def carrier(c):
        atts = c["mail"].get("attachments", [])
        return atts[0]["kind"] if atts else c["mail"]["body_format"]

    print(f"cases: {len(cases)}")
    for name, fn in (
        ("carrier", carrier),
        ("split", lambda c: c["split"]),
        ("type", lambda c: c["label"]["respondent"]["type"]),
        ("mailer", lambda c: c["mail"]["mailer"]),
        ("language", lambda c: c["label"]["flags"]["language"]),
        ("initiatives/reply", lambda c: len(c["label"].get("initiatives", []))),
    ):
        cnt = collections.Counter(fn(c) for c in cases)
        print(f"{name:18} " + ", ".join(f"{k}={v}" for k, v in sorted(cnt.items(), key=str)))
    tot = sum(len(c["label"].get("initiatives", [])) for c in cases)
    per_split = collections.Counter()
    for c in cases:
        per_split[c["split"]] += len(c["label"].get("initiatives", []))
    print(
        f"initiatives total  {tot} ({', '.join(f'{k}={v}' for k, v in sorted(per_split.items()))})"
    )
    print(f"late               {sum(1 for c in cases if c['label']['flags']['late'])}")
    print(f"no_remarks         {sum(1 for c in cases if c['label']['flags']['no_remarks'])}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
