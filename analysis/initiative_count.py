"""The number of proposals a reply says it makes ("Vi har tre forslag", "følgende fire
initiativer", "to konkrete forslag", "Our five proposals"), for the initiative splitter
(analysis/initiatives.py): where the reply's structure offers more than one reading
(headings or the list under them, items or their sub-items), the one that gives the stated
number is the writer's own. The count alone never makes a split: it chooses between the
readings the structure offers, and a list whose introduction counts its items, whatever
it calls them ("Her er vores fire bud:", "på to punkter:"), holds the proposals when each
item asks for something (counted_list_spans); so do as many paragraphs after a paragraph
that counts them ("Vi har tre konkrete bud.": counted_paragraph_spans).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hoering.analysis.initiative_intros import OWN_PARTS
from hoering.analysis.initiative_lists import list_items, paragraph_before
from hoering.analysis.initiative_sequence import paragraph_end
from hoering.analysis.initiative_text import (
    CLOSING,
    HEADING,
    ITEM,
    PROPOSING,
    Span,
    clean_title,
    item_title,
    sentences,
)

_NUMBERS = {
    "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10,
}  # fmt: skip
# Words that may stand between the number and the noun: "to konkrete forslag", "three
# specific proposals", "fire overordnede anbefalinger".
_BETWEEN = (
    r"konkrete|nye|overordnede|centrale|korte|specifikke|enkle|vigtige|primære|større|mindre|"
    r"praktiske|forskellige|selvstændige|concrete|specific|main|key|practical|simple|short|"
    r"separate|further|new"
)
_STATED = re.compile(
    rf"(?<![-\w])(?P<n>{'|'.join(_NUMBERS)}|[2-9]|10)\s+(?:(?:{_BETWEEN})\s+)?"
    r"(?:forslag|initiativforslag|initiativer|anbefalinger|idéer|ideer|tiltag|bud|"
    r"proposals|suggestions|recommendations|ideas|initiatives)\b",
    re.IGNORECASE,
)
# "tre til fire initiativer", "2-3 forslag": a range says how many the plan should hold.
# "to forslag på dette område": a section's count, not the reply's.
_LOCAL = re.compile(
    r"\s+(?:på|inden for|under|i|in|on) (?:dette|det|hvert|this|each) (?:område|tema|emne|"
    r"punkt|area|theme|topic)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?:\beller|\btil|\bor|[-–])$", re.IGNORECASE)
_RANGE_CHARS = 6  # "eller" and the character before it, for its \b


def stated_count(text: str) -> int:
    """The number of proposals the text says it makes, when it says one number (2-10)
    once or more and no other; 0 when it says none or several. Only the text above its
    first marked heading counts (title, introduction): under a theme's heading, "Vi har to
    forslag på dette område" counts that theme's."""
    found = set()
    own = re.split(r"^#{1,6} ", text, maxsplit=1, flags=re.MULTILINE)[0]
    for sentence in re.split(r"(?<=[.!?:])\s+|\n\s*\n", own):
        for match in _STATED.finditer(sentence):
            if _in_range(sentence, match.start()) or _LOCAL.match(sentence, match.end()):
                continue
            word = match.group("n").casefold()
            found.add(_NUMBERS.get(word) or int(word))
    return found.pop() if len(found) == 1 else 0


# Any number word, for a list's introduction that counts its items in a word of its own.
_NUMBER = re.compile(rf"(?<![-\w])(?:{'|'.join(_NUMBERS)}|[2-9]|10)(?![-\w])", re.IGNORECASE)
# Each count reads ahead over the rest of the text: only the first COUNTS_READ are tried, so
# hostile text (one line after another saying "tre") is not read again for each of them.
COUNTS_READ = 20


def counted_list_spans(lines: list[str]) -> list[Span]:
    """The items of the first list whose introduction says how many they are, whatever
    it calls them ("Kvaliteten kan forbedres på to punkter:" over "1) ... 2) ..."), when
    each item asks for something and none holds a list of its own (themes over their
    proposals)."""
    for index, number in _counts(lines):
        following = next((line for line in lines[index + 1 :] if line.strip()), "")
        if not ITEM.match(following):
            continue
        items, _ = list_items(lines, index + 1)
        nested = any(ITEM.match(x) and ITEM.match(x).group(1) for s in items for x in s.lines)
        asks = all(PROPOSING.search(" ".join(item.lines)) for item in items)
        if len(items) == number and asks and not nested:
            return items
    return []


def counted_paragraph_spans(lines: list[str]) -> list[Span]:
    """The paragraphs right after one that says how many follow ("Vi har tre konkrete
    bud."), when that many follow, each asking for something, before a closing, a
    heading, a list, the end or a paragraph that asks for nothing. A table's rows
    ("Åbne it-kontrakter | Statens kontrakter offentliggøres ...") are parallel by their
    cells: each counts, titled by its first cell, however its text asks."""
    for index, number in _counts(lines):
        spans: list[Span] = []
        start = index + 1
        while len(spans) <= number:
            start = next((i for i in range(start, len(lines)) if lines[i].strip()), len(lines))
            text = lines[start].strip() if start < len(lines) else ""
            if not text or CLOSING.match(text) or HEADING.match(text) or ITEM.match(text):
                break
            row = text.split(" | ")
            end = start + 1 if len(row) >= 2 else max(paragraph_end(lines, start), start + 1)
            if len(row) < 2 and not PROPOSING.search(" ".join(lines[start:end])):
                break
            title = row[0] if len(row) >= 2 else item_title(text)
            spans.append(Span(clean_title(title), tuple(lines[start:end]), "counted"))
            start = end
        if len(spans) == number:
            return spans
    return []


def _counts(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(index, number) of each line that ends a paragraph whose last sentence says one
    number (2-10), not of one proposal's parts ("Det kan gennemføres i tre trin:"); the
    first COUNTS_READ of them."""
    read = 0
    for index, line in enumerate(lines):
        if read == COUNTS_READ:
            return
        text = line.strip()
        if not text or ITEM.match(line) or HEADING.match(text):
            continue
        below = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if below and not text.endswith((".", ":", "!")):
            continue  # a wrapped line inside its paragraph
        paragraph = f"{paragraph_before(lines, index)} {text}".strip()
        number = _said_number(sentences(paragraph)[-1])
        if number and not OWN_PARTS.search(paragraph):
            read += 1
            yield index, number


def _said_number(sentence: str) -> int:
    """The one number (2-10) a sentence says, in a word or in figures; 0 for none or more."""
    words = (match.group().casefold() for match in _NUMBER.finditer(sentence))
    found = {_NUMBERS.get(word) or int(word) for word in words}
    return found.pop() if len(found) == 1 else 0


def _in_range(sentence: str, start: int) -> bool:
    """Whether the number at `start` ends a range ("tre til fire", "2-3"). Only the word
    before it is read: searching the whole sentence before each number made a long one
    with many ("to forslag" 16,000 times: 80 s) quadratic."""
    end = start
    while end > 0 and sentence[end - 1].isspace():
        end -= 1
    return _RANGE.search(sentence, max(end - _RANGE_CHARS, 0), end) is not None
