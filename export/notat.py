"""What every part of the høringsnotat shares: the consultation as configured, Danish
dates, a party's name, a reply's one-sentence summary and the order parties are listed in.
The notat itself: export/notat_build.py (model), export/notat_docx.py (DOCX),
export/notat_data.py (what it reads from the store).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from hoering.analysis.cleaning import ATTACHMENT_ONLY, NO_COMMENTS
from hoering.analysis.no_comments import NOT_A_DOCUMENT
from hoering.analysis.summary import summarize
from hoering.config_notat import NotatConfig
from hoering.export.views import ReplyView
from hoering.vocab import RespondentType

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
# Danish practice: authorities first, then organisations, companies and citizens.
PARTY_ORDER = (
    RespondentType.MYNDIGHED,
    RespondentType.ORGANISATION,
    RespondentType.VIRKSOMHED,
    RespondentType.BORGER,
)


@dataclass(frozen=True)
class Consultation:
    title: str
    start: date | None
    deadline: date | None
    tz: ZoneInfo
    theme_order: tuple[str, ...] = ()  # theme labels in codebook order; default codebook if ()
    ministry: str = ""  # page header, e.g. "Digitaliseringsstyrelsen"
    journal_number: str = ""  # page header "J.nr. ..."
    # [notat]: office, where it was published, the høringsliste, citizens named, template.
    notat: NotatConfig = field(default_factory=NotatConfig)


def consultation_of(cfg) -> Consultation:
    """What the notat says about the consultation, from the config: `hoering notat` and
    the desk's export build it the same way."""
    themes = tuple(theme.label for theme in cfg.codebook.themes)
    return Consultation(
        cfg.title,
        cfg.start,
        cfg.deadline,
        cfg.timezone,
        themes,
        cfg.ministry,
        cfg.journal_number,
        cfg.notat,
    )


def danish_date(day: date) -> str:
    """20. august 2017."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def party_name(record: ReplyView) -> str:
    """The organisation when there is one, else the person (or their pseudonym)."""
    return record.organisation or record.respondent_name or record.sender_name or "(ukendt)"


NO_SUMMARY = "(intet resumé – se høringssvaret)"


def summary_line(record: ReplyView) -> str:
    """The reply's substance in one sentence (see analysis.summary), from the attachment
    (marked "(bilag)") when the mail is a cover note."""
    if has_no_comments(record):
        return "Ingen bemærkninger."
    own = summarize(record.reply_text, skip=[record.subject])
    attached = next(
        (
            found
            for att in record.attachments
            if att.detected_type not in NOT_A_DOCUMENT
            for found in (summarize(att.text, skip=[record.subject]),)
            if found
        ),
        None,
    )
    if attached and (ATTACHMENT_ONLY in record.flags or not own):
        return f"(bilag) {attached}"
    return own or NO_SUMMARY  # never the subject: it is the call's, not what they propose


def has_no_comments(record: ReplyView) -> bool:
    """The reply has nothing to add: its derived flag (analysis/no_comments.py, worked out
    once when the reply is derived, from its mail, its letters and its general remarks)."""
    return NO_COMMENTS in record.flags


def ranked(records: Iterable[ReplyView]) -> list[ReplyView]:
    """Authorities, organisations, companies, citizens; by name within each; stable."""
    order = {kind: index for index, kind in enumerate(PARTY_ORDER)}
    return sorted(records, key=lambda r: (order.get(r.respondent_type, 99), _by_name(r)))


def _by_name(record: ReplyView) -> tuple[tuple[int, str | int], ...]:
    """The party's name to sort by, its numbers as numbers: Borger 2 before Borger 10."""
    parts = re.split(r"(\d+)", party_name(record).casefold())
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in parts)
