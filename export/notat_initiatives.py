"""The initiatives in the høringsnotat's theme sections: by title, with a one-line summary.

A reply that proposes initiatives is listed under a theme by those of its initiatives that
carry the theme (initiatives without a theme under the reply's first theme); a reply without
initiatives, or none on that theme, keeps its one-line summary (export/notat.py).
"""

from __future__ import annotations

import re

from hoering.analysis.summary import fit, sentences
from hoering.export.views import InitiativeView, ReplyView

_MARKER = re.compile(r"^(?:#+\s*|[-•*–]\s+|\d{1,2}[.)]\s+|[a-h]\)\s+)", re.IGNORECASE)
_AD = re.compile(r"^(?:ad|forslag|initiativ|tiltag|proposal)\s+\d{1,2}\s*[:.–-]\s*", re.IGNORECASE)
_LABEL_ROW = re.compile(
    r"^(?:initiativets?\s+titel|beskrivelse|ansvarlig\s+myndighed|niveau)\s*(?:\||:)\s*",
    re.IGNORECASE,
)


def initiatives_on(record: ReplyView, label: str) -> list[InitiativeView]:
    """The reply's initiatives to list under theme `label`."""
    first = record.themes[0].label if record.themes else None
    return [
        item
        for item in record.initiatives
        if label in item.themes or (not item.themes and label == first)
    ]


def initiative_line(item: InitiativeView) -> str:
    """ "Title – first sentence of what it proposes"; just the sentence when the title is
    its beginning (a list item's title is its first sentence)."""
    sentence = _first_sentence(item)
    stem = " ".join(item.title.rstrip("…").split()).casefold()
    if not sentence or sentence.casefold() == stem:
        return item.title
    if sentence.casefold().startswith(stem):
        rest = sentence[len(stem) :].lstrip(" :.–-")
        if not rest or item.title.endswith("…"):
            return _cut(sentence if item.title.endswith("…") else item.title)
        return f"{item.title} – {_cut(rest[:1].upper() + rest[1:])}"
    return f"{item.title} – {_cut(sentence)}"


def one_line_summary(item: InitiativeView) -> str:
    """What initiative_line shows after the title ("" when the text is only the title)."""
    line = initiative_line(item)
    return line[len(item.title) + 3 :] if line.startswith(f"{item.title} – ") else ""


def _first_sentence(item: InitiativeView) -> str:
    """The first sentence of the initiative's text: list markers, form labels, "Ad 2:",
    number and title cells left out, spaces collapsed (PDF text doubles them)."""
    parts = []
    for line in item.text.splitlines():
        line = _AD.sub("", _LABEL_ROW.sub("", _MARKER.sub("", line.strip())))
        if " | " in line:
            cells = [c for c in line.split(" | ") if len(c.split()) >= 4 and c != item.title]
            line = ". ".join(cells)
        if line:
            parts.append(line)
    text = " ".join(" ".join(parts).split())
    found = sentences(text)[:2] or [""]
    stem = item.title.rstrip("…").rstrip(".").casefold()
    # "4. Samskabelse med erhvervslivet. Vi foreslår ...": the title is a sentence of its own.
    if len(found) > 1 and found[0].rstrip(".:").casefold() == stem:
        return f"{item.title}: {found[1]}"
    return found[0]


def _cut(text: str) -> str:
    return fit(text)
