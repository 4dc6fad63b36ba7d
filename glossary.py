"""The Danish words people read: column headers, field names and the review vocabulary.

The rule: a text for people (a web page, a people-profile export, the notat) that names one
of these things takes the word from here, so changing what the drafting team calls a thing
is an edit of this one module. Stored values are not words of this module: they are the
members of vocab.py (the review statuses, decisions and respondent types people read are
those very strings, listed here under the names people-facing code uses).

One word per field: the desk, the people-profile files and the notat say the same thing
(issue 19: "Beslutning", not "Afgørelse"; "Sagsbehandler", not "Tildelt"; "Emne", not
"Titel"; "Nr.", not "Id"). Dates for people have one format too, below.

Constants, mappings, the two date formatters and field_words; this module imports nothing
of ours but vocab.py.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hoering.vocab import Decision, RespondentType, ReviewStatus

# Column headers and field names the web desk and the people-profile files share.
ID = "Nr."
RECEIVED = "Modtaget"
LATE = "For sent"
SENDER = "Afsender"
ORGANISATION = "Organisation"
TYPE = "Type"
STATUS = "Status"
REASON = "Begrundelse"
ASSIGNEE = "Sagsbehandler"
SUBJECT = "Emne"  # the mail's subject line
THEME = "Tema"
THEMES = "Temaer"
DECISION = "Beslutning"
NO_DECISION = "ingen beslutning"  # what a reply without a decision shows
INITIATIVE = "Initiativ"
INITIATIVES = "Initiativer"
TITLE = "Titel"  # an initiative's title (a reply has a subject, not a title)
NOTE = "Note"
NOTES = "Noter"
FLAGS = "Markeringer"
LANGUAGE = "Sprog"
# The stored language codes (analysis/language.py) as the desk shows them.
LANGUAGE_NAMES = {"da": "dansk", "en": "engelsk", "other": "andet sprog"}
REFERENCES = "Referencer"
FOUND_IN = "Fundet i"

# The bruttoliste (issue 19): candidates, the initiatives from different replies that
# propose the same thing, on the desk's page and in `export --per candidate`.
BRUTTOLISTE = "Bruttoliste"
CANDIDATE = "Kandidat"
TITLE = "Titel"
SUMMARY = "Resumé"
SUPPORTERS = "Forslagsstillere"
REPLIES = "Svar"
REPLY = "Svar nr."
INITIATIVES = "Initiativer"
INITIATIVE_TEXT = "Initiativets tekst"
ALL_THEMES = "Alle temaer"
LEVEL = "Niveau"
OWNER = "Ansvarlig myndighed"
# Supporters as one phrase: organisations by name, citizens counted ("KL og 4 borgere").
CITIZEN = "borger"
CITIZENS = "borgere"
AND = "og"
# Ends a cell cut to what a spreadsheet cell holds, where no file keeps the rest (the row
# exports per initiative or candidate; the reply exports name the file instead).
CUT_SHORT = " … [afkortet]"

# The CLI's reviewer-facing commands (show, history, initiatives, initiative show|history,
# candidates, candidate show|history) speak Danish with these words and the ones above;
# the operator's commands (list, stats, failures, poll, ...) stay English.
SENT = "Sendt"
FROM = "Fra"
EMAIL = "E-mail"
SOURCE = "Kilde"
BODY_FROM = "Brødtekst fra"
RAW_MAIL = "Original mail"
WARNINGS = "Advarsler"
ATTACHMENTS = "Bilag"
TEXT = "Tekst"
REVIEW = "Vurdering"
CHANGES = "Ændringer"
DUPLICATES = "Dubletter"
WHEN = "Tidspunkt"
BY = "Af"
FIELD = "Felt"
ACTION = "Handling"
OLD = "Før"
NEW = "Efter"
NO_CHANGES = "Ingen ændringer endnu."
NONE = "(ingen)"

# A reviewer's change in a trail (the desk's history, `hoering history`): the field's word
# from above, in lower case mid-sentence.
FIELD_NAMES: dict[str, str] = {
    "status": STATUS.lower(),
    "decision": DECISION.lower(),
    "reason": REASON.lower(),
    "assignee": ASSIGNEE.lower(),
    "respondent_type": TYPE.lower(),
    "respondent_name": SENDER.lower(),
    "organisation": ORGANISATION.lower(),
    "note": NOTE.lower(),
    "theme": THEME.lower(),
    "title": TITLE.lower(),
    "split": "delt",
    "merge": "slået sammen",
}
# A reviewer's action on a candidate (candidate_events.field), as its trail shows it.
CANDIDATE_ACTIONS: dict[str, str] = {
    "move": "flyttede et initiativ",
    "merge": "slog sammen",
    "split": "delte",
    "title": TITLE.lower(),
    "review": REVIEW.lower(),
    "undo": "fortrød",
}

# The candidate page's split and undo forms (`hoering candidate split|undo` on the desk).
SPLIT_TICK = "Skil ud"  # beside a member: it goes to the new candidate
SPLIT_BUTTON = "Skil de valgte ud i en ny kandidat"
UNDO_BUTTON = "Fortryd seneste handling"

# Yes and no in a people-profile cell.
YES = "ja"
NO = "nej"

# The review vocabulary as people read it: the stored words themselves, in the order the
# forms and help texts list them.
STATUSES: tuple[str, ...] = tuple(ReviewStatus)
DECISIONS: tuple[str, ...] = tuple(Decision)
RESPONDENT_TYPES: tuple[str, ...] = tuple(RespondentType)

# What an original handed on is (export-attachments' manifest, the desk's download links):
# not a redacted export, but the sender's own file.
ORIGINALS = "Afsenderens egne filer med personoplysninger – ikke til offentliggørelse."
ORIGINAL = "afsenderens egen fil med personoplysninger – ikke til offentliggørelse"

# Dates people read (desk, people-profile CSV and XLSX, notat): Danish day-first with dots.
DATE = "%d.%m.%Y"
DATE_TIME = "%d.%m.%Y %H:%M"
XLSX_DATE_TIME = "dd.mm.yyyy hh:mm"  # the same, as a spreadsheet number format
NO_DATE = "–"


def people_date(moment: datetime | None, tz: ZoneInfo) -> str:
    """The day of `moment` in the consultation's time zone, e.g. 04.07.2017; "" for none."""
    return moment.astimezone(tz).strftime(DATE) if moment else ""


def people_time(moment: datetime | None, tz: ZoneInfo) -> str:
    """`moment` in the consultation's time zone to the minute, e.g. 04.07.2017 12:47."""
    return moment.astimezone(tz).strftime(DATE_TIME) if moment else ""


def field_words(value: str | None) -> str:
    """A candidate review's recorded values ("decision: optaget; reason: -", as
    rules/candidate_review.py writes them) with each field in its word: "beslutning: optaget"."""
    parts = []
    for part in (value or "").split("; "):
        field, sep, rest = part.partition(": ")
        parts.append(f"{FIELD_NAMES.get(field, field)}: {rest}" if sep else part)
    return "; ".join(part for part in parts if part) or "-"


# `export --per party` (issue 19 item 1): each respondent, its initiatives and the decision
# that applies, the basis of the reasoned answer every contributor is promised.
PARTY = "Høringspart"
PARTIES = "Høringsparter"
SENDERS = "Antal afsendere"
CANDIDATE_TITLE = "Kandidatens titel"
DECISION_SOURCE = "Beslutning fra"
REMARKS = "Bemærkninger"
# Where the decision that applies was made, as people read it.
DECISION_SOURCES = {"initiative": "initiativ", "candidate": "kandidat", "reply": "svar"}
