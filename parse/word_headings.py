"""Bold paragraphs that serve as headings in a Word body, marked "# " for the initiative
splitter (analysis/initiatives.py), the way styled headings are.

Many letters make their headings bold in the Normal style instead of using Heading 1-3.
Word text has no blank lines between paragraphs, so without a mark such a heading looks like
any short paragraph ("Det kan gøres billigt"), and the splitter would have to guess by line
length. A paragraph whose every run is bold, short and without a sentence's end is a
heading: it is marked one level below the deepest styled heading of the body, so proposals
set in bold stay under the sections their styled headings open ("# Vores forslag").

A short paragraph set larger than text without bold (a heading made by font size alone)
and a paragraph in Word's Title style are marked as a bold title set large is. A bold
paragraph that is one short sentence, label or question ending in ".", ":" or "?" ("Der bør
oprettes et lobbyregister.", "Lobbyregister:", "Hvordan kan ...?") is a heading where two
or more stand so over a paragraph of text each: one alone is emphasis, and one over a list
introduces it.

Only the letter's own part is marked: from its first styled heading or paragraph of prose
to its closing
("Med venlig hilsen"). The letterhead and title above, and the signature below, stay as
written, since the respondent is read from those lines (analysis/respondent_org.py). For
the same reason a table row keeps its cells' paragraphs on one line only inside that part.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = {"0", "false", "off", "none"}
_STRONG_STYLE = re.compile(r"strong|kraftig|fed|bold", re.IGNORECASE)
# Private-use character: a bold heading found while walking, before its level is known.
BOLD, LARGE = "\ue010", "\ue011"
# A bold paragraph that ends like a sentence, a label or a question ("Der bør oprettes et
# lobbyregister.", "Lobbyregister:", "Hvordan kan borgerne inddrages?"): a heading only
# where two or more lead what follows.
LEAD = "\ue013"
# Between the paragraphs (or lines) of one table cell, before the letter's part is known.
CELL_BREAK = "\ue012"
# After a bold run-in lead ("Åbne ventetider." opening its paragraph in bold, the text
# running on in roman): the paragraph parts here where its lead is read as a heading.
RUN_IN = "\ue014"
_TEXT_SIZE = 24  # half-points: a bold line set larger than 12 pt is a title or a chapter
_HEADING_MAX, _HEADING_WORDS = 80, 12
_PROSE_MIN = 50  # characters of a paragraph of prose: the letter's own part begins
_LEAD_MAX, _LEAD_WORDS = 150, 25  # a bold lead sentence: one short sentence
_SENTENCE_INSIDE = re.compile(r"[.!?:;]\s")
# A list item as extraction writes it: "- ", "1. ", "2.1 ", "a) ", indented by its level.
_LIST_LINE = re.compile(r"^\s*(?:[-•*–]|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zA-Z][.)])\s")
_CLOSING = re.compile(
    r"^(?:med (?:venlig|venlige) hilsen|venlig hilsen|venligst|mvh\b|de bedste hilsner|"
    r"bedste hilsner|venlige hilsner|kind regards|best regards|yours sincerely|sincerely|"
    # "På vegne af bestyrelsen", not "På vegne af foreningen takker vi for muligheden."
    r"på vegne af(?: [^\s.!?]+){1,5}$)",
    re.IGNORECASE,
)
_CLOSING_MAX = 80  # characters of a closing line; a longer one is a sentence of the letter
_MARKED = re.compile(r"^(#{1,6}) ")


def all_bold(
    runs: Iterable[etree._Element],
    paragraph: etree._Element | None = None,
    bold_styles: frozenset[str] = frozenset(),
) -> bool:
    """True when every run that shows text is bold: w:b on the run, its character style
    ("Strong", "Kraftig", or any in `bold_styles`) or the paragraph's style in
    `bold_styles` (a "Mellemrubrik" style set in bold), unless the run turns bold off."""
    shown = [run for run in runs if "".join(run.itertext()).strip()]
    inherited = _style_of(paragraph, "pPr", "pStyle") in bold_styles
    return bool(shown) and all(_bold(run, inherited, bold_styles) for run in shown)


def bold_styles(styles: etree._Element | None) -> frozenset[str]:
    """The ids of the styles in styles.xml that set text in bold, themselves or by the
    style they are based on."""
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for style in styles.iterfind(f"{_W}style"):
        style_id = style.get(f"{_W}styleId") or ""
        bold = style.find(f"{_W}rPr/{_W}b")
        own[style_id] = None if bold is None else _on(bold)
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based[style_id] = parent.get(f"{_W}val") or ""
    found = set()
    for style_id in own:
        seen, current = set(), style_id
        while current in own and own[current] is None and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if own.get(current):
            found.add(style_id)
    return frozenset(found)


@dataclass(frozen=True)
class Look:
    """How a Word body sets its text: the styles that make text bold, and the size (in
    half-points) most of its characters are set in by direct formatting (0: the styles')."""

    bold_styles: frozenset[str] = frozenset()
    text_size: int = 0


PLAIN = Look()  # a story read without its styles: bold on the runs only


def body_look(body: etree._Element, styles: etree._Element | None) -> Look:
    """The Look of a document's body, its styles.xml root given."""
    sizes: Counter[int] = Counter()
    for run in body.iter(f"{_W}r"):
        sizes[_size(run) or 0] += len("".join(run.itertext()))
    return Look(bold_styles(styles), sizes.most_common(1)[0][0] if sizes else 0)


def heading_mark(
    runs: list[etree._Element], paragraph: etree._Element | None = None, look: Look = PLAIN
) -> str:
    """BOLD or LARGE for a paragraph set as a heading: every run bold (LARGE when larger
    than text too), or every run set larger than the text around it without bold (a title
    or heading made by font size alone); "" for a paragraph set as text."""
    if all_bold(runs, paragraph, look.bold_styles):
        return bold_mark(runs)
    return LARGE if _all_large(runs, look.text_size) else ""


def _all_large(runs: Iterable[etree._Element], text_size: int) -> bool:
    """Every run set larger than 12 pt and than the body's own text (a letter typed all in
    14 pt has no headings by size)."""
    shown = [run for run in runs if "".join(run.itertext()).strip()]
    return bool(shown) and all((_size(run) or 0) > max(_TEXT_SIZE, text_size) for run in shown)


def _size(run: etree._Element) -> int | None:
    """The run's own font size in half-points, None when its style sets it."""
    size = run.find(f"{_W}rPr/{_W}sz")
    value = (size.get(f"{_W}val") or "") if size is not None else ""
    return int(value) if value.isdigit() else None


def bold_mark(runs: list[etree._Element]) -> str:
    """LARGE when the bold runs are set larger than text, else BOLD."""
    sizes = [size for size in map(_size, runs) if size is not None]
    return LARGE if sizes and min(sizes) > _TEXT_SIZE else BOLD


def _bold(run: etree._Element, inherited: bool, bold_styles: frozenset[str]) -> bool:
    properties = run.find(f"{_W}rPr")
    bold = properties.find(f"{_W}b") if properties is not None else None
    if bold is not None:
        return _on(bold)
    style = _style_of(run, "rPr", "rStyle")
    return inherited or style in bold_styles or bool(style and _STRONG_STYLE.search(style))


def _style_of(element: etree._Element | None, properties: str, tag: str) -> str:
    found = element.find(f"{_W}{properties}/{_W}{tag}") if element is not None else None
    return (found.get(f"{_W}val") or "") if found is not None else ""


def _on(toggle: etree._Element) -> bool:
    return (toggle.get(f"{_W}val") or "true").casefold() not in _OFF


def heading_like(text: str) -> bool:
    """Short, a few words, no sentence end: a heading rather than a bold sentence."""
    text = text.strip()
    return (
        3 <= len(text) <= _HEADING_MAX
        and len(text.split()) <= _HEADING_WORDS
        and "\n" not in text
        and not text.endswith((".", ",", ";", "!", "?", ":"))
        and any(ch.isalpha() for ch in text)
    )


def lead_like(text: str) -> bool:
    """One short sentence, label or question that ends in ".", ":" or "?": bold, it may lead
    what follows ("Der bør oprettes et lobbyregister." over the paragraph that argues for
    it, the call's question over its answer)."""
    text = text.strip()
    return (
        text.endswith((".", ":", "?"))
        and len(text) <= _LEAD_MAX
        and len(text.split()) <= _LEAD_WORDS
        and "\n" not in text
        and not _SENTENCE_INSIDE.search(text)
        and any(ch.isalpha() for ch in text)
    )


def run_in(
    runs: list[etree._Element], texts: list[str], paragraph: etree._Element, look: Look
) -> str:
    """The paragraph's text as LEAD, its bold run-in lead, RUN_IN and the rest, when it
    opens with one: a short phrase or sentence ending in "." in bold, the text running on
    in roman ("Åbne ventetider. Vi foreslår, at ..."); "" when it does not."""
    for count in range(1, len(runs)):
        lead, rest = "".join(texts[:count]), "".join(texts[count:])
        if not all_bold(runs[:count], paragraph, look.bold_styles):
            return ""
        if lead.strip() and not lead.rstrip().endswith("."):
            continue
        roman = not any(_bold(r, False, look.bold_styles) for r in runs[count:] if _shown(r))
        fits = heading_like(lead.rstrip(".")) and len(lead.split()) <= _HEADING_WORDS
        spaced = lead[-1:].isspace() or rest[:1].isspace()
        if lead.strip() and rest.strip() and roman and fits and spaced:
            return f"{LEAD}{lead.rstrip()}{RUN_IN}{rest.lstrip()}"
    return ""


def _shown(run: etree._Element) -> bool:
    return bool("".join(run.itertext()).strip())


def _with_leads(lines: list[str]) -> list[str]:
    """Bold leads (LEAD) read as bold headings where two or more stand over a paragraph of
    their own, each set out like the others; elsewhere (one alone, or over a list, which it
    introduces: "Vi har følgende forslag:") the line stays as written. A run-in lead is
    such a heading over the rest of its paragraph, or stays part of it."""
    heads = {
        index
        for index, line in enumerate(lines)
        if line.startswith(LEAD) and (RUN_IN in line or _over_text(lines, index))
    }
    found = []
    for index, line in enumerate(lines):
        if not line.startswith(LEAD):
            found.append(line)
        elif len(heads) >= 2 and index in heads:
            found += (BOLD + line[1:]).split(RUN_IN)
        else:
            found.append(line[1:].replace(RUN_IN, " "))
    return found


def _over_text(lines: list[str], index: int) -> bool:
    """The next paragraph is text: no heading, no bold line, no list item."""
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    return (
        bool(following)
        and not following.startswith((BOLD, LARGE, LEAD, "#"))
        and not _LIST_LINE.match(following)
    )


def with_bold_headings(lines: list[str]) -> list[str]:
    """The body's lines with each bold heading (a line opening with BOLD, or LARGE when set
    larger than the text) marked "# " below the deepest styled heading, a larger one a level
    above the others, inside the letter's own part: from the heading right over its first
    prose paragraph to its closing. Elsewhere the mark is dropped: the line stays as
    written."""
    lines = _with_leads(lines)
    levels = [len(m.group(1)) for m in map(_MARKED.match, lines) if m]
    deepest = max(levels, default=0)
    first = next((i for i, line in enumerate(lines) if _opens_letter(line)), len(lines))
    if 1 < first < len(lines) and lines[first - 1].startswith((BOLD, LARGE)):
        first -= 1  # the first section's heading (the first line is the letterhead)
    closing = next((i for i, line in enumerate(lines) if i > first and _closes(line)), len(lines))
    large = any(line.startswith(LARGE) for line in lines[first:closing])
    marks = {
        LARGE: "#" * min(deepest + 1, 6) + " ",
        BOLD: "#" * min(deepest + 1 + large, 6) + " ",
    }
    marked = [
        (marks[line[0]] if first <= index < closing else "") + line[1:]
        if line.startswith((BOLD, LARGE))
        else line
        for index, line in enumerate(lines)
    ]
    # A table row in the letter's text stays one line, its cells' paragraphs run together,
    # so a proposal's row is read whole ("Forslag | Beskrivelse" over one row per proposal).
    # A letterhead or signature laid out in a table keeps a line per paragraph: the
    # respondent is read from those lines.
    return [
        line.replace(CELL_BREAK, " " if first <= index < closing else "\n")
        for index, line in enumerate(marked)
    ]


def _closes(line: str) -> bool:
    """The letter's closing ("Med venlig hilsen", "På vegne af bestyrelsen"), in bold or not:
    the name, title and organisation below it are the signature, never headings."""
    text = line.lstrip(BOLD + LARGE).strip().split("\n", 1)[0]  # a signature in one paragraph
    return len(text) <= _CLOSING_MAX and bool(_CLOSING.match(text))


def _opens_letter(line: str) -> bool:
    """A styled heading or a paragraph of prose: the letterhead and title are above it."""
    text = line.strip()
    if _MARKED.match(text):
        return True
    return (
        not text.startswith((BOLD, LARGE))
        and len(text) >= _PROSE_MIN
        and text.endswith((".", "!", "?", ":"))
    )
