"""Split a reply into the initiatives it proposes (OGP *initiativforslag*), offline and pure.

A reply is a list of sections: the respondent's own words (the cleaned body) and the text of
each attachment. Extraction keeps the structure as light Markdown (parse/wordml.py,
parse/odf.py, parse/text.py): "# " headings (one "#" per level), list items as "- " (bullets)
or the number Word or the browser shows ("1. ", "2.1 "), two spaces of indent per nesting
level, table rows as cells joined by " | ". Plain-text mails and PDFs bring their own "1." /
"a)" / "•" markers, which are read the same way.

PDF and plain text carry no heading markup: a short line on its own before prose or a list
is read as a "# " heading (analysis/initiative_layout.py). Word text marks its bold headings
itself (parse/word_headings.py); where a Word file marks any heading, none is guessed from
line length. Per section the first rule that finds something wins:

1. form: the call's template, a table repeated per initiative (Initiativets titel |
   Beskrivelse | Ansvarlig myndighed | Niveau) as label rows, typed labels or label
   headings, or a table whose header names a proposal column ("Nr. | Forslag | Tema"), one
   initiative per row; "Ad 2: ..." paragraphs below it belong to row 2;
2. numbered headings: "Forslag 1: ...", "Initiativforslag 2 - ...", "Initiativ 3." on a line;
3. document headings: the shallowest heading level with two or more headings that are not
   sections of a letter ("Indledning", "Baggrund", "Afslutning", ...); a heading over a list
   groups proposals, its items are the initiatives (analysis/initiative_headings.py);
4. a list after an introducing sentence ("Vi foreslår:", "Vi har følgende forslag:") or a
   paragraph that counts proposals, or paragraphs opening with a label ("Borgerpaneler:
   ...") after one; a list, or paragraphs that each ask, as many as the paragraph above
   counts in any words ("Her er vores fire bud:", "på to punkter:"); a list after "kan
   gennemføres i tre trin:", or nested in an item, belongs to that item; "Ad 2"
   paragraphs below join item 2;
5. two or more numbered paragraphs (1., 2., ...) at the margin, not after a line ending
   in ":" (a letter that numbers its proposals without introducing them), less the numbers
   that are chapters or letter sections ("2. Metode", "4. Afslutning"); template sections
   ("1. Problem", "2. Løsning") make them one proposal; sub-numbers ("2.1") are nested
   items (analysis/initiative_chapters.py);
6. paragraphs opened by ordinals or by words that add one more ("For det første ... For det
   andet ...", "Vi foreslår ... Dernæst ...", "Derudover bør ..."), which also split a
   heading's section (analysis/initiative_sequence.py);
7. proposals numbered inside a paragraph ("(1) ... (2) ...");
8. a single document heading.

Bare titles explained further down take their explanation. An attachment the body sends
for information ("til orientering", "som baggrund") holds none when the body proposes
itself. When no section has such
structure, the reply is one initiative (a letter with one proposal), or none when it
proposes nothing (analysis/initiative_single.py). Text before the first and after the last
initiative (greeting, introduction, closing) belongs to none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from hoering.analysis.initiative_chapters import numbered_sections, with_sub_numbers
from hoering.analysis.initiative_count import (
    counted_list_spans,
    counted_paragraph_spans,
    stated_count,
)
from hoering.analysis.initiative_fields import (
    find_level,
    find_owner,
)
from hoering.analysis.initiative_forms import form_spans, with_ad_notes
from hoering.analysis.initiative_headings import (
    LETTER_SECTION,
    NUMBERED_HEADING,
    heading_spans,
    numbered_heading_spans,
)
from hoering.analysis.initiative_layout import (
    inline_spans,
    with_explanations,
    with_layout_headings,
    with_tab_cells,
)
from hoering.analysis.initiative_lists import list_spans
from hoering.analysis.initiative_sequence import ordinal_spans
from hoering.analysis.initiative_single import single_span
from hoering.analysis.initiative_text import (
    FOR_INFORMATION,
    ITEM,
    PROPOSING,
    Span,
    asks_only,
    clean_title,
    item_title,
    sentences,
)

LEVELS = ("lokal", "regional", "national")
# Word files mark their headings, styled or bold (parse/word_headings.py): where they mark
# any, a short plain paragraph is no heading.
WORD_FILES = (".docx", ".docm", ".dotx", ".dotm")


@dataclass(frozen=True)
class Section:
    """One text of a reply: the body ("brødtekst") or an attachment (its file name)."""

    source: str
    text: str


@dataclass(frozen=True)
class Initiative:
    """One proposed initiative: its title, its own words, and owner/level when stated."""

    number: int  # 1, 2, ... within the reply
    title: str
    text: str
    source: str  # the Section it came from
    rule: str  # form | numbered-heading | heading | list | single
    owner: str = ""  # proposed responsible authority ("ansvarlig myndighed"), if stated
    level: str = ""  # "lokal", "regional", "national" or "" when the text does not say


def split_initiatives(sections: Sequence[Section], subject: str = "") -> tuple[Initiative, ...]:
    """The initiatives proposed in a reply, numbered from 1, in reading order."""
    sections = _without_background(sections)
    readings = [_text_readings(section.text, _marked(section)) for section in sections]
    spans = [_first(reading) for reading in readings]
    counts = {stated_count(section.text) for section in sections} - {0}
    count = counts.pop() if len(counts) == 1 else 0
    structured = [n for n, found in enumerate(spans) if found]
    if count and len(structured) == 1:
        # The reply says how many it proposes: the reading of its structure that agrees.
        n = structured[0]
        spans[n] = _counted(spans[n], readings[n], count)
    found = [(s.source, span) for s, found in zip(sections, spans, strict=True) for span in found]
    if not found:
        single = single_span([(s.source, s.text) for s in sections], subject)
        found = [single] if single else []
    return tuple(
        _initiative(number, source, span) for number, (source, span) in enumerate(found, start=1)
    )


def structured_spans(text: str, marked: bool = False) -> list[Span]:
    """The spans one text's structure marks as initiatives (rules 1-8 above), or [].
    `marked`: the text marks its headings (a Word file: styles and bold paragraphs)."""
    return _first(_text_readings(text, marked))


def _text_readings(text: str, marked: bool) -> Iterator[list[Span]]:
    """One text's readings (_readings), each worked out when it is first asked for."""
    lines = with_tab_cells(with_sub_numbers(text.split("\n")))
    return _readings(with_layout_headings(lines, marked))


