"""The text of a PDF's pages as a person reads them, from each page's extracted lines.

Whatever reads the text layer (parse.pdf) hands over one string per page; this module is
what turns those into one text: single spaces (justified lines and wide-set words come out
with runs of spaces), lines of a double-spaced page not parted by blank lines, a running
header kept once at the top and a running footer once at the end (never between the two
halves of a sentence that crosses a page break), and a word hyphenated at a line end
joined. Pure: strings in, string out.
"""

from __future__ import annotations

import itertools
import re

# Lines from the top and bottom of a page looked at for a running header or footer: a
# letterhead footer holds name, address and contact lines.
_EDGE_LINES = 3
_SPACES = re.compile(r"[ \t\u00a0]+")
_DIGITS = re.compile(r"\d+")
# "Side 2 af 5", "- 3 -", "2/5": a page number alone is a footer on every page.
_PAGE_NUMBER = re.compile(r"^(?:side\s+)?[-–\s]*#[-–\s]*(?:(?:af|/|of)\s*#)?$", re.IGNORECASE)
# "registrerings-" + "pligter" is one word; "Mellem-" + "og små" is Danish shorthand
# ("mellem- og små virksomheder") and keeps its hyphen.
_HYPHENATED = re.compile(r"(\w)-\n(?!(?:og|eller|samt|til|som)\b)([a-zæøå]\S*)[ \t]?")
_SENTENCE_END = re.compile(r"[.!?:;)\]\"”]$")


def reading_text(pages: list[str]) -> str:
    """One text from the pages' texts: paragraphs parted by a blank line, lines by \n."""
    cleaned = [_page_lines(page) for page in pages]
    header = _repeated(cleaned, top=True)
    footer = _repeated(cleaned, top=False)
    text = ""
    for index, lines in enumerate(cleaned):
        # The first page's header and letterhead stay where they are: they name the sender.
        drop = footer[index] | (header[index] if index else set())
        body = _paragraphs([line for i, line in enumerate(lines) if i not in drop])
        if body:
            text = _continued(text, body) if text else body
    furniture = _kept_once(cleaned, header[1:], exclude=cleaned[0] if cleaned else [])
    furniture += _kept_once(cleaned[::-1], footer[::-1], exclude=furniture)
    if furniture:
        text = f"{text}\n\n" + "\n".join(furniture)
    return _HYPHENATED.sub(_joined_word, text).strip("\n")


def _kept_once(pages: list[list[str]], found: list[set[int]], exclude: list[str]) -> list[str]:
    """The running lines as they read on the first page in `pages` that has them, less page
    numbers (they say nothing once the pages are one text) and lines already in `exclude`.
    Headers are looked for from the second page (the first page's stay in place), footers
    from the last page back: they come once, at the end, where they split no sentence."""
    pages = pages[1:] if len(found) < len(pages) else pages
    for lines, indexes in zip(pages, found, strict=True):
        kept = [lines[i] for i in sorted(indexes) if not _PAGE_NUMBER.match(_key(lines[i]))]
        if indexes:
            return [line for line in kept if line not in exclude]
    return []


def _page_lines(page: str) -> list[str]:
    """The page's lines with single spaces; blank lines kept, none at either end; the
    blank line between each pair of lines of a double-spaced page removed."""
    lines = [_SPACES.sub(" ", line).strip() for line in page.replace("\r", "").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return _single_spaced(lines)


def _single_spaced(lines: list[str]) -> list[str]:
    # A double-spaced page puts a blank line after every line; then only the longer runs
    # of blank lines part paragraphs.
    texts = [line for line in lines if line]
    positions = [i for i, line in enumerate(lines) if line]
    gaps = [after - before - 1 for before, after in itertools.pairwise(positions)]
    if len(gaps) < 2 or min(gaps) == 0:
        return lines
    single = texts[:1]
    for gap, line in zip(gaps, texts[1:], strict=True):
        single.extend([""] if gap > min(gaps) else [])
        single.append(line)
    return single


def _repeated(pages: list[list[str]], *, top: bool) -> list[set[int]]:
    """Per page, the indexes of the lines near its top (or bottom) that recur near the top
    (bottom) of another page, or that are a page number: a running header (footer). Only
    near the edge, as a line of the letter itself may recur further in."""
    edges = [_edge(lines, top) for lines in pages]
    if len(pages) < 2:
        return [set() for _ in pages]
    pages_with: dict[tuple[int, str], int] = {}
    for edge in edges:
        for key in set(edge.values()):
            pages_with[key] = pages_with.get(key, 0) + 1
    return [
        {i for i, key in edge.items() if pages_with[key] >= 2 or _PAGE_NUMBER.match(key[1])}
        for edge in edges
    ]


def _edge(lines: list[str], top: bool) -> dict[int, tuple[int, str]]:
    """The first (last) few non-blank lines by index, keyed by their place from the edge
    and their text less case and numbers; none on a page too short to be more than its
    header and footer. The place counts: a running line stands at the same place on every
    page, while the sender's name in the letterhead and again in the signature does not."""
    positions = [i for i, line in enumerate(lines) if line]
    depth = min(_EDGE_LINES, len(positions) - 1)  # one line at least is the page's own
    if depth < 1:
        return {}
    chosen = positions[:depth] if top else positions[-depth:][::-1]
    return {i: (place, _key(lines[i])) for place, i in enumerate(chosen)}


def _key(line: str) -> str:
    return _DIGITS.sub("#", line.casefold())


def _paragraphs(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _continued(text: str, page: str) -> str:
    # A sentence that runs on to the next page continues on the next line, not after a
    # paragraph break.
    if not _SENTENCE_END.search(text) and page[:1].islower():
        return f"{text}\n{page}"
    return f"{text}\n\n{page}"


def _joined_word(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2)}\n"
