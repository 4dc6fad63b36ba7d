"""Split a reply into the initiatives it proposes (OGP *initiativforslag*), offline and pure.

A reply is a list of sections: the respondent's own words (the cleaned body) and the text of
each attachment. Extraction keeps the structure as light Markdown (parse/wordml.py,
parse/odf.py, parse/text.py): "# " headings (one "#" per level), "- " list items (two spaces
of indent per nesting level), table rows as cells joined by " | ". Plain-text mails and PDFs
bring their own "1." / "a)" / "•" markers, which are read the same way.

Per section the first rule that finds something wins:

1. form: the call's template, a table repeated per initiative (Initiativets titel |
   Beskrivelse | Ansvarlig myndighed | Niveau) as label rows or typed labels, or a table
   whose header names a proposal column ("Nr. | Forslag | Tema"), one initiative per row;
   "Ad 2: ..." paragraphs below it belong to row 2;
2. numbered headings: "Forslag 1: ...", "Initiativforslag 2 - ...", "Initiativ 3." on a line;
3. document headings: the shallowest heading level with two or more headings that are not
   sections of a letter ("Indledning", "Baggrund", "Afslutning", ...);
4. a list after an introducing sentence ("Vi foreslår:", "Vi har følgende forslag:"), or
   paragraphs opening with a label ("Borgerpaneler: ...") after one; a list after "kan
   gennemføres i tre trin:", or nested in an item, belongs to that item;
5. two or more numbered paragraphs (1., 2., ...) at the margin, not after a line ending
   in ":" (a letter that numbers its proposals without introducing them);
6. a single document heading.

When no section has such structure, the reply is one initiative (a letter with one
proposal), or none when it only says "ingen bemærkninger" or has no text. Text before the
first and after the last initiative (greeting, introduction, closing) belongs to none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hoering.analysis.initiative_fields import find_level, find_owner, form_fields, label_of
from hoering.analysis.initiative_lists import bare_numbered_spans, list_spans
from hoering.analysis.initiative_text import (
    CLOSING,
    HEADING,
    ITEM,
    Span,
    clean_title,
    item_title,
    trim,
)

LEVELS = ("lokal", "regional", "national")

_NUMBERED_HEADING = re.compile(
    r"^(?:#{1,6}\s+)?(?:\*\*)?(?:initiativ\s*forslag|initiativ|forslag|idé)\s*(?:nr\.?\s*)?"
    r"(\d{1,2})\s*(?:[:.)–—-]\s*|$)(.*)$",
    re.IGNORECASE,
)
_PROPOSAL_COLUMN = re.compile(r"^(?:forslag|initiativ\w*|titel|idé|forslag til initiativ)$")
_OTHER_COLUMN = re.compile(
    r"^(?:nr\.?|#|tema|temaer|bemærkning\w*|begrundelse|effekt|forventet effekt|prioritet|"
    r"formål|målgruppe|tidsplan|økonomi)$"
)
_AD = re.compile(r"^ad\s+(\d{1,2})\s*[:.]", re.IGNORECASE)
# Letter sections, not proposals: they end the initiative before them.
_LETTER_SECTION = re.compile(
    r"^(?:\d+\.?\s*)?(?:indledning|indledende|baggrund(?:en)?$|generel|generelle|generelt|"
    r"høringssvar|høring\b|resumé|sammenfatning|om (?:os|\w+)$|kontakt|afslutning|afsluttende|"
    r"konklusion|bilag|vedr\.?|til digitaliseringsstyrelsen|øvrige bemærkninger|bemærkninger|"
    r"forord|introduktion|vores forslag|forslag til initiativer|initiativforslag$)",
    re.IGNORECASE,
)
# Sections inside one proposal: part of the initiative they follow.
_SUBSECTION = re.compile(
    r"^(?:baggrund|formål|beskrivelse|forventet|effekt|ansvarlig|økonomi|tidsplan|målgruppe|"
    r"niveau|aktører|implementering|succeskriterier|udfordring|løsning|relevans|"
    r"sammenhæng|ogp-værdier|perspektiv)",
    re.IGNORECASE,
)
_NO_COMMENTS = re.compile(
    r"ingen (?:yderligere |særlige )?(?:bemærkninger|kommentarer)|ikke (?:nogen |har )?"
    r"(?:bemærkninger|kommentarer)|intet at bemærke|ikke anledning til (?:bemærkninger|"
    r"kommentarer)|afstår fra at (?:afgive|komme med)|ikke ønsker at afgive",
    re.IGNORECASE,
)
_COVER = re.compile(r"vedhæft|vedlagt|vedlægge|fremsend|bilag|attached", re.IGNORECASE)
_SUBJECT_NOISE = re.compile(
    r"^(?:(?:sv|re|vs|fw|fwd|aw)\s*:\s*)*|\b(?:høringssvar|høring|svar|vedr\.?|vedrørende|"
    r"ogp[- ]?(?:handlingsplan(?:en)?)?|handlingsplan(?:en)?|open government|partnership|"
    r"til|fra|om|over|på|i|og|forslag|initiativforslag|initiativer|bemærkninger|kommentarer|"
    r"input|2017[-–]2019|\d{4})\b",
    re.IGNORECASE,
)
SUBSTANCE = 400  # a "no comments" reply longer than this says something after all


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
    found: list[tuple[str, Span]] = []
    for section in sections:
        found += [(section.source, span) for span in structured_spans(section.text)]
    if not found:
        single = _single(sections, subject)
        found = [single] if single else []
    return tuple(
        _initiative(number, source, span) for number, (source, span) in enumerate(found, start=1)
    )


def structured_spans(text: str) -> list[Span]:
    """The spans one text's structure marks as initiatives (rules 1-6 above), or []."""
    lines = text.split("\n")
    rules = (_form_spans, _numbered_heading_spans, _heading_spans, list_spans)
    rules += (bare_numbered_spans,)
    for rule in rules:
        spans = rule(lines)
        if spans:
            return spans
    return _heading_spans(lines, minimum=1)


