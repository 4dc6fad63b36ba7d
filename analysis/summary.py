"""A one-line summary of a reply that says what it proposes, for the høringsnotat.

The first sentence of a reply is often no summary: a letterhead ("Dataklar ApS - Nørregade
7, 9999 Nordby - CVR-nr. ..."), thanks ("... takker for invitationen ..."), a cover note
("Hermed fremsendes ...", "Se vedhæftede") or an introduction ("Vi har følgende forslag:").
`summarize` skips those and returns the first sentence with substance: one that proposes
("bør", "foreslår", ...) or a list item after an introduction; the introduction is kept in
front when it carries the proposal itself ("Jeg støtter, at planen indeholder: ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SUMMARY_LIMIT = 200

_HEADER_LINE = re.compile(r"(?i)^(?:fra|til|cc|dato|sendt|emne|from|to|date|sent|subject)\s*:\s*\S")
_GREETING = re.compile(r"(?i)^(?:hej|kære|til|dear|hello|goddag|att\.?)\b")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-•*–·▪])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“»(]?[A-ZÆØÅ0-9])")
# Lines of a letterhead or a letter's head: addresses, postcodes, CVR, dates, "Att.:".
_LETTERHEAD = re.compile(
    r"(?i)\bcvr\b|\b\d{4}\s+[A-ZÆØÅ][\wæøå]+|\bj\.\s?nr\b|\bsagsnr\b|^att\.?\s*:|"
    r"\b\d{1,2}\.\s+(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober"
    r"|november|december)\s+\d{4}\s*$|\btlf\.?\b|@|www\."
)
_BOILERPLATE = re.compile(
    r"(?i)\btakker\b|^(?:mange\s+)?tak\s+for\b|^thank|\bhermed\b|\bfremsende[sr]?\b"
    r"|\bvedhæfte(?:t|de)\b|\bvedlagte?\b|\bse\s+(?:venligst\s+)?vedhæftede\b|\bvideresend"
    r"|\bnedenstående\b|\bbeklager\b|\bhåber\b|\bi\s+forlængelse\s+af\b|\bhøringsbrev"
    r"|\bforward|\battached\b|^(?:med\s+)?venlig(?:st)?\s+hilsen|^mvh\b"
)
_PROPOSES = re.compile(
    r"(?i)\b(?:bør|burde|foreslår|foreslås|anbefaler|anbefales|opfordrer|ønsker|støtter"
    r"|skal|må|lad|should|propose|recommend)\b"
)
_NUMBER_ONLY = re.compile(r"^\d{1,2}[.)]$")
_TABLE_HEADER_CELL = 20  # a table row with no cell longer than this is a header row
_SHORT_ITEM = 60  # a list item this short is a title: the sentence after it goes with it


def summarize(text: str) -> str | None:
    """The sentence of `text` that carries its substance, or None if it has none."""
    units = list(_units(text))
    for index, unit in enumerate(units):
        if _BOILERPLATE.search(unit):
            continue
        if unit.endswith(":"):
            if index + 1 < len(units) and units[index + 1].endswith(":"):
                continue  # "Her er teksten:" then "X foreslår, at følgende ...:"
            item = _next_substance(units, index + 1)
            if item is None:
                continue
            # "Region Sydkyst foreslår:" belongs in front; "Vi har følgende forslag:" not.
            return _fit(f"{unit} {item}" if _PROPOSES.search(unit) else item)
        if _LIST_ITEM.match(unit) or _PROPOSES.search(unit):
            return _fit(_with_next(units, index))
    fallback = next((u for u in units if not _BOILERPLATE.search(u)), None)
    return _fit(_strip_marker(fallback)) if fallback else None


def _next_substance(units: list[str], start: int) -> str | None:
    for index in range(start, len(units)):
        if not _BOILERPLATE.search(units[index]) and not units[index].endswith(":"):
            return _with_next(units, index)
    return None


def _with_next(units: list[str], index: int) -> str:
    unit = _strip_marker(units[index])
    # "1. Stabile API'er til offentlige data." is a heading; the next sentence explains it.
    heading = unit != units[index] and len(unit) < _SHORT_ITEM
    if heading and index + 1 < len(units) and not units[index + 1].endswith(":"):
        following = units[index + 1]
        if not _LIST_ITEM.match(following) and not _BOILERPLATE.search(following):
            unit = f"{unit} {following}"
    return unit


def _strip_marker(unit: str) -> str:
    return _LIST_ITEM.sub("", unit, count=1)


def _fit(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def _units(text: str) -> Iterable[str]:
    """Sentences, list items and introductions ("...:"), letterhead and greetings left out."""
    for block in _blocks(_body_lines(text)):
        pieces = [piece.strip() for piece in _SENTENCE_END.split(block) if piece.strip()]
        for index, piece in enumerate(pieces):
            if _NUMBER_ONLY.match(piece):
                if index + 1 < len(pieces):
                    pieces[index + 1] = f"{piece} {pieces[index + 1]}"  # "1. Et ..." is one
                continue
            yield piece


def _body_lines(text: str) -> list[str]:
    # "# " marks a heading in extracted DOCX/ODT text (parse/wordml.py): read it as a line.
    lines = [_HEADING.sub("", line) for line in text.splitlines()]
    lines = [_table_row(" ".join(line.split())) for line in lines]
    lines = [line for line in lines if line and not _HEADER_LINE.match(line)]
    lines = [line for line in lines if not (_GREETING.match(line) and len(line) < 40)]
    # The letter's head: the lines before the first one that reads as running text.
    start = 0
    while start < len(lines) and _is_head_line(lines[start], lines[start + 1 : start + 2]):
        start += 1
    return [line for line in lines[start:] if not _is_letterhead(line)]


def _table_row(line: str) -> str:
    """A table row as extracted ("1 | Fælles platform for åbne data | Åbne data") becomes a
    list item of its longest cell; a header row ("Nr. | Forslag | Tema") disappears."""
    if " | " not in line:
        return line
    longest = max(line.split(" | "), key=len).strip()
    return f"- {longest}" if len(longest) > _TABLE_HEADER_CELL else ""


def _is_letterhead(line: str) -> bool:
    return bool(_LETTERHEAD.search(line)) and len(line) < 60 and not line.endswith(".")


def _is_head_line(line: str, following: list[str]) -> bool:
    """A letterhead, address, date or title line: an address, or short and no sentence."""
    if _LIST_ITEM.match(line) or (following and following[0][:1].islower()):
        return False  # a wrapped sentence goes on in lower case
    sentence = line.endswith(":") or (line.endswith((".", "!", "?")) and len(line.split()) > 3)
    return _is_letterhead(line) or (len(line) < 60 and not sentence)


def _blocks(lines: list[str]) -> Iterable[str]:
    """Wrapped lines joined; a list item or the line after an introduction starts a block."""
    block: list[str] = []
    for line in lines:
        if block and (_LIST_ITEM.match(line) or block[-1].endswith(":")):
            yield " ".join(block)
            block = []
        block.append(line)
    if block:
        yield " ".join(block)
