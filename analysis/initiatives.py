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

TITLE_LIMIT = 100
LEVELS = ("lokal", "regional", "national")

_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)")
_ITEM = re.compile(r"^(\s*)(?:([-•*–▪◦·])|(\d{1,2})[.)]|([a-hA-H])\))\s+(.*\S)")
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
_LABELLED = re.compile(r"^([A-ZÆØÅ][^:.!?|]{2,60}):\s+\S")
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
# Introductions that name proposals outright, even with a word of _OWN_PARTS in them.
_STRONG_INTRO = re.compile(
    r"\b(?:vi foreslår|foreslår vi|jeg foreslår|følgende (?:initiativ|forslag)\w*|"
    r"handlingsplan\w*\b.*\bindeholde\w*|forslag til (?:handlingsplan|initiativ)\w*)",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"\b(?:foreslå\w*|forslag\w*|anbefal\w*|initiativ\w*|opfordr\w*|ønske\w*|idéer|ideer|støtte\w*|"
    r"bud på)\b",
    re.IGNORECASE,
)
# Enumerations of one proposal's own parts, steps or examples.
_OWN_PARTS = re.compile(
    r"\b(?:trin|faser?|etaper?|dele|skridt|elementer|består|bestå|gennemføres|indeholde\w*|"
    r"omfatte\w*|eksempel|eksempler|fx|f\.eks\.?|såsom|bl\.a\.|blandt andet|herunder|"
    r"følgende data|datasæt|kræver|forudsætninger|fordele\w*|hensyn|forhold|opmærksom|"
    r"bemærkning\w*|pege på|ingen (?:nye |konkrete )?forslag)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:med venlig hilsen|venlig hilsen|mvh\b|de bedste hilsner|vi (?:står|stiller|deltager|"
    r"bidrager|uddyber|indgår) (?:gerne|meget gerne)|vi ser frem|(?:i )?er (?:meget )?velkomne|"
    r"spørgsmål (?:til|om)|har i spørgsmål|kontakt(?:person)?\b|tak for|afslutningsvis)",
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


@dataclass(frozen=True)
class _Span:
    title: str
    lines: tuple[str, ...]
    rule: str
    fields: tuple[tuple[str, str], ...] = ()  # form: (label, value)


def split_initiatives(sections: Sequence[Section], subject: str = "") -> tuple[Initiative, ...]:
    """The initiatives proposed in a reply, numbered from 1, in reading order."""
    found: list[tuple[str, _Span]] = []
    for section in sections:
        found += [(section.source, span) for span in structured_spans(section.text)]
    if not found:
        single = _single(sections, subject)
        found = [single] if single else []
    return tuple(
        _initiative(number, source, span) for number, (source, span) in enumerate(found, start=1)
    )


def structured_spans(text: str) -> list[_Span]:
    """The spans one text's structure marks as initiatives (rules 1-6 above), or []."""
    lines = text.split("\n")
    rules = (_form_spans, _numbered_heading_spans, _heading_spans, _list_spans)
    rules += (_bare_numbered_spans,)
    for rule in rules:
        spans = rule(lines)
        if spans:
            return spans
    return _heading_spans(lines, minimum=1)


def _initiative(number: int, source: str, span: _Span) -> Initiative:
    text = "\n".join(span.lines).strip("\n")
    fields = dict(span.fields)
    owner = fields.get("owner") or find_owner(text)
    level = _level_word(fields.get("level", "")) or find_level(text)
    return Initiative(number, span.title, text, source, span.rule, owner, level)


def _level_word(value: str) -> str:
    return find_level(f"{value} niveau") if value else ""


# --- rule 1: the form -------------------------------------------------------------------


def _form_spans(lines: list[str]) -> list[_Span]:
    spans: list[_Span] = []
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
        if fields and (_CLOSING.match(line.strip()) or _AD.match(line.strip())):
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


def _with_ad_notes(spans: list[_Span], lines: list[str]) -> list[_Span]:
    """ "Ad 2: ..." paragraphs below a table comment on row 2: part of that initiative."""
    notes: dict[int, list[str]] = {}
    current = None
    for line in lines:
        ad = _AD.match(line.strip())
        if ad:
            current = int(ad.group(1))
        elif not line.strip() or _CLOSING.match(line.strip()):
            current = None
        if current is not None and 0 < current <= len(spans):
            notes.setdefault(current, []).append(line)
    return [
        _Span(span.title, span.lines + tuple(notes.get(n, ())), span.rule, span.fields)
        for n, span in enumerate(spans, start=1)
    ]


def _close_form(spans: list[_Span], lines: list[str], fields: dict[str, str]) -> None:
    title = fields.get("title", "").strip()
    if title:  # an empty template row is no initiative
        pairs = tuple((k, v) for k, v in fields.items() if k != "title")
        spans.append(_Span(_clean_title(title), tuple(lines), "form", pairs))


# --- rule 2: numbered proposal headings ---------------------------------------------------


def _numbered_heading_spans(lines: list[str]) -> list[_Span]:
    starts = [i for i, line in enumerate(lines) if _NUMBERED_HEADING.match(line.strip())]
    spans = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else _closing_end(lines, start + 1)
        title = _NUMBERED_HEADING.match(lines[start].strip()).group(2).strip(" *")
        body = lines[start:end]
        if not title:
            title = next((line.strip() for line in body[1:] if line.strip()), "")
        spans.append(_Span(_clean_title(title), tuple(_trim(body)), "numbered-heading"))
    return spans


def _closing_end(lines: list[str], start: int) -> int:
    """Where the last initiative ends: a closing line, a letter-section heading, or the end."""
    for index in range(start, len(lines)):
        line = lines[index].strip()
        heading = _HEADING.match(line)
        if _CLOSING.match(line) or (heading and _LETTER_SECTION.match(heading.group(2))):
            return index
    return len(lines)


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


# --- rules 3 and 5: document headings ---------------------------------------------------


def _heading_spans(lines: list[str], minimum: int = 2) -> list[_Span]:
    headings = [(i, _HEADING.match(line.strip())) for i, line in enumerate(lines)]
    found = [(i, len(m.group(1)), m.group(2).strip()) for i, m in headings if m]
    proposals = [h for h in found if not (_LETTER_SECTION.match(h[2]) or _SUBSECTION.match(h[2]))]
    levels = sorted({level for _, level, _ in proposals})
    chosen = next((lv for lv in levels if sum(h[1] == lv for h in proposals) >= minimum), None)
    if chosen is None:
        return []
    spans: list[_Span] = []
    for index, (start, level, title) in enumerate(found):
        if level != chosen or (start, level, title) not in proposals:
            continue
        end = next((i for i, lv, t in found[index + 1 :] if lv <= chosen), len(lines))
        end = min(end, _closing_end(lines, start + 1))
        spans.append(_Span(_clean_title(title), tuple(_trim(lines[start:end])), "heading"))
    return spans


# --- rule 4: a list after an introducing sentence -----------------------------------------


def _list_spans(lines: list[str]) -> list[_Span]:
    spans: list[_Span] = []
    index = 0
    while index < len(lines):
        if _is_intro(lines[index], _paragraph_before(lines, index)):
            items, end = _list_after(lines, index + 1)
            if not items:
                items, end = _labelled_after(lines, index + 1)
            spans, index = spans + items, max(end, index + 1)
        else:
            index += 1
    return spans


def _labelled_after(lines: list[str], start: int) -> tuple[list[_Span], int]:
    """Paragraphs opening with a short label ("Borgerpaneler: Prøv med ...") after an intro,
    each an initiative titled by its label; the first paragraph without one ends them."""
    starts, index = [], start
    while index < len(lines):
        line = lines[index].strip()
        if line and (not starts or not lines[index - 1].strip()):
            if not _LABELLED.match(line) or _CLOSING.match(line):
                break
            starts.append(index)
        index += 1
    spans = []
    for position, first in enumerate(starts):
        stop = starts[position + 1] if position + 1 < len(starts) else index
        title = _LABELLED.match(lines[first].strip()).group(1)
        spans.append(_Span(_clean_title(title), tuple(_trim(lines[first:stop])), "list"))
    return spans, index


def _bare_numbered_spans(lines: list[str]) -> list[_Span]:
    """Rule 5: two or more numbered paragraphs (1., 2., ...) at the margin, not after a line
    ending in ":" (which would make them the parts of what that line says)."""
    spans: list[_Span] = []
    index = 0
    while index < len(lines):
        item = _ITEM.match(lines[index])
        previous = next((ln.strip() for ln in reversed(lines[:index]) if ln.strip()), "")
        if item and item.group(3) == "1" and not item.group(1) and not previous.endswith(":"):
            items, end = _list_after(lines, index)
            if len(items) >= 2:
                spans += items
                index = end
                continue
        index += 1
    return spans


def _is_intro(line: str, before: str = "") -> bool:
    """A line ending in ":" that introduces proposals; `before`: the lines of its paragraph
    above it (plain-text mail wraps "... handlingsplan for Open Government\nPartnership
    indeholder:")."""
    text = line.strip()
    if not text.endswith(":") or _ITEM.match(line) or _HEADING.match(text):
        return False
    # "Vores forslag er et lobbyregister. Fordelene er:" introduces the benefits, not proposals.
    last = re.split(r"(?<=[.!?])\s+", f"{before} {text}".strip())[-1]
    if _STRONG_INTRO.search(last):
        return True
    return bool(_INTRO.search(last)) and not _OWN_PARTS.search(last)


def _paragraph_before(lines: list[str], index: int) -> str:
    """The lines of the paragraph above line `index`, joined (up to the blank line)."""
    start = index
    while start > 0 and lines[start - 1].strip() and not _ITEM.match(lines[start - 1]):
        start -= 1
    return " ".join(line.strip() for line in lines[start:index])


def _list_after(lines: list[str], start: int) -> tuple[list[_Span], int]:
    """The top-level items of the list starting after an intro, and where the list ends."""
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), len(lines))
    match = _ITEM.match(lines[first]) if first < len(lines) else None
    if match is None:
        return [], start
    indent, kind = len(match.group(1)), _kind(match)
    state = _ListState(expected=2 if kind == "number" else None)
    starts, index = [first], first + 1
    while index < len(lines):
        line = lines[index]
        item = _ITEM.match(line)
        if item and len(item.group(1)) == indent and _kind(item) == kind:
            if state.accepts(int(item.group(3)) if kind == "number" else None):
                starts.append(index)
        elif _is_intro(line):
            break  # "Derudover foreslår vi:" starts the next list
        elif line.strip().endswith(":") and not item:
            state.inner = True  # "... i tre trin:" - the items that follow are this item's own
        elif line.strip() and not line.startswith(" ") and _ends_list(lines, index, indent, kind):
            break
        index += 1
    return _items(lines, starts, index), index