def _initiative(number: int, source: str, span: Span) -> Initiative:
    text = "\n".join(span.lines).strip("\n")
    fields = dict(span.fields)
    owner = fields.get("owner") or find_owner(text)
    level = _level_word(fields.get("level", "")) or find_level(text)
    return Initiative(number, span.title, text, source, span.rule, owner, level)


def _level_word(value: str) -> str:
    return find_level(f"{value} niveau") if value else ""


# --- rule 1: the form -------------------------------------------------------------------


def _form_spans(lines: list[str]) -> list[Span]:
    spans: list[Span] = []
    current: list[str] = []
    fields: dict[str, str] = {}
    header: list[str] = []
    for line in lines:
        cells = [cell.strip() for cell in line.split(" | ")] if " | " in line else []
        if _header_labels(cells):  # a header row: one initiative per row below
            header = _header_labels(cells)
            continue
        if header and not cells:  # the table ended
            header = []
            _close_form(spans, current, fields)
            current, fields = [], {}
        pairs = list(zip(header, cells, strict=False)) if header else form_fields(line)
        for label, value in pairs:
            if label == "title":
                _close_form(spans, current, fields)
                current, fields = [], {}
            if label in ("title", "owner", "level"):
                fields.setdefault(label, value)
        if fields and (CLOSING.match(line.strip()) or _AD.match(line.strip())):
            _close_form(spans, current, fields)
            current, fields = [], {}
        if fields:
            current.append(line)
    _close_form(spans, current, fields)
    return _with_ad_notes(spans, lines)


def _header_labels(cells: list[str]) -> list[str]:
    """The fields of a table header row that names a proposal column ("Nr. | Forslag |
    Tema"), or [] for any other row."""
    if len(cells) < 2:
        return []
    labels = []
    for cell in cells:
        text = cell.strip(" :*").casefold()
        label = label_of(cell) or ("title" if _PROPOSAL_COLUMN.match(text) else "")
        if not label and not _OTHER_COLUMN.match(text):
            return []
        labels.append(label)
    return labels if "title" in labels else []


def _with_ad_notes(spans: list[Span], lines: list[str]) -> list[Span]:
    """ "Ad 2: ..." paragraphs below a table comment on row 2: part of that initiative."""
    notes: dict[int, list[str]] = {}
    current = None
    for line in lines:
        ad = _AD.match(line.strip())
        if ad:
            current = int(ad.group(1))
        elif not line.strip() or CLOSING.match(line.strip()):
            current = None
        if current is not None and 0 < current <= len(spans):
            notes.setdefault(current, []).append(line)
    return [
        Span(span.title, span.lines + tuple(notes.get(n, ())), span.rule, span.fields)
        for n, span in enumerate(spans, start=1)
    ]


