"""Word's list numbers as a reader sees them ("1.", "2.1", "a)"), for the WordprocessingML
walker (parse/wordml.py).

Word does not store a numbered paragraph's number: numbering.xml defines per list (w:num ->
w:abstractNum) and level a format ("decimal", "lowerLetter", "bullet", ...) and a text
("%1.", "%1.%2"), and Word counts the paragraphs at display time. The number is part of
what the respondent wrote ("1. Åbne data", "2.1 ..."), and the initiative splitter reads
numbered proposals by it, so it is counted here the same way: per abstract list, a level's
counter goes up by one and the deeper levels start again; a w:num with a start override
starts its list again where it is first used. A paragraph's numbering comes from its own
w:numPr, else from its style's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    start: int
    kind: str  # numFmt: "decimal", "lowerLetter", "bullet", ...
    text: str  # lvlText: "%1.", "%1.%2"


@dataclass
class Numbering:
    """The document's list definitions and the counters of the story being read."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId
    lists: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    restarts: set[str] = field(default_factory=set)  # numIds with a start override
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def marker(self, num_id: str, level: int) -> str | None:
        """The number of the next paragraph in list `num_id` at `level` ("1.", "2.1",
        "b)"); None for a bullet or a list the document does not define."""
        abstract = self.lists.get(num_id)
        definition = self.levels.get(abstract or "", {}).get(level)
        if abstract is None or definition is None or definition.kind in ("bullet", "none"):
            return None
        counts = self.counters.setdefault(abstract, [0] * _LEVELS)
        if num_id in self.restarts and num_id not in self.started:
            counts[:] = [0] * _LEVELS
        self.started.add(num_id)
        counts[level] = counts[level] + 1 if counts[level] else definition.start
        counts[level + 1 :] = [0] * (_LEVELS - level - 1)
        return _PLACEHOLDER.sub(
            lambda m: self._shown(abstract, counts, int(m[1]) - 1), definition.text
        )

    def _shown(self, abstract: str, counts: list[int], level: int) -> str:
        definition = self.levels[abstract].get(level)
        value = counts[level] or (definition.start if definition else 1)
        return formatted(value, definition.kind if definition else "decimal")


def formatted(value: int, kind: str) -> str:
    """A counter in a numFmt: 3 -> "3", "c", "C", "iii", "III" or "03"."""
    if kind in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if kind == "upperRoman" else roman
    if kind == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    parts = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
        (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    text = ""
    for amount, letters in parts:
        count, value = divmod(value, amount)
        text += letters * count
    return text


def read_numbering(numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
    """The list definitions of numbering.xml and the lists the styles of styles.xml use."""
    found = Numbering()
    if numbering is not None:
        for abstract in numbering.iterfind(f"{_W}abstractNum"):
            found.levels[abstract.get(f"{_W}abstractNumId") or ""] = _levels(abstract)
        for num in numbering.iterfind(f"{_W}num"):
            num_id = num.get(f"{_W}numId") or ""
            found.lists[num_id] = _value(num.find(f"{_W}abstractNumId")) or ""
            if num.find(f"{_W}lvlOverride/{_W}startOverride") is not None:
                found.restarts.add(num_id)
    if styles is not None:
        for style in styles.iterfind(f"{_W}style"):
            reference = style.find(f"{_W}pPr/{_W}numPr")
            if reference is not None and reference.find(f"{_W}numId") is not None:
                level = _value(reference.find(f"{_W}ilvl")) or "0"
                found.style_lists[style.get(f"{_W}styleId") or ""] = (
                    _value(reference.find(f"{_W}numId")) or "",
                    int(level) if level.isdigit() else 0,
                )
    return found


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    levels = {}
    for level in abstract.iterfind(f"{_W}lvl"):
        index = level.get(f"{_W}ilvl") or "0"
        start = _value(level.find(f"{_W}start")) or "1"
        if index.isdigit() and int(index) < _LEVELS:
            levels[int(index)] = _Level(
                int(start) if start.isdigit() else 1,
                _value(level.find(f"{_W}numFmt")) or "decimal",
                _value(level.find(f"{_W}lvlText")) or "",
            )
    return levels


def _value(element: etree._Element | None) -> str | None:
    return element.get(_VAL) if element is not None else None
