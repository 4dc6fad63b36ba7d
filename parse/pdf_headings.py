"""Headings a PDF shows by its type, marked "# " for the initiative splitter as a Word
file's bold and large headings are (parse/word_headings.py).

A PDF's text layer has no heading markup, and its text alone makes a bold heading a short
line like any other: a letterhead's address line, a signature's name, the first line of a
paragraph cut short. The splitter then guessed headings from line length and split a
proposal at its own sub-headings or a letter at its address. The type says it: pdfminer
gives each character's font and size, so a text box (a paragraph) whose every character is
bold, or set larger than the page's text, and that is short and ends no sentence, is a
heading; a bold short sentence, label or question is a lead (a heading where two or more
lead a paragraph each). The marks go through parse.word_headings.with_bold_headings, so
a PDF made from a Word file reads as that Word file does: only the letter's own part is
marked, never its letterhead, title over nothing or signature.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

from pdfminer.layout import LTChar, LTContainer, LTPage, LTTextBox

from hoering.parse.word_headings import (
    BOLD,
    LARGE,
    LEAD,
    heading_like,
    lead_like,
    with_bold_headings,
)

# Between a heading and the text pdfminer boxed with it: two paragraphs if the heading is
# marked, the box's lines as they were if it is not (a letterhead's bold name over its
# address stays one block: the respondent is read from it).
GLUE = "\ue014"
# After LARGE, the heading's size in points as a private-use character (U+E100 + points):
# a report's chapters set larger than its sections are a level above them.
_SIZE = 0xE100
_MARKS = BOLD + LARGE + LEAD + GLUE
_NOT_MARKS = str.maketrans(dict.fromkeys([*map(ord, _MARKS), *range(_SIZE, _SIZE + 256)]))
# Font names as PDF producers write them: "BAAAAA+DejaVuSans-Bold", "Calibri,Bold",
# "Arial-BoldMT", "SourceSansPro-Semibold", "Helvetica-Black".
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_TEXT_POINTS = 12.0  # as Word's 12 pt: text larger than this and than the page's is a title
_LARGER = 0.5  # points above the page's text size that count as larger


def page_text_size(page: LTPage) -> float:
    """The size most of the page's characters are set in (0 on a page without text)."""
    sizes: Counter[float] = Counter(
        round(char.size, 1) for char in _chars(page) if char.get_text().strip()
    )
    return sizes.most_common(1)[0][0] if sizes else 0.0


def box_parts(box: LTTextBox, text_size: float) -> list[str]:
    """A text box as its headings, each after its mark, then the text below them (pdfminer
    may box a heading with the paragraph under it, or a chapter heading with the bold title
    of its first proposal). A heading is a run of the box's first lines set alike, every
    character bold or larger than the page's text; a change of size or weight ends it.
    [the box's text] when it opens with none."""
    lines = list(box)
    parts: list[str] = []
    start = 0
    while start < len(lines) and _set_apart(_chars(lines[start]), text_size):
        look = _look(_chars(lines[start]))
        end = start + 1
        while end < len(lines) and _set_apart(_chars(lines[end]), text_size):
            if _look(_chars(lines[end])) != look:
                break
            end += 1
        text = _joined(line.get_text() for line in lines[start:end])
        mark = _mark([char for line in lines[start:end] for char in _chars(line)], text, text_size)
        if not mark:
            break
        points = min(max(round(char.size) for char in _chars(lines[start])), 255)
        parts.append(mark + (chr(_SIZE + points) if mark == LARGE else "") + text)
        start = end
    rest = "".join(line.get_text() for line in lines[start:])
    return [*parts, rest] if rest else parts


def _look(chars: list[LTChar]) -> tuple[bool, float]:
    """How a line is set: bold or not, and its size."""
    shown = [char for char in chars if char.get_text().strip()]
    return _bold(shown), max(round(char.size) for char in shown)


def _set_apart(chars: list[LTChar], text_size: float) -> bool:
    """Every character shown is bold, or every one is larger than the text."""
    shown = [char for char in chars if char.get_text().strip()]
    return bool(shown) and (_bold(shown) or _large(shown, text_size))


