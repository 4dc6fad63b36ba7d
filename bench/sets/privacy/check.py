"""Validate the privacy set against its own mails (standard library; pdftotext for the PDFs).

    python3 bench/sets/privacy/check.py

It does NOT run hoering. It reads mails/*.eml and pieces.toml and checks:
  - every case has a mail and a label, kind is citizen/organisation, no piece is shorter than 3 characters;
  - every must_stay piece occurs in its own mail's text (headers, bodies, attachment names and text);
  - a must_vanish piece that does not occur literally in its mail is reported as a variant (allowed);
  - no must_vanish piece occurs in another case's mail or inside any must_stay piece (so a piece that
    survives in a shared export file can only come from its own case, and keeping an ordinary word never
    counts as a leak);
  - at least 70 must_vanish pieces over the citizens' cases.
`matches()` is the set's matching rule (README.md); a checker of the tool's exports may copy it.
"""

from __future__ import annotations

import email
import html
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from email import policy
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUMBER = re.compile(r"[\d\s+\-./]+")


def matches(piece: str, text: str) -> bool:
    """The set's rule: does `piece` occur in `text`?"""
    piece = piece.strip()
    if NUMBER.fullmatch(piece) and any(ch.isdigit() for ch in piece):
        marks = [ch for ch in piece if not ch.isspace()]
        pattern = r"(?<!\d)" + r"\s*".join(re.escape(ch) for ch in marks) + r"(?!\d)"
    elif re.search(r"\s", piece):
        pattern = r"\s+".join(re.escape(w) for w in piece.split())
    else:
        pattern = r"(?<![^\W_])" + re.escape(piece) + r"(?![^\W_])"
    return re.search(pattern, text, re.IGNORECASE) is not None


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self._skip += 1
        if tag in ("p", "div", "br", "li", "tr", "hr"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)


def html_text(src: str) -> str:
    p = _Visible()
    p.feed(src)
    return "".join(p.out).replace("\xa0", " ")


def docx_text(data: bytes) -> str:
    with tempfile.TemporaryFile() as f:
        f.write(data)
        z = zipfile.ZipFile(f)
        xml = z.read("word/document.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8") if "docProps/core.xml" in z.namelist() else ""
    xml = re.sub(r"</w:p>|<w:br/>", "\n", xml)
    text = html.unescape(re.sub(r"<[^>]+>", "", xml))
    meta = html.unescape(" ".join(re.findall(r">([^<]+)<", core)))
    return text + "\n" + meta


def pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        print("warning: pdftotext missing, PDF text not checked", file=sys.stderr)
        return ""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        body = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, check=True).stdout.decode()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True).stdout.decode() if shutil.which("pdfinfo") else ""
    return body + "\n" + info


def mail_text(path: Path) -> str:
    m = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    parts = [f"{k}: {m[k]}" for k in ("From", "To", "Subject", "Message-ID") if m[k]]
    for part in m.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        ctype = part.get_content_type()
        if name:
            parts.append(name)
            data = part.get_content()
            if ctype == "application/pdf":
                parts.append(pdf_text(data))
            elif name.lower().endswith(".docx"):
                parts.append(docx_text(data))
        elif ctype == "text/plain":
            parts.append(part.get_content())
        elif ctype == "text/html":
            parts.append(html_text(part.get_content()))
    return "\n".join(parts)


def main() -> int:
    labels = tomllib.loads((HERE / "pieces.toml").read_text(encoding="utf-8"))
    mails = {p.stem: p for p in sorted((HERE / "mails").glob("*.eml"))}
    errors, variants = [], []
    if set(labels) != set(mails):
        errors.append(f"cases and mails differ: {sorted(set(labels) ^ set(mails))}")
    texts = {cid: mail_text(p) for cid, p in mails.items()}
    all_stay = [(cid, s) for cid, lab in labels.items() for s in lab.get("must_stay", [])]
    citizen_pieces = 0
    for cid, lab in labels.items():
        if lab.get("kind") not in ("citizen", "organisation"):
            errors.append(f"{cid}: kind {lab.get('kind')!r}")
        vanish, stay = lab.get("must_vanish", []), lab.get("must_stay", [])
        if not vanish or not stay:
            errors.append(f"{cid}: empty must_vanish or must_stay")
        for piece in vanish + stay:
            if len(piece.strip()) < 3:
                errors.append(f"{cid}: piece {piece!r} shorter than 3")
        for lst, what in ((vanish, "must_vanish"), (stay, "must_stay")):
            if len({p.lower() for p in lst}) != len(lst):
                errors.append(f"{cid}: duplicate in {what}")
        text = texts.get(cid, "")
        for piece in stay:
            if not matches(piece, text):
                errors.append(f"{cid}: must_stay {piece!r} not in its mail")
        for piece in vanish:
            if not matches(piece, text):
                variants.append(f"{cid}: {piece}")
            for other, otext in texts.items():
                if other != cid and matches(piece, otext):
                    errors.append(f"{cid}: must_vanish {piece!r} also occurs in {other}")
            for scid, s in all_stay:
                if matches(piece, s):
                    errors.append(f"{cid}: must_vanish {piece!r} matches must_stay {s!r} of {scid}")
        if lab.get("kind") == "citizen":
            citizen_pieces += len(vanish)
    if citizen_pieces < 70:
        errors.append(f"only {citizen_pieces} must_vanish pieces over citizens (need 70)")
    n_cit = sum(1 for lab in labels.values() if lab.get("kind") == "citizen")
    n_vanish = sum(len(lab["must_vanish"]) for lab in labels.values())
    n_stay = sum(len(lab["must_stay"]) for lab in labels.values())
    print(f"cases {len(labels)} (citizens {n_cit}, organisations {len(labels) - n_cit})")
    print(f"must_vanish {n_vanish} (citizens {citizen_pieces}), must_stay {n_stay}")
    print(f"variants (not literally in the mail): {len(variants)}")
    for v in variants:
        print("  ", v)
    for e in errors:
        print("ERROR", e)
    print("clean" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
