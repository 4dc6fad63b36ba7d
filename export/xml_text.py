"""Text every export can carry: what XML 1.0 forbids is taken out of each exported field.

XLSX and DOCX are XML, and lxml refuses a string with a character XML 1.0 has no place for
(openpyxl then fails halfway through the zip: "seek of closed file"). Broken mailers and
mis-decoded attachments do send them: ESC from terminal colour codes, U+FFFE from UTF-16
read the wrong way round. The read model (export/views.py) and the notat model pass every
text field through xml_text when they are made (XmlSafe), so CSV, JSONL, XLSX, the notat and
the initiative rows all show the same text and no writer can forget it.

Taken out: the C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. Form
feed and vertical tab become a line break (pdfminer ends pages with one, Word exports use
\\v for a line break), so the words either side stay apart. Also taken out: the other
Unicode noncharacters (U+FDD0–U+FDEF and U+nFFFE/U+nFFFF of planes 1–16). XML 1.0 allows
them but discourages them (section 2.2); they are reserved for a program's internal use and
never part of what a person wrote. Kept: the C1 controls (U+0080–U+009F), which XML 1.0
allows and Excel and Word open; they are a sign of text decoded with the wrong charset
that a reader should still be able to see.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_PLANE_NONCHARACTERS = "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17)
)
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _PLANE_NONCHARACTERS + "]"
)
_LINE_BREAKS = ("\x0b", "\x0c")


def _replacement(match: re.Match[str]) -> str:
    return "\n" if match.group() in _LINE_BREAKS else ""


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 forbids and the Unicode noncharacters."""
    if _NOT_TEXT.search(value) is None:
        return value  # the common case: no copy
    return _NOT_TEXT.sub(_replacement, value)


class XmlSafe:
    """Base of the frozen dataclasses whose texts reach XML files (XLSX, DOCX): every text
    field is cleaned once, when the record is made."""

    def __post_init__(self) -> None:
        clean_fields(self)


def clean_fields(record: Any) -> None:
    """Pass each str and tuple-of-str field of a frozen dataclass through xml_text.

    Called by XmlSafe's __post_init__; records nested in a field clean
    themselves when they are made.
    """
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, str):
            cleaned: Any = xml_text(value)
        elif isinstance(value, tuple) and any(isinstance(item, str) for item in value):
            cleaned = tuple(xml_text(item) if isinstance(item, str) else item for item in value)
        else:
            continue
        if cleaned is not value:
            object.__setattr__(record, field.name, cleaned)  # frozen: set once, while made