def _mark(chars: list[LTChar], text: str, text_size: float) -> str:
    """BOLD, LARGE or LEAD for lines set as a heading (word_headings' marks), else "".
    Every character counts: one bold word in a line of text makes no heading."""
    shown = [char for char in chars if char.get_text().strip()]
    if heading_like(text):
        return LARGE if _large(shown, text_size) else (BOLD if _bold(shown) else "")
    return LEAD if _bold(shown) and lead_like(text) else ""


def _bold(chars: list[LTChar]) -> bool:
    return all(_BOLD_FONT.search(char.fontname) for char in chars)


def _large(chars: list[LTChar], text_size: float) -> bool:
    return all(char.size > max(_TEXT_POINTS, text_size) + _LARGER for char in chars)


def _joined(lines: Iterable[str]) -> str:
    """Lines as one line: a heading wrapped over two lines is one heading."""
    parts = (line.strip() for line in without_marks("".join(lines)).split("\n"))
    # "OGP-" + "handlingsplan" is one word, as parse.pdf_reading joins it in text
    return re.sub(r"(\w-) (?=[a-zæøå])", r"\1", " ".join(part for part in parts if part))


def marked_text(text: str) -> str:
    """The PDF's text with its marked boxes (a paragraph opening with BOLD, LARGE or LEAD)
    read as word_headings reads a Word body's: "# " inside the letter's part, plain text
    elsewhere. A text without marks is returned as it is."""
    if not any(mark in text for mark in _MARKS):
        return text
    parts = re.split(r"(\n{2,})", text)  # paragraphs and the blank lines between them
    split = [part.split(f"\n{GLUE}") for part in parts[0::2]]
    marked = iter(_by_size([piece for pieces in split for piece in pieces]))
    for index, pieces in enumerate(split):
        done = [next(marked) for _ in pieces]
        joined = done[0]
        for before, after in itertools.pairwise(done):
            # a heading marked is a paragraph of its own; unmarked, the box stays as it was
            joined += ("\n\n" if "#" in (before[:1], after[:1]) else "\n") + after
        parts[2 * index] = joined
    return without_marks("".join(parts))


def _by_size(pieces: list[str]) -> list[str]:
    """with_bold_headings' marks, the larger headings a level above the smaller ones: the
    largest size marked stays at its level, each smaller size one deeper, bold headings set
    at text size below them all."""
    sizes = {
        n: ord(piece[1]) - _SIZE
        for n, piece in enumerate(pieces)
        if piece.startswith(LARGE) and len(piece) > 1 and ord(piece[1]) >= _SIZE
    }
    bold = {n for n, piece in enumerate(pieces) if piece.startswith((BOLD, LEAD))}
    marked = with_bold_headings(
        [piece[0] + piece[2:] if n in sizes else piece for n, piece in enumerate(pieces)]
    )
    ranks = sorted({sizes[n] for n in sizes if marked[n].startswith("#")}, reverse=True)
    deeper = {n: ranks.index(size) for n, size in sizes.items() if size in ranks}
    deeper |= {n: max(len(ranks) - 1, 0) for n in bold}
    return [_deeper(piece, deeper.get(n, 0)) for n, piece in enumerate(marked)]


def _deeper(line: str, levels: int) -> str:
    """A marked heading `levels` deeper (at most "######"); any other line as it is."""
    marks = len(line) - len(line.lstrip("#"))
    if not marks or not levels:
        return line
    return "#" * min(marks + levels, 6) + line[marks:]


def without_marks(text: str) -> str:
    """Without mark characters: the text as it reads (and a PDF's own text cannot pose as
    a mark)."""
    return text.translate(_NOT_MARKS)


def _chars(item: LTContainer) -> list[LTChar]:
    found: list[LTChar] = []
    for child in item:
        if isinstance(child, LTChar):
            found.append(child)
        elif isinstance(child, LTContainer):
            found += _chars(child)
    return found