@dataclass
class _ListState:
    """Which items of a list are its own: a numbered list counts on (1, 2, 3); a "1." after
    "2." starts a list inside the item (PDFs lose the indent that shows it), which counts on
    until the outer number comes; bullets after "...:" in an item are that item's own."""

    expected: int | None
    inner: bool = False
    inner_next: int | None = None

    def accepts(self, number: int | None) -> bool:
        if number is None:
            return not self.inner
        if number == self.inner_next:
            self.inner_next = number + 1
            return False
        if number == self.expected:
            self.expected, self.inner, self.inner_next = number + 1, False, None
            return True
        if number == 1:
            self.inner_next = 2
        return False


def _kind(match: re.Match[str]) -> str:
    return "bullet" if match.group(2) else "number" if match.group(3) else "letter"


def _ends_list(lines: list[str], index: int, indent: int, kind: str) -> bool:
    """A new paragraph after a blank line ends the list, unless more of its items follow
    before a closing line or heading. A line starting in lower case or after a comma is the
    same paragraph wrapped (PDF text has blank lines between wrapped lines)."""
    if _CLOSING.match(lines[index].strip()) or _HEADING.match(lines[index].strip()):
        return True
    previous = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
    wrapped = previous.endswith(",") or lines[index].strip()[:1].islower()
    if index == 0 or lines[index - 1].strip() or wrapped:
        return False
    for line in lines[index + 1 :]:
        if _CLOSING.match(line.strip()) or _HEADING.match(line.strip()) or _is_intro(line):
            return True
        item = _ITEM.match(line)
        if item and len(item.group(1)) == indent and _kind(item) == kind:
            return False
    return True


