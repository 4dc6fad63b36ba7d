"""Fields of one initiative: the call's form labels, proposed owner and administrative level.

The call's template asks for Initiativets titel | Beskrivelse | Ansvarlig myndighed | Niveau;
respondents fill it in as a Word table (a label cell, then the value) or type the labels
("Ansvarlig myndighed: KL"). Free text names owner and level in set phrases ("bør forankres
i Digitaliseringsstyrelsen", "på nationalt niveau"); nothing else is guessed.
"""

from __future__ import annotations

import re

_LABELS = {
    "title": re.compile(
        r"^(?:initiativets?\s+(?:titel|navn|overskrift)|titel(?:\s+på\s+initiativ(?:et)?)?|"
        r"navn\s+på\s+initiativ(?:et)?|initiativ(?:forslag)?)$",
        re.IGNORECASE,
    ),
    "description": re.compile(
        r"^(?:kort\s+)?beskrivelse(?:\s+af\s+(?:initiativ(?:et)?|forslaget))?$", re.IGNORECASE
    ),
    "owner": re.compile(
        r"^(?:forslag\s+til\s+)?(?:ansvarlig(?:e)?|ansvarshavende)\s*(?:myndighed|aktør|part|"
        r"instans|myndigheder)?(?:\s*\([^)]*\))?$",
        re.IGNORECASE,
    ),
    "level": re.compile(r"^(?:forvaltnings|geografisk\s+)?niveau(?:\s*\([^)]*\))?$", re.IGNORECASE),
}
_FIGURES = re.compile(r"[\d.!?;@]")
_COLON = re.compile(r"^\s*(?:[-*]\s+)?([^:|]{3,40}?)\s*:\s*(\S.*)$")
_LEVEL_WORDS = (
    ("lokal", re.compile(r"\b(?:lokal|kommunal)t?\b", re.IGNORECASE)),
    ("regional", re.compile(r"\bregional(?:t)?\b", re.IGNORECASE)),
    ("national", re.compile(r"\b(?:national|statslig|landsdækkende)t?\b", re.IGNORECASE)),
)
_LEVEL_PHRASE = re.compile(
    r"\b(?:(lokal|kommunal|regional|national|statslig)t?\s+(?:niveau|plan)|"
    r"(landsdækkende)|niveau\s*:\s*(lokal|kommunal|regional|national|statslig))",
    re.IGNORECASE,
)
_NAME = r"((?:KL|[A-ZÆØÅ][\w.-]*)(?:\s+(?:for|og|i|[A-ZÆØÅ][\w.-]*))*(?<!\sfor)(?<!\sog)(?<!\si))"
_OWNER_PHRASE = re.compile(
    r"\b(?:forankres|forankret|placeres|placeret|ligge|ligger|varetages|drives|ejes|løftes|"
    r"ansvaret\s+(?:bør|skal|kunne)\s+(?:ligge|placeres))\s+(?:hos|i|af|ved|under)\s+" + _NAME
)


def label_of(cell: str) -> str:
    """The form field a label cell names ("title", "description", "owner", "level") or ""."""
    text = " ".join(cell.strip().strip("*:").split())
    return next((name for name, pattern in _LABELS.items() if pattern.match(text)), "")


def repeated_label(lines: list[str]) -> str:
    """The label (case-folded) that opens a form the respondent made and filled in once per
    proposal ("Forslagets titel | ..." over "Beskrivelse | ...", twice), whatever its words:
    the first label whose rows start two or more blocks of label | value rows that share
    another label. Its value names each proposal; "" when no form repeats so."""
    shown = [label for label in map(_row_label, lines) if label]
    for label in dict.fromkeys(shown):
        starts = [n for n, other in enumerate(shown) if other == label]
        blocks = [
            set(shown[a + 1 : b]) for a, b in zip(starts, [*starts[1:], len(shown)], strict=True)
        ]
        if len(blocks) >= 2 and all(block & blocks[0] - {label} for block in blocks[1:]):
            return label
    return ""


def _row_label(line: str) -> str:
    """A two-cell row's first cell when it reads as a label: a few words, no figures."""
    cells = [cell.strip() for cell in line.split(" | ")] if " | " in line else []
    label = cells[0].strip("*: ").casefold() if len(cells) == 2 and cells[1] else ""
    words = label.split()
    return (
        label if 0 < len(words) <= 4 and label[:1].isalpha() and not _FIGURES.search(label) else ""
    )


def form_fields(line: str) -> list[tuple[str, str]]:
    """(field, value) pairs on one line: "Label | value" table rows or "Label: value"."""
    if " | " in line:
        cells = [cell.strip() for cell in line.split(" | ")]
        pairs = []
        for label, value in zip(cells, [*cells[1:], ""], strict=True):
            name = label_of(label)
            if name and value and not label_of(value):
                pairs.append((name, value))
        return pairs
    match = _COLON.match(line)
    if match and label_of(match.group(1)):
        return [(label_of(match.group(1)), match.group(2).strip())]
    return []


def find_level(text: str) -> str:
    """ "lokal", "regional" or "national" when the text states the level, else ""."""
    for line in text.split("\n"):
        for name, value in form_fields(line):
            if name == "level":
                return find_level(f"{value} niveau")
    match = _LEVEL_PHRASE.search(text)
    if not match:
        return ""
    word = next(group for group in match.groups() if group)
    return next(name for name, pattern in _LEVEL_WORDS if pattern.search(word))


def find_owner(text: str) -> str:
    """The proposed responsible authority when a label or a set phrase names it, else ""."""
    for line in text.split("\n"):
        for name, value in form_fields(line):
            if name == "owner":
                return value[:200]
    match = _OWNER_PHRASE.search(text)
    return match.group(1).strip().rstrip(".")[:200] if match else ""