def _first(readings: Iterator[list[Span]]) -> list[Span]:
    """The first rule's spans that finds something; the readings after it stay unread."""
    return next((spans for spans in readings if spans), [])


def _counted(first: list[Span], rest: Iterator[list[Span]], count: int) -> list[Span]:
    """`first`, or when the reply states another `count`, the first later reading that gives
    it (analysis/initiative_count.py); the readings before `first` found nothing."""
    if count and first and len(first) != count:
        return next((spans for spans in rest if len(spans) == count), first)
    return first


def _readings(lines: list[str]) -> Iterator[list[Span]]:
    """Each rule's spans in the order of the rules, the heading rule's at each level and
    with a heading's list kept whole; last a single heading."""
    levels = [partial(heading_spans, level=level) for level in range(1, 7)]
    levels.append(partial(heading_spans, grouped=False))  # each heading over its own points
    rules = (form_spans, numbered_heading_spans, heading_spans, _listed)
    rules += (numbered_sections, ordinal_spans, inline_spans, *levels)
    for rule in rules:
        found = [
            span for span in rule(lines) if not (_letter_section(span) or _only_questions(span))
        ]
        spans = _without_summary(found)
        yield with_explanations(spans, lines) if spans else []
    yield with_explanations(heading_spans(lines, minimum=1), lines)


def _marked(section: Section) -> bool:
    """The text marks its headings: a Word file (styles and bold paragraphs)."""
    return section.source.casefold().endswith(WORD_FILES)


def _letter_section(span: Span) -> bool:
    """An item titled only by a letter section ("3. Afrunding" after "2. Et borgerting"
    in one numbering): the letter's closing, not a proposal. "Kontaktpunkt for borgere"
    is a title of its own."""
    title = span.title.strip(" .:")
    return len(title.split()) <= 2 and bool(LETTER_SECTION.fullmatch(title.casefold()))


