"""The høringsnotat as a ministry writes one (issue 19 item 3): the model of its sections,
built from plain data by export/notat_build.py, written by export/notat_docx.py.

Title block; 1 Indledning (export/notat_intro.py); 2 Generelle bemærkninger: replies with no
theme and no proposal placed in a candidate; 3 one section per theme: each bruttoliste
candidate once, under its main theme (the one most of its members carry), as a paragraph
naming its supporters ("KL, Dansk Erhverv og 4 borgere foreslår: …") with its other themes
named, then the ministry's remark from the decision that applies; a campaign (identical or
form letters, analysis/campaigns.py) is one entry, and a reply no candidate holds one of its
own; 4 Ændringer som følge af høringen: what was adopted; Bilag: a compact list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from hoering.analysis.hearing_list import HearingParty
from hoering.export.notat import party_name
from hoering.export.notat_words import Voice
from hoering.export.views import ReplyView
from hoering.export.xml_text import XmlSafe

GENERAL = "Generelle bemærkninger"
OTHER = "Øvrige forslag"


@dataclass(frozen=True)
class CandidateInfo(XmlSafe):
    """A bruttoliste candidate as the notat shows it (privacy rules applied to its text)."""

    id: int
    title: str
    summary: str
    english: bool
    decision: str
    reason: str


@dataclass(frozen=True)
class NotatSettings:
    title: str
    today: date
    tz: ZoneInfo
    ministry: str = ""
    office: str = ""
    journal_number: str = ""
    start: date | None = None
    deadline: date | None = None
    published_at: str = ""
    hearing_list: tuple[HearingParty, ...] = ()
    name_citizens: bool = False
    theme_order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run(XmlSafe):
    """A stretch of a paragraph: bold (an entry's title), italic, or a quote in English."""

    text: str
    bold: bool = False
    italic: bool = False
    english: bool = False


@dataclass(frozen=True)
class Entry(XmlSafe):
    """One paragraph of section 2 or 3 and the ministry's remark on it."""

    runs: tuple[Run, ...]
    remark: str
    voices: int  # replies behind it: the most backed come first
    title: str  # what section 4 calls it
    decision: str

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Section(XmlSafe):
    heading: str
    paragraphs: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    bullets: tuple[str, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class BilagRow(XmlSafe):
    number: str
    party: str
    received: str


@dataclass(frozen=True)
class Notat(XmlSafe):
    title: str
    front: tuple[str, ...]  # the title block: ministry, office, j.nr., date
    remark_label: str  # "Digitaliseringsstyrelsens bemærkninger:"
    sections: tuple[Section, ...]
    bilag: tuple[BilagRow, ...]
    header: str = "Høringsnotat"  # the page header's left side: ministry and j.nr.


def voice(record: ReplyView) -> Voice:
    return Voice(party_name(record), record.respondent_type, record.id)
