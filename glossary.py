"""The Danish words people read: column headers, field names and the review vocabulary.

The rule: a text for people (a web page, a people-profile export, the notat) that names one
of these things takes the word from here, so changing what the drafting team calls a thing
is an edit of this one module. Stored values are not words of this module: they are the
members of vocab.py (the review statuses, decisions and respondent types people read are
those very strings, listed here under the names people-facing code uses).

Where the web and the files use different words for one thing today, both are here with a
comment; making them one word is a visible change, left to a change of its own.

Plain constants and mappings only; this module imports nothing but vocab.py.
"""

from __future__ import annotations

from hoering.vocab import Decision, RespondentType, ReviewStatus

# Column headers and field names the web desk and the people-profile files share.
ID = "Id"
RECEIVED = "Modtaget"
LATE = "For sent"
SENDER = "Afsender"
ORGANISATION = "Organisation"
TYPE = "Type"
STATUS = "Status"
REASON = "Begrundelse"
ASSIGNEE = "Sagsbehandler"
THEMES = "Temaer"
# The decision: "Beslutning" in the files and the notat, "Afgørelse" on the web desk.
DECISION = "Beslutning"
DECISION_ON_THE_WEB = "Afgørelse"

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
