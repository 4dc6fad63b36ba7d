"""Numbered sections that are not proposals, for the initiative splitter (analysis/
initiatives.py): a letter or report numbered by its chapters ("1. Indledning", "2. Metode",
"4. Afslutning"), one proposal written in numbered template sections ("1. Problem",
"2. Løsning", each with sub-points 1.1, 1.2, ...), and proposals sub-numbered under a
section that names them ("2. Forslag" over "2.1 ... 2.4").

Sub-numbers ("2.1 Åbne kalendere") are read as list items nested one level per number
below their section ("  - 2.1 Åbne kalendere"), so they are parts of the item above them,
or the items of a heading that groups proposals.
"""

from __future__ import annotations

import re

from hoering.analysis.initiative_headings import LETTER_SECTION, PROPOSALS_HEADING, SUBSECTION
from hoering.analysis.initiative_lists import bare_numbered_spans, list_items, titled_bullet_spans
from hoering.analysis.initiative_text import HEADING, ITEM, PROPOSING, Span, clean_title

_SUB_NUMBER = re.compile(r"^(\s*)(\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+(\S.*)$")


def with_sub_numbers(lines: list[str]) -> list[str]:
    """Lines opening with a sub-number ("2.1 ...") at the start of a paragraph written as
    nested list items; a wrapped line that happens to open with "2.5" is left alone."""
    result = []
    for index, line in enumerate(lines):
        match = _SUB_NUMBER.match(line)
        before = lines[index - 1].strip() if index else ""
        opens = not before or before.endswith((".", ":", "!", "?")) or _numbered(before)
        if match and opens:
            depth = match.group(2).count(".")
            line = f"{match.group(1)}{'  ' * depth}- {match.group(2)} {match.group(3)}"
        result.append(line)
    return result


def _numbered(line: str) -> bool:
    return bool(ITEM.match(line) or HEADING.match(line) or _SUB_NUMBER.match(line))


def numbered_sections(lines: list[str]) -> list[Span]:
    """Rule 5 (numbered paragraphs without an introduction) without the numbers that are
    sections: chapters and letter sections are dropped; a section that names proposals
    gives its sub-numbered items; template sections make the list one proposal's parts,
    which the single rule reads as one."""
    spans = bare_numbered_spans(lines) or titled_bullet_spans(lines)
    themes = _themes(spans)
    if themes:
        return themes
    kept: list[Span] = []
    for span in spans:
        title = _bare_title(span)
        grouped = _sub_items(span) if title and PROPOSALS_HEADING.search(title) else []
        if grouped:
            kept += grouped
        elif title and SUBSECTION.match(title):
            return []  # "1. Problem", "2. Løsning": one proposal's sections
        elif not (title and LETTER_SECTION.match(title)):
            kept.append(span)
    return kept


def _bare_title(span: Span) -> str:
    """The item's title when its first line is a title alone ("2. Metode"), else ""."""
    item = ITEM.match(span.lines[0])
    text = item.group(5).strip() if item else ""
    bare = len(text) <= 60 and not text.endswith((".", "!", "?", ","))
    return clean_title(text) if bare else ""


def _sub_items(span: Span, least: int = 2) -> list[Span]:
    """The nested items of a numbered section ("2. Forslag" over "2.1 ... 2.3")."""
    lines = list(span.lines)
    start = next((i for i, line in enumerate(lines[1:], 1) if ITEM.match(line)), None)
    if start is None:
        return []
    items, _ = list_items(lines, start)
    return items if len(items) >= least else []


def _themes(spans: list[Span]) -> list[Span]:
    """Numbered themes that group sub-numbered proposals ("1. Åbne sundhedsdata" over
    "1.1 Regionerne bør ...", "1.2 Der bør ..."): every number a bare title, every
    sub-number a sentence that asks for something or a title over its own paragraph, so the
    sub-numbers are the proposals.
    Under a proposal that is a sentence itself, or a template section ("1. Problem"),
    sub-numbers stay its parts."""
    titles = [_bare_title(span) for span in spans]
    if not titles or not all(titles) or any(SUBSECTION.match(t) for t in titles):
        return []
    found: list[Span] = []
    for span, title in zip(spans, titles, strict=True):
        if LETTER_SECTION.match(title):
            continue  # "1. Indledning", "3. Afslutning": the letter's own, its parts too
        items = _sub_items(span, least=1)
        if not items or not all(map(_proposes, items)):
            return []
        found += items
    return found


def _proposes(item: Span) -> bool:
    """A sub-number that asks for something, or that titles a paragraph of its own ("1.2
    Åbne data om luftkvalitet" over what the sender offers to do): a proposal's heading."""
    text = " ".join(line.strip() for line in item.lines if line.strip())
    if not text.endswith((".", "!")):
        return False
    title = _bare_title(item)
    heads = bool(title) and len(item.lines) > 1 and not SUBSECTION.match(title)
    return heads or PROPOSING.search(text) is not None