def _without_summary(spans: list[Span]) -> list[Span]:
    """Without the bare titles of a summary ("Summary of recommendations", "Vores forslag
    kort") that later spans repeat over their text ("Recommendation 1: Publish ...",
    "Ad 1. Frister ..."): each proposal once, as its full section."""
    keys = [_words(span.title) for span in spans]
    return [
        span
        for n, span in enumerate(spans)
        if not (
            sum(bool(line.strip()) for line in span.lines) == 1
            and len(keys[n]) >= 2
            and any(later[-len(keys[n]) :] == keys[n] for later in keys[n + 1 :])
        )
    ]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _only_questions(span: Span) -> bool:
    """An item that opens by asking the authority a question ("2. Er der afsat midler til
    ...?", perhaps with a sentence on why it asks) and proposes nothing: a question about
    the process, a remark, not an initiative. "Hvorfor ikke et lobbyregister?" proposes."""
    own = [(item.group(5) if (item := ITEM.match(line)) else line).strip() for line in span.lines]
    text = " ".join(line for line in own if line)
    return asks_only(sentences(text)[0]) and not PROPOSING.search(text)


def _without_background(sections: Sequence[Section]) -> Sequence[Section]:
    """The sections without attachments the body sends for information ("Vedlagt til
    orientering vores rapport ..."), when the body makes its own proposal: a background
    report's chapters and recommendations are not the respondent's initiatives."""
    if len(sections) < 2 or not FOR_INFORMATION.search(sections[0].text):
        return sections
    body = sections[0]
    proposes = structured_spans(body.text) or single_span([(body.source, body.text)], "")
    return sections[:1] if proposes else sections


def _listed(lines: list[str]) -> list[Span]:
    """Rule 4, with "Ad 2" paragraphs below a list of bare titles joined to item 2; else a
    list, or paragraphs, that a paragraph above counts."""
    found = list_spans(lines) or counted_list_spans(lines) or counted_paragraph_spans(lines)
    return with_ad_notes(found, lines)


def _initiative(number: int, source: str, span: Span) -> Initiative:
    text = "\n".join(span.lines).strip("\n")
    fields = dict(span.fields)
    owner = fields.get("owner") or find_owner(text)
    level = _level_word(fields.get("level", "")) or find_level(text)
    return Initiative(number, span.title, text, source, span.rule, owner, level)


def _level_word(value: str) -> str:
    return find_level(f"{value} niveau") if value else ""


# --- rule 1: the form -------------------------------------------------------------------


# --- reviewers' changes ----------------------------------------------------------------


def split_text(text: str, at: int | str) -> tuple[str, str]:
    """`text` cut in two at a character offset or before the first occurrence of a phrase.

    The phrase matches regardless of case and of the whitespace between its words: a
    reviewer types "Det styrker" for a text that reads "Det  styrker" or breaks the line
    there. ValueError when the phrase is not found or a part would be empty.
    """
    if isinstance(at, str):
        found = _phrase(at).search(text)
        if found is None:
            raise ValueError(f"{at!r} does not occur in the text")
        at = found.start()
    before, after = text[:at].rstrip(), text[at:].strip()
    if not before.strip() or not after:
        raise ValueError("both parts of a split must have text")
    return before, after


def _phrase(at: str) -> re.Pattern[str]:
    """The typed phrase as a pattern: its words in order, any run of whitespace between them."""
    words = at.split()
    if not words:
        raise ValueError("the phrase to split at is empty")
    # re.IGNORECASE rather than casefold(): casefold changes lengths ("ß" -> "ss"), which
    # would shift the offset found in the folded text away from the original.
    return re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)


def title_of(text: str) -> str:
    """A title for a text a reviewer split off: its heading, item title or first sentence."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    numbered = NUMBERED_HEADING.match(first.strip())
    if numbered and numbered.group(2).strip():
        return clean_title(numbered.group(2))
    item = ITEM.match(first)
    return item_title(item.group(5) if item else first)
