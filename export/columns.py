"""The two column lists of the CSV and XLSX exports: for people and for machines.

People (XLSX, CSV profile "excel"): Danish headers, who sent it, then the substance, then
the review; ja/nej; no technical columns. Machines (CSV profile "rfc4180", and the keys of
JSONL): record.COLUMNS, snake_case, every column including message_id, source and rules.
Both lists are stable: columns are only ever added at the end (tests pin the headers).
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from hoering import glossary
from hoering.analysis.cleaning import ATTACHMENT_ONLY
from hoering.analysis.initiative_text import BULLETS
from hoering.analysis.no_comments import NOT_A_DOCUMENT
from hoering.analysis.summary import summarize
from hoering.danish_letters import DIGRAPHS
from hoering.export.record import COLUMNS, flat_row
from hoering.export.views import ReplyView

PEOPLE = "people"
MACHINE = "machine"

# (key in flat_row / people_row, header people read)
PEOPLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", glossary.ID),
    ("received_at", glossary.RECEIVED),
    ("late", glossary.LATE),
    ("respondent_name", glossary.SENDER),
    ("organisation", glossary.ORGANISATION),
    ("respondent_type", glossary.TYPE),
    ("subject", glossary.SUBJECT),
    ("reply_text", "Forslag"),
    ("themes", glossary.THEMES),
    ("status", glossary.STATUS),
    ("decision", glossary.DECISION),
    ("reason", glossary.REASON),
    ("notes", glossary.NOTES),
    ("assignee", glossary.ASSIGNEE),
    ("flags", glossary.FLAGS),
    ("sender_email", "E-mail"),
    ("sent_by", "Sendt af"),
    ("duplicate_group", "Dublet"),
    ("language", glossary.LANGUAGE),
    ("references", glossary.REFERENCES),
    ("attachments", "Vedhæftede filer"),
    ("text", "Hele teksten"),
)
# Columns printed from the XLSX (the sheet's print area): who, what and the decision.
PRINTED_PEOPLE_COLUMNS = 12  # Id ... Begrundelse


def columns(profile: str) -> tuple[tuple[str, str], ...]:
    """(key, header) per column of the profile, in order."""
    return PEOPLE_COLUMNS if profile == PEOPLE else tuple((c, c) for c in COLUMNS)


def file_names(profile: str) -> dict[str, str]:
    """Column key -> the part of a full-text file's name: the Danish header for people
    ("Forslag" -> "forslag", "Vedhæftede filer" -> "vedhaeftede-filer"), the key for machines."""
    if profile != PEOPLE:
        return {}
    spelled = str.maketrans({**DIGRAPHS, " ": "-", ".": ""})
    return {key: header.casefold().translate(spelled) for key, header in PEOPLE_COLUMNS}


def row(record: ReplyView, tz: ZoneInfo, profile: str) -> dict[str, str]:
    """The record's text cells keyed by the profile's column keys."""
    return people_row(record, tz) if profile == PEOPLE else flat_row(record, tz)


def people_row(record: ReplyView, tz: ZoneInfo) -> dict[str, str]:
    """The record as people read it: local day-first time without seconds, ja/nej, Danish labels."""
    cells = flat_row(record, tz)
    cells["received_at"] = glossary.people_time(record.received_at, tz)
    cells["late"] = glossary.YES if record.late else glossary.NO
    # The person the reply is from; the sender only when they sent it on for someone.
    cells["respondent_name"] = record.respondent_name or record.sender_name
    same = record.sender_name in ("", record.respondent_name)
    cells["sent_by"] = "" if same else record.sender_name
    cells["reply_text"] = readable(substance(record))
    cells["text"] = readable(cells["text"])
    cells["themes"] = "\n".join(theme.label for theme in record.themes)  # one a line
    cells["flags"] = ", ".join(record.flags)
    return {key: cells[key] for key, _ in PEOPLE_COLUMNS}


# "# " marks a heading in the text extracted from Word and OpenDocument files (parse/wordml.py,
# parse/odf.py): for programs; people read the heading as the document showed it.
_HEADING_MARK = re.compile(r"^#{1,6} (?=\S)", re.MULTILINE)


def unmarked(text: str) -> str:
    """The text without the heading marks extraction puts before a document's headings."""
    return _HEADING_MARK.sub("", text)


# A summary is its text's first lines joined into one: their heading marks stand inside it.
_JOINED_HEADING_MARK = re.compile(r"(?:^|(?<=\s))#{1,6} (?=\S)")
# Word's Symbol-font bullets are the private-use code points among the splitter's BULLETS:
# a box in every other font, the desk's and the notat's included.
_GLYPH_BULLET = re.compile(f"[{''.join(c for c in BULLETS if 0xE000 <= ord(c) <= 0xF8FF)}]")


def readable(text: str) -> str:
    """Text for people: no heading marks, Word's bullet glyphs as "•"."""
    return _GLYPH_BULLET.sub("•", unmarked(text))


def readable_line(text: str) -> str:
    """A one-line summary for people: no heading marks, none in front of a joined line, and
    no bullet in front ("foreslår: • At der oprettes ..." reads "foreslår: At der ...")."""
    line = _GLYPH_BULLET.sub("•", _JOINED_HEADING_MARK.sub("", text))
    return line[1:].lstrip() if line.startswith("•") else line


def substance(record: ReplyView) -> str:
    """The reply's own words; for a cover note ("Se vedhæftede") the attached documents'
    text follows, each under its file name, so the substance stands next to the sender."""
    documents = [
        att
        for att in record.attachments
        if att.detected_type not in NOT_A_DOCUMENT and att.text.strip()
    ]
    if not documents or (ATTACHMENT_ONLY not in record.flags and summarize(record.reply_text)):
        return record.reply_text
    parts = [record.reply_text] + [f"[{att.filename or att.path}]\n{att.text}" for att in documents]
    return "\n\n".join(part.strip() for part in parts if part.strip())
