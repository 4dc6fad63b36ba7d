"""Rules 4 and 5 of the initiative splitter (analysis/initiatives.py): a list or labelled
paragraphs after an introducing sentence, and numbered paragraphs without one."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from hoering.analysis.initiative_intros import (
    COUNTED,
    FOLLOWING,
    INTRO,
    ONE_ASK,
    OWN_PARTS,
    PART_HEADING,
    PARTS_SENTENCE,
    REMARKS_INTRO,
    STRONG_INTRO,
)
from hoering.analysis.initiative_text import (
    CLOSING,
    HEADING,
    ITEM,
    PROPOSING,
    Span,
    clean_title,
    item_title,
    sentences,
    title_alone,
    trim,
    until_blank,
)

TITLE_LINE = 100  # characters of an item that is a title over its own paragraph
LOOKAHEAD = 200  # lines a list looks ahead for its next item (and back for a previous line)
# Lines a paragraph is read back over for its last sentences; bounded so that a text of one
# sentence per line (hostile, or a PDF without blank lines) is not read again at every line.
PARAGRAPH_LINES = 30
# "Borgerpaneler: Prøv med ..." or "Åbenhed om mål – Vi foreslår ...": a label, then its text;
# also a table row "Borgerpaneler | Prøv med ..." (a short title in the first cell, its text
# beside it: a two-column layout without a header row).
_LABELLED = re.compile(r"^([A-ZÆØÅ][^:.!?|–—]{2,60}?)(?::(?:\s+\S|$)| [–—-]\s+\S| \| \S)")


def list_spans(lines: list[str]) -> list[Span]:
    spans: list[Span] = []
    index = 0
    while index < len(lines):
        if _is_intro(lines[index], paragraph_before(lines, index)) or announces(lines, index):
            items, end = list_items(lines, index + 1)
            if not items:
                items, end = _labelled_after(lines, index + 1)
            spans, index = spans + items, max(end, index + 1)
        elif REMARKS_INTRO.search(lines[index]):
            items, end = list_items(lines, index + 1)
            asks = [span for span in items if PROPOSING.search(" ".join(span.lines))]
            spans, index = spans + asks, max(end, index + 1)
        else:
            index += 1
    return spans


def _labelled_after(lines: list[str], start: int) -> tuple[list[Span], int]:
    """Paragraphs opening with a short label ("Borgerpaneler: Prøv med ...") after an intro,
    each an initiative titled by its label; the first paragraph without one ends them."""
    starts, index = [], start
    parted = False  # a blank line seen since `start`: the text parts paragraphs by them
    while index < len(lines):
        line = lines[index].strip()
        opens = not starts or _opens_paragraph(lines, index, parted)
        if line and opens and not _bulleted(lines, index):
            if not _labelled(line) or CLOSING.match(line):
                break
            starts.append(index)
        parted = parted or not line
        index += 1
    spans = []
    for position, first in enumerate(starts):
        stop = starts[position + 1] if position + 1 < len(starts) else index
        title = _labelled(lines[first].strip()).group(1)
        spans.append(Span(clean_title(title), tuple(trim(lines[first:stop])), "list"))
    return spans, index


def _labelled(line: str) -> re.Match[str] | None:
    """A label, also alone on its line ("Unge i høringer:") unless that line introduces."""
    return None if line.endswith(":") and _is_intro(line) else _LABELLED.match(line)


def _opens_paragraph(lines: list[str], index: int, parted: bool) -> bool:
    """The line starts a paragraph: after a blank line; in text that parts no paragraphs by
    blank lines (not `parted`; Word text: a paragraph a line), after a sentence's end or a
    list item too. Where blank lines part them (mail, PDF), a line after a sentence's end
    may be a wrapped line in the middle of a paragraph."""
    before = lines[index - 1].strip()
    if not before:
        return True
    if parted:
        return False
    return before.endswith((".", "!", "?")) or bool(ITEM.match(lines[index - 1]))


def _bulleted(lines: list[str], index: int) -> bool:
    """Bullets set apart below a labelled paragraph: its points, not the end of the run."""
    return bool(ITEM.match(lines[index]) and _kind(ITEM.match(lines[index])) == "bullet")


def bare_numbered_spans(lines: list[str], bullets: bool = False) -> list[Span]:
    """Rule 5: two or more numbered paragraphs (1., 2., ...; with `bullets` bulleted ones) at
    the margin, not after a line ending in ":" (which makes them the parts of what it says)."""
    spans: list[Span] = []
    index = 0
    while index < len(lines):
        item = ITEM.match(lines[index])
        first = item and (item.group(2) if bullets else item.group(3) == "1")
        if first and not item.group(1) and not _introduces_parts(_previous(lines, index)):
            items, end = list_items(lines, index)
            if len(items) >= 2:
                spans += items
                index = end
                continue
        index += 1
    return spans


def titled_bullet_spans(lines: list[str]) -> list[Span]:
    """Rule 5 for bullets: titles at the margin each over a paragraph that asks, no intro."""
    items = bare_numbered_spans(lines, bullets=True)
    asks = all(_has_prose(list(s.lines)) and PROPOSING.search(" ".join(s.lines)) for s in items)
    return items if asks else []


def _introduces_parts(line: str) -> bool:
    """The line above a numbered list makes it the parts of something: it ends in ":", or
    it is a template section's heading ("## Aktiviteter"), or its last sentence announces
    parts ("Initiativet består af tre trin.")."""
    if line.endswith(":"):
        return True
    heading = HEADING.match(line)
    if heading:
        return bool(PART_HEADING.match(heading.group(2)))
    last = sentences(line)[-1]
    return bool(PARTS_SENTENCE.search(last)) and not _names_proposals(last)


def _is_intro(line: str, before: str = "") -> bool:
    """A line ending in ":" that introduces proposals; `before`: the lines of its paragraph
    above it (plain-text mail wraps "... handlingsplan for Open Government\nPartnership
    indeholder:")."""
    text = line.strip()
    if not text.endswith(":") or ITEM.match(line) or HEADING.match(text):
        return False
    # "Vores forslag er et lobbyregister. Fordelene er:" introduces the benefits, not proposals.
    said = sentences(f"{before} {text}".strip())
    last = said[-1]
    if _names_proposals(last):
        return True
    # "Her er tre fra mig:" after "I vil gerne have idéer": the sentence before names them;
    # "Vi forestiller os:" after "X foreslår, at ..." sets out the parts of that one ask.
    short = len(last) < 40 and not OWN_PARTS.search(last)
    before = said[-2] if len(said) > 1 else ""
    return short and _names_proposals(before) and not ONE_ASK.search(before)


def _names_proposals(sentence: str) -> bool:
    if STRONG_INTRO.search(sentence) or COUNTED.search(sentence):
        return True
    return bool(INTRO.search(sentence)) and not OWN_PARTS.search(sentence)


def announces(lines: list[str], index: int) -> bool:
    """A paragraph that counts the proposals to come ("Her er tre forslag fra os. Vi har
    drøftet dem ...") or whose last sentence names them ("Foreningen har følgende
    forslag.") right above a list or labelled paragraphs introduces them, colon or not."""
    text = lines[index].strip()
    if not text or text.endswith(":") or ITEM.match(lines[index]) or HEADING.match(text):
        return False
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    item = ITEM.match(following)
    # A list numbered on from "2." continues the document's chapters ("2. Forslag").
    listed = (item and item.group(3) in (None, "1")) or _labelled(following.strip())
    whole = f"{paragraph_before(lines, index)} {text}"  # wrapped over lines: PDF, plain text
    return bool(listed and (COUNTED.search(whole) or FOLLOWING.search(sentences(text)[-1])))


def paragraph_before(lines: list[str], index: int) -> str:
    """The lines of the paragraph above line `index`, joined (up to the blank line, at most
    PARAGRAPH_LINES)."""
    start, first = index, max(index - PARAGRAPH_LINES, 0)
    while start > first and lines[start - 1].strip() and not ITEM.match(lines[start - 1]):
        start -= 1
    return " ".join(line.strip() for line in lines[start:index])


def list_items(lines: list[str], start: int) -> tuple[list[Span], int]:
    """The top-level items of the list starting after an intro, and where the list ends."""
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), len(lines))
    match = ITEM.match(lines[first]) if first < len(lines) else None
    if match is None:
        return [], start
    indent, kind = len(match.group(1)), _kind(match)
    # A list counts on from its first number: Word continues a list past a heading ("3.")
    state = _ListState(expected=int(match.group(3)) + 1 if kind == "number" else None)
    starts, index = [first], first + 1
    # A bullet ending in ":" over bullets that go on in lower case ("- ... Det kan fx gælde:"
    # / "- lukning af skoler"): they complete its sentence, its points with the nesting lost.
    colon = lines[first].rstrip().endswith(":")
    while index < len(lines) and index - starts[-1] <= LOOKAHEAD:
        line = lines[index]
        item = ITEM.match(line)
        if item and len(item.group(1)) == indent and _kind(item) == kind:
            if kind == "bullet" and colon and item.group(5)[:1].islower():
                pass
            elif state.accepts(int(item.group(3)) if kind == "number" else None):
                starts.append(index)
                colon = line.rstrip().endswith(":")
        elif _is_intro(line):
            break  # "Derudover foreslår vi:" starts the next list
        elif line.strip().endswith(":") and not item:
            state.inner = True  # "... i tre trin:" - the items that follow are this item's own
        elif (
            line.strip()
            and not line.startswith(" ")
            and not _explains_last_title(lines, starts, index)
            and _ends_list(lines, index, indent, kind)
        ):
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
    if CLOSING.match(lines[index].strip()) or HEADING.match(lines[index].strip()):
        return True
    wrapped = _previous(lines, index).endswith(",") or lines[index].strip()[:1].islower()
    if index == 0 or lines[index - 1].strip() or wrapped:
        return False
    # Bounded: a document of thousands of lines must not cost a scan per paragraph to its end.
    for line in lines[index + 1 : index + 1 + LOOKAHEAD]:
        if CLOSING.match(line.strip()) or HEADING.match(line.strip()) or _is_intro(line):
            return True
        item = ITEM.match(line)
        if item and len(item.group(1)) == indent and _kind(item) == kind:
            return False
    return True