def _close_form(spans: list[Span], lines: list[str], fields: dict[str, str]) -> None:
    title = fields.get("title", "").strip()
    if title:  # an empty template row is no initiative
        pairs = tuple((k, v) for k, v in fields.items() if k != "title")
        spans.append(Span(clean_title(title), tuple(lines), "form", pairs))


# --- rule 2: numbered proposal headings ---------------------------------------------------


def _numbered_heading_spans(lines: list[str]) -> list[Span]:
    starts = [i for i, line in enumerate(lines) if _NUMBERED_HEADING.match(line.strip())]
    spans = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else _closing_end(lines, start + 1)
        title = _NUMBERED_HEADING.match(lines[start].strip()).group(2).strip(" *")
        body = lines[start:end]
        if not title:
            title = next((line.strip() for line in body[1:] if line.strip()), "")
        spans.append(Span(clean_title(title), tuple(trim(body)), "numbered-heading"))
    return spans


def _closing_end(lines: list[str], start: int) -> int:
    """Where the last initiative ends: a closing line, a letter-section heading, or the end."""
    for index in range(start, len(lines)):
        line = lines[index].strip()
        heading = HEADING.match(line)
        if CLOSING.match(line) or (heading and _LETTER_SECTION.match(heading.group(2))):
            return index
    return len(lines)


# --- rules 3 and 5: document headings ---------------------------------------------------


def _heading_spans(lines: list[str], minimum: int = 2) -> list[Span]:
    headings = [(i, HEADING.match(line.strip())) for i, line in enumerate(lines)]
    found = [(i, len(m.group(1)), m.group(2).strip()) for i, m in headings if m]
    proposals = [h for h in found if not (_LETTER_SECTION.match(h[2]) or _SUBSECTION.match(h[2]))]
    levels = sorted({level for _, level, _ in proposals})
    chosen = next((lv for lv in levels if sum(h[1] == lv for h in proposals) >= minimum), None)
    if chosen is None:
        return []
    spans: list[Span] = []
    for index, (start, level, title) in enumerate(found):
        if level != chosen or (start, level, title) not in proposals:
            continue
        end = next((i for i, lv, t in found[index + 1 :] if lv <= chosen), len(lines))
        end = min(end, _closing_end(lines, start + 1))
        spans.append(Span(clean_title(title), tuple(trim(lines[start:end])), "heading"))
    return spans


# --- titles and the single-proposal letter ----------------------------------------------


def _single(sections: Sequence[Section], subject: str) -> tuple[str, Span] | None:
    texts = [s for s in sections if s.text.strip()]
    with_attachments = any(s.text.strip() for s in sections[1:])
    # "Se vedhæftede" above a document: the document is the proposal, not the cover note.
    kept = [
        s
        for n, s in enumerate(texts)
        if not (n == 0 and with_attachments and len(s.text) < 300 and _COVER.search(s.text))
    ]
    joined = "\n\n".join(_without_greeting(s.text).strip() for s in kept)
    if not joined or (_NO_COMMENTS.search(joined) and len(joined) < SUBSTANCE):
        return None
    title = _single_title(joined, subject)
    return kept[0].source, Span(title, tuple(joined.split("\n")), "single")


def _single_title(text: str, subject: str) -> str:
    heading = _heading_spans(text.split("\n"), minimum=1)
    if heading:
        return heading[0].title
    topic = " ".join(_SUBJECT_NOISE.sub(" ", subject).split()).strip(" -–:")
    if len(topic) >= 8:
        return clean_title(subject.split(":")[-1] if ":" in subject else subject)
    lines = [line for line in text.split("\n") if line.strip() and not _greeting(line)]
    return item_title(" ".join(lines)[:400]) if lines else ""


def _without_greeting(text: str) -> str:
    """The text without a first line that only greets ("Hej", "Kære Digitaliseringsstyrelse")."""
    lines = text.strip().split("\n")
    if lines and _greeting(lines[0]) and len(lines[0]) < 60:
        lines = lines[1:]
    return "\n".join(lines)


def _greeting(line: str) -> bool:
    return bool(re.match(r"^\s*(?:kære|hej|til|att\.?|goddag)\b", line, re.IGNORECASE))


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
    numbered = _NUMBERED_HEADING.match(first.strip())
    if numbered and numbered.group(2).strip():
        return clean_title(numbered.group(2))
    item = ITEM.match(first)
    return item_title(item.group(5) if item else first)