def _until_blank(lines: list[str]) -> list[str]:
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    return lines[:end]


def _items(lines: list[str], starts: list[int], end: int) -> list[_Span]:
    spans = []
    for position, start in enumerate(starts):
        stop = starts[position + 1] if position + 1 < len(starts) else end
        body = _trim(lines[start:stop])
        # An item wrapped over lines in a plain-text mail: its title reads across them.
        head = [_ITEM.match(body[0]).group(5)]
        head += [line.strip() for line in _until_blank(body[1:]) if not _ITEM.match(line)]
        spans.append(_Span(_item_title(" ".join(head)), tuple(body), "list"))
    return spans


# --- titles and the single-proposal letter ----------------------------------------------


def _item_title(text: str) -> str:
    text = text.strip().strip("*")
    for separator in (":", " – ", " - ", " — "):
        head = text.split(separator, 1)[0]
        if separator in text and 3 <= len(head) <= TITLE_LIMIT:
            return _clean_title(head)
    return _clean_title(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0])


def _clean_title(text: str) -> str:
    text = " ".join(re.sub(r"^#+\s*|\*\*|__", "", text).split()).rstrip(".:;,– -")
    if len(text) <= TITLE_LIMIT:
        return text
    return text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _single(sections: Sequence[Section], subject: str) -> tuple[str, _Span] | None:
    texts = [s for s in sections if s.text.strip()]
    with_attachments = any(s.text.strip() for s in sections[1:])
    # "Se vedhæftede" above a document: the document is the proposal, not the cover note.
    kept = [
        s
        for n, s in enumerate(texts)
        if not (n == 0 and with_attachments and len(s.text) < 300 and _COVER.search(s.text))
    ]
    joined = "\n\n".join(s.text.strip() for s in kept)
    if not joined or (_NO_COMMENTS.search(joined) and len(joined) < SUBSTANCE):
        return None
    title = _single_title(joined, subject)
    return kept[0].source, _Span(title, tuple(joined.split("\n")), "single")