def _explains_last_title(lines: list[str], starts: list[int], index: int) -> bool:
    """The first paragraph under the last item of a list of titles each explained by a
    paragraph ("3. Hurtigere offentliggørelse" over its text, as 1. and 2. were): it is
    that item's text, not the letter's closing."""
    last = lines[starts[-1]]
    bare = len(last.strip()) <= TITLE_LINE and not last.rstrip().endswith((".", "!", "?", ","))
    if len(starts) < 2 or not bare or any(line.strip() for line in lines[starts[-1] + 1 : index]):
        return False
    pairs = itertools.pairwise(starts)
    return all(any(line.strip() for line in lines[a + 1 : b]) for a, b in pairs)


def _previous(lines: list[str], index: int) -> str:
    """The nearest non-blank line above `index` (stripped), "" at the top."""
    for back in range(index - 1, max(index - 1 - LOOKAHEAD, -1), -1):
        if lines[back].strip():
            return lines[back].strip()
    return ""


def _items(lines: list[str], starts: list[int], end: int) -> list[Span]:
    starts = _without_sub_points(lines, starts, end)
    spans = []
    for position, start in enumerate(starts):
        stop = starts[position + 1] if position + 1 < len(starts) else end
        body = trim(lines[start:stop])
        # An item wrapped over lines in a plain-text mail: its title reads across them.
        head = ITEM.match(body[0]).group(5)
        if not title_alone(head, body[1:]):
            head = " ".join(
                [head, *(x.strip() for x in until_blank(body[1:]) if not ITEM.match(x))]
            )
        spans.append(Span(item_title(head), tuple(body), "list"))
    return spans


