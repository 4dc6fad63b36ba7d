"""The closed sets of words hoering stores and compares: one enum per meaning.

Each is a StrEnum, so a member is the very string that is stored in the database, written
to a file or typed on the command line ("skipped-automatic" is MessageStatus.AUTOMATIC and
compares equal to it). A meaning has one member here and nowhere else; the words people
read (the Danish column headers and labels) are in glossary.py.

This module imports nothing of ours, so every package, the pure ones (parse, analysis)
included, may use it.
"""

from __future__ import annotations

from enum import StrEnum


class MessageStatus(StrEnum):
    """What happened to a message at one place (store/states.py; `hoering failures`)."""

    SKIPPED = "skipped-unmarked"  # subject has no marker; only the header was fetched
    AUTOMATIC = "skipped-automatic"  # sent by a machine (raw_messages.automatic says why); kept
    STORED = "stored"  # a new proposal
    DUPLICATE = "duplicate"  # the same message (Message-ID or bytes) was stored before
    FAILED = "failed"  # kept raw, could not be parsed; retried on later runs
    PARKED = "parked"  # failed max_attempts times; waits for `hoering retry`


class ActionState(StrEnum):
    """A post-action (flag, seen, move) owed at one place; None in the database: none owed."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    PARKED = "parked"  # failed max_attempts times; waits for `hoering retry`
    OBSOLETE = "obsolete"  # the folder's UIDVALIDITY changed: the UID no longer names the message


# Who set a derived value (respondent type, theme tag, initiative split): the rules, or a
# reviewer, whose choice the rules then keep.
AUTO = "auto"
REVIEWER = "reviewer"


class EntryKind(StrEnum):
    """What a matched message of a run's batch is, decided before the write; pipeline/batch.py
    gives each its own type (Known, Automatic, Parsed), these are their names."""

    KNOWN = "known"  # these exact bytes were stored before: not parsed again
    AUTOMATIC = "automatic"  # sent by a machine: kept raw with its reason, no proposal
    PARSED = "parsed"  # a reply: parsed (or failed to), its proposal built


class WriteOutcome(StrEnum):
    """What writing a batch entry came to."""

    STORED = "stored"
    ALREADY_STORED = "already stored"
    DUPLICATE = "duplicate"


class RetryOutcome(StrEnum):
    """What parsing a failed message again came to (pipeline/retries.py)."""

    RECOVERED = "recovered"  # parsed now: stored, or found to be a duplicate
    FAILED = "failed"  # failed again, may be tried again
    PARKED = "parked"  # failed for the last allowed time


class ReviewStatus(StrEnum):
    """A reply's or an initiative's review status, in the drafting team's words."""

    NEW = "ny"  # nobody has looked at it
    IN_PROGRESS = "under behandling"
    DONE = "behandlet"


class Decision(StrEnum):
    """What the drafting team decided about a reply, an initiative or a bruttoliste
    candidate; None: not yet. A config may add more ([review] decisions)."""

    ADOPTED = "optaget"
    PARTLY_ADOPTED = "delvist optaget"
    NOT_ADOPTED = "ikke optaget"
    OUT_OF_SCOPE = "uden for rammen"
    # The OGP call's own outcomes for the bruttoliste (issue 19).
    OGP_COLLABORATION = "indgår i det videre OGP-samarbejde"
    NOT_OGP_RELEVANT = "ikke OGP-relevant"


# The longest decision the database holds (decision columns; a configured one must fit).
DECISION_CHARS = 100


# Not a decision: the word that clears one (`--decision ingen`, the web form's empty choice),
# and the facet value of replies without one.
NO_DECISION = "ingen"


class RespondentType(StrEnum):
    """Who replied (analysis/respondent.py decides it, a reviewer may correct it)."""

    BORGER = "borger"
    VIRKSOMHED = "virksomhed"
    ORGANISATION = "organisation"
    MYNDIGHED = "offentlig myndighed"


class TextPlace(StrEnum):
    """Where in a reply a piece of text was read: the body, or where the respondent rules
    looked. An attachment is named by its file name instead."""

    BODY = "brødtekst"
    SIGNATURE = "signatur"
    DISPLAY_NAME = "afsendernavn"


STATUSES = tuple(ReviewStatus)
DECISIONS = tuple(Decision)
RESPONDENT_TYPES = tuple(RespondentType)


class NoteTarget(StrEnum):
    """What a reviewer's note (the notes table) is written on."""

    REPLY = "reply"  # a proposal: `hoering review ID --note`, the desk's reply page
    INITIATIVE = "initiative"  # `hoering review ID.N --note`, the desk's initiative page