def _single_title(text: str, subject: str) -> str:
    heading = _heading_spans(text.split("\n"), minimum=1)
    if heading:
        return heading[0].title
    topic = " ".join(_SUBJECT_NOISE.sub(" ", subject).split()).strip(" -–:")
    if len(topic) >= 8:
        return _clean_title(subject.split(":")[-1] if ":" in subject else subject)
    lines = [line for line in text.split("\n") if line.strip() and not _greeting(line)]
    return _item_title(" ".join(lines)[:400]) if lines else ""


def _greeting(line: str) -> bool:
    return bool(re.match(r"^\s*(?:kære|hej|til|att\.?|goddag)\b", line, re.IGNORECASE))


# --- reviewers' changes ----------------------------------------------------------------


def split_text(text: str, at: int | str) -> tuple[str, str]:
    """`text` cut in two at a character offset or before the first occurrence of a phrase.

    ValueError when the phrase is not found or a part would be empty.
    """
    if isinstance(at, str):
        found = text.casefold().find(at.casefold())
        if found < 0:
            raise ValueError(f"{at!r} does not occur in the text")
        at = found
    before, after = text[:at].rstrip(), text[at:].strip()
    if not before.strip() or not after:
        raise ValueError("both parts of a split must have text")
    return before, after


def title_of(text: str) -> str:
    """A title for a text a reviewer split off: its heading, item title or first sentence."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    numbered = _NUMBERED_HEADING.match(first.strip())
    if numbered and numbered.group(2).strip():
        return _clean_title(numbered.group(2))
    item = _ITEM.match(first)
    return _item_title(item.group(5) if item else first)