def _without_sub_points(lines: list[str], starts: list[int], end: int) -> list[int]:
    """Where bulleted items are titles with a paragraph under each, a bare item right after
    such a paragraph is a point of that item whose nesting was lost (a flattened list)."""
    bounds = [*starts[1:], end]
    prose = [_has_prose(lines[start:stop]) for start, stop in zip(starts, bounds, strict=True)]
    # Numbers say each item is its own; so does a single titled item among bare ones, and
    # a list that shows its nesting (Word, HTML) has flattened nothing.
    if sum(prose) < 2 or _kind(ITEM.match(lines[starts[0]])) != "bullet":
        return starts
    if _nested(lines[starts[0] : end], len(ITEM.match(lines[starts[0]]).group(1))):
        return starts
    kept = [starts[0]]
    last_prose = prose[0]
    for start, has in zip(starts[1:], prose[1:], strict=True):
        if has or not last_prose:
            kept.append(start)
            last_prose = has
    return kept


def _nested(lines: list[str], indent: int) -> bool:
    return any((item := ITEM.match(line)) and len(item.group(1)) > indent for line in lines)


def _has_prose(item: list[str]) -> bool:
    """A title item with a paragraph of its own under it: a short first line, then an
    unindented line that starts a sentence (a wrapped line goes on in lower case)."""
    first = item[0].strip()
    following = next((line for line in item[1:] if line.strip()), "")
    return (
        len(first) <= TITLE_LINE
        and not first.endswith(",")
        and bool(following)
        and not following.startswith(" ")
        and not ITEM.match(following)
        and following.strip()[:1].isupper()
    )
