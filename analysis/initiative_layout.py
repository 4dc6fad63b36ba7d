"""Structure a reply shows by layout and wording rather than by markup, for the initiative
splitter (analysis/initiatives.py): headings read from short lines, and proposals enumerated
inside one sentence ("(1) ... (2) ..."). Ordinals are analysis/initiative_sequence.py.

PDF text and plain mails carry no heading markup: a bold heading arrives as a short line on
its own, after the end of a sentence (or a blank line) and before a longer line of prose or
a list. Such lines are marked as "# " headings so the heading rules read them as DOCX
headings are read.
"""

from __future__ import annotations

import re

from hoering.analysis.cleaning import find_references
from hoering.analysis.initiative_fields import form_fields
from hoering.analysis.initiative_headings import answers_call, ends_initiative, heading_spans
from hoering.analysis.initiative_text import CLOSING, HEADING, ITEM, Span, clean_title, item_title

_HEADING_MAX = 80  # characters of a layout heading
_HEADING_WORDS = 12
_PROSE_MIN = 50  # a line of prose after a heading is at least this long
_GREETING = re.compile(r"^(?:kære|hej|til|att\.?|goddag|dear|hello|hi)\b", re.IGNORECASE)
_SALUTATION = re.compile(
    r"\b(?:hilsen|hilsner|regards|sincerely|faithfully|wishes)\b", re.IGNORECASE
)
_AD_NUMBER = re.compile(r"^ad\s+\d{1,2}\s*[:.)]?$", re.IGNORECASE)
# A heading quoted from the call ("»Borgerinddragelse«", "“Open data”") starts inside quotes.
_QUOTES = "»«\"“”„'‘’"
_INLINE = re.compile(r"\((\d)\)\s*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_SET_APART_MAX = 60  # a mail's hard-wrapped line of prose is longer
_QUESTION_MAX = 160  # characters of a question quoted from the call over its answer
# A line ending in one of these runs on: the first line of a wrapped paragraph.
_RUNS_ON = {
    "og",
    "at",
    "i",
    "for",
    "til",
    "med",
    "der",
    "som",
    "en",
    "et",
    "den",
    "det",
    "af",
    "på",
    "om",
    "de",
    "er",
    "har",
    "vil",
    "kan",
    "skal",
    "bør",
    "eller",
    "samt",
    "fra",
    "ved",
    "the",
    "and",
    "of",
    "to",
    "a",
}


def with_layout_headings(lines: list[str], marked: bool = False) -> list[str]:
    """The lines with each layout heading written as "# heading". In a text with markup
    headings of its own (a Word file's styles), a layout heading (a bold line in Normal
    style) is one level below the deepest of them: its proposals sit under their sections;
    unchanged when the styled headings already hold two or more proposals, or when the
    text is `marked` (Word text, whose bold headings extraction marks) and marks any: a
    short paragraph between its paragraphs is then a sentence, not a heading. A file whose
    only marked headings stand above its first paragraph of prose (the letter's title) marks
    none of its sections: its short lines are read as in any text."""
    levels = [len(m.group(1)) for m in map(HEADING.match, map(str.strip, lines)) if m]
    if levels and ((marked and _marks_sections(lines)) or len(heading_spans(lines)) >= 2):
        return lines  # the styled headings hold the proposals; bold lines are their parts
    mark = "#" * min(max(levels, default=0) + 1, 6)
    found = {index for index in range(len(lines)) if _layout_heading(lines, index)}
    asked = {index for index in range(len(lines)) if _asked_heading(lines, index)}
    if len(asked) >= 2 and answers_call(lines):
        found |= asked  # the call's questions quoted, each over its answer
    alike = {index for index in range(len(lines)) if _set_apart_heading(lines, index)}
    if found or len(alike) >= 2:
        found |= alike  # headings are parallel: the others are set out the same way
    return [f"{mark} {line.strip()}" if n in found else line for n, line in enumerate(lines)]


def _marks_sections(lines: list[str]) -> bool:
    """A heading is marked below the letter's first paragraph of prose: the file marks its
    sections, not just its title."""
    first = next((i for i, line in enumerate(lines) if _prose(line.strip())), len(lines))
    return any(HEADING.match(line.strip()) for line in lines[first + 1 :])


def _prose(text: str) -> bool:
    return (
        len(text) >= _PROSE_MIN
        and text.endswith((".", "!", "?", ":"))
        and not HEADING.match(text)
        and not ITEM.match(text)
    )


def with_tab_cells(lines: list[str]) -> list[str]:
    """A table as a mail's text part shows it, cells parted by tabs ("\tForslag\tBeskrivelse"),
    written as extraction writes a table's row ("Forslag | Beskrivelse"), where two or more
    lines in a row have two or more cells."""
    cells = [[cell.strip() for cell in line.split("\t") if cell.strip()] for line in lines]
    tabbed = [len(row) >= 2 and "\t" in line for row, line in zip(cells, lines, strict=True)]
    rows = [
        found and ((n > 0 and tabbed[n - 1]) or (n + 1 < len(lines) and tabbed[n + 1]))
        for n, found in enumerate(tabbed)
    ]
    return [
        " | ".join(cells[n]) if row else line
        for n, (row, line) in enumerate(zip(rows, lines, strict=True))
    ]


def _set_apart_heading(lines: list[str], index: int) -> bool:
    """A short line after a blank line, over a paragraph of prose that is longer and ends a
    sentence ("Lobbyregister" / "Et register over lobbymøder."): the way a mail's text part
    shows a bold or <h3> heading over a short paragraph. Read only beside another heading,
    or two or more of them: alone it may be any short paragraph."""
    text = lines[index].strip()
    if index == 0 or lines[index - 1].strip() or len(text) > _SET_APART_MAX:
        return False
    if not _heading_like(text) or text.split()[-1].casefold() in _RUNS_ON:
        return False
    start = index + 1
    if start < len(lines) and not lines[start].strip():
        start += 1  # a text that sets every paragraph apart (Outlook's <p>s)
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    paragraph = " ".join(line.strip() for line in lines[start:end])
    return (
        bool(paragraph)
        and not paragraph[:1].islower()
        and _SENTENCE_END.search(paragraph[-1:]) is not None
        and len(paragraph) >= len(text)
        and not (ITEM.match(lines[start]) or HEADING.match(lines[start].strip()))
        and " | " not in paragraph
        and not CLOSING.match(paragraph)
    )


def _asked_heading(lines: list[str], index: int) -> bool:
    """A question on a line of its own over a paragraph that answers it ("Hvordan kan
    borgerne inddrages bedre?" / "Der bør holdes ..."): a reply that quotes the call's
    questions and answers each. Read only where two or more are set out so."""
    text = lines[index].strip()
    if not (
        text.endswith("?") and len(text) <= _QUESTION_MAX and text.lstrip(_QUOTES)[:1].isupper()
    ):
        return False
    if ITEM.match(text) or (index and lines[index - 1].strip()):
        return False
    if index + 1 >= len(lines) or lines[index + 1].strip():
        return False  # set apart below too: the first line of a wrapped paragraph is not
    # No copy of the rest of the text per line: a text of many questions stays linear.
    after = range(index + 1, len(lines))
    following = next((lines[i].strip() for i in after if lines[i].strip()), "")
    return bool(following) and not following.endswith("?") and not HEADING.match(following)


def _layout_heading(lines: list[str], index: int) -> bool:
    text = lines[index].strip()
    if not _heading_like(text):
        return False
    before = lines[index - 1].strip() if index else ""
    ended = before.endswith((".", "!", "?", ":")) or _GREETING.match(before)
    # A heading right under another ("Uddybning af forslagene", then the first title).
    stacked = _heading_like(before) or HEADING.match(before)
    if before and not (ended or stacked):
        return False  # the middle of a paragraph
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    blank_after = index + 1 < len(lines) and not lines[index + 1].strip()
    if ITEM.match(following):
        return True  # a heading over a list: a theme grouping its proposals
    after = following.strip()
    if not blank_after and after[:1].islower():
        # The first line of a paragraph whose sentence runs on to the next line: PDF text
        # parts paragraphs by blank lines, so one opening short of the margin looks alone.
        return False
    if blank_after and before:
        return False  # a heading set apart by a blank line below is set apart above too
    if HEADING.match(after):
        return False  # a letterhead line over the letter's marked title
    return " | " not in after and len(after) >= max(_PROSE_MIN, len(text) + 10)


def _heading_like(text: str) -> bool:
    return (
        3 <= len(text) <= _HEADING_MAX
        and len(text.split()) <= _HEADING_WORDS
        and text.lstrip(_QUOTES)[:1].isupper()
        and not text.endswith((".", ",", ";", "!", "?", ":"))
        and not (ITEM.match(text) or CLOSING.match(text) or _GREETING.match(text))
        and not _SALUTATION.search(text)
        and not form_fields(text)  # "Initiativets titel: ..." is the call's form
        and not _AD_NUMBER.match(text)  # "Ad 2" comments on item 2 of a list above
        and "@" not in text
        and " | " not in text  # a table row
        and sum(ch.isdigit() for ch in text) < 6  # a phone number or a date line
        and not _reference(text)
    )


def _reference(text: str) -> bool:
    """A letter's reference line ("Sagsnr. 17-211", "J.nr. 2017-42"): a letterhead's detail
    set apart like a heading, never a proposal's title."""
    return any(text.casefold().startswith(ref.label.casefold()) for ref in find_references(text))


def inline_spans(lines: list[str]) -> list[Span]:
    """Proposals numbered inside a paragraph ("Vi foreslår, at regeringen (1) indfører ...;
    (2) fremsætter ...; og (3) ..."): one initiative per number, in order from 1."""
    spans: list[Span] = []
    start = 0
    while start < len(lines):
        end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
        spans += _inline_parts(" ".join(line.strip() for line in lines[start:end]))
        start = end + 1
    return spans


def _inline_parts(paragraph: str) -> list[Span]:
    marks, expected = [], 1
    for match in _INLINE.finditer(paragraph):
        if int(match.group(1)) == expected:
            marks.append(match)
            expected += 1
    if len(marks) < 2:
        return []
    spans = []
    for position, mark in enumerate(marks):
        if position + 1 < len(marks):
            part = paragraph[mark.start() : marks[position + 1].start()]
            part = re.sub(r"[\s,;]*(?:og|samt|and|or|eller)?\s*$", "", part)
        else:
            rest = paragraph[mark.start() :]
            end = _SENTENCE_END.search(rest, mark.end() - mark.start())
            part = rest[: end.end()] if end else rest
        text = part.strip()
        title = clean_title(item_title(_INLINE.sub("", text, count=1)))
        spans.append(Span(title, (text,), "inline"))
    return spans


def with_explanations(spans: list[Span], lines: list[str]) -> list[Span]:
    """A list of bare titles explained further down ("Uddybning af forslagene", then each
    title again over its paragraphs): each title's explanation joins its initiative."""
    own = {line.strip() for span in spans for line in span.lines[:1]}
    keys = [_key(span.lines[0]) if _bare(span) else "" for span in spans]
    found: dict[int, int] = {}
    after = max((i for i, line in enumerate(lines) if line.strip() in own), default=0)
    for index, line in enumerate(lines[after + 1 :], start=after + 1):
        key = _key(line)
        for number, wanted in enumerate(keys):
            if wanted and number not in found and _same_topic(key, wanted):
                found[number] = index
                break
    if not found:
        return spans
    starts = sorted(found.values())
    joined = list(spans)
    for number, start in found.items():
        later = [s for s in starts if s > start]
        end = min([*later, _section_end(lines, start + 1)])
        body = [line for line in lines[start:end]]
        while body and not body[-1].strip():
            body.pop()
        span = spans[number]
        joined[number] = Span(span.title, (*span.lines, *body), span.rule, span.fields)
    return joined


def _bare(span: Span) -> bool:
    return sum(bool(line.strip()) for line in span.lines) == 1 and len(span.lines[0]) <= 120


def _key(line: str) -> str:
    text = re.sub(r"^[#\s]*(?:[-•*–▪◦·]|\d{1,2}[.)]|[a-hA-H]\))?\s*", "", line.strip())
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _same_topic(key: str, wanted: str) -> bool:
    """The line repeats the title, alone or as the lead of its paragraph ("Titel: ...")."""
    return len(wanted) >= 6 and (key == wanted or key.startswith(f"{wanted} "))


def _section_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        if ends_initiative(lines[index]) or _SALUTATION.search(lines[index]):
            return index
    return len(lines)
