"""A reply's derived fields as plain frozen values: what the rules read from a stored reply
(ReplyInputs) and what they return (DerivedReply), which store/derived_rows.py maps to rows.

rules/reply_derive.py turns one into the other without a database; rules/derive.py reads
the inputs from the rows, derives and maps. Plain values only (strings, numbers, booleans,
tuples), so a derivation can run in another process and its result be pickled back. It
imports nothing of ours but the vocabulary, so every package may use it (the store may not
import analysis/ or rules/).
"""

from __future__ import annotations

from dataclasses import dataclass

from hoering.vocab import RespondentType


@dataclass(frozen=True)
class AttachmentText:
    """An attachment's extracted text, named as the splitter names its section."""

    name: str  # file name, else path, else "bilag <position>"
    detected_type: str  # "message": a forwarded mail, read as the reply's own words
    text: str


@dataclass(frozen=True)
class StoredInitiative:
    """An initiative as stored now: kept as it is when a reviewer worked on the reply, else
    matched by words to the new split so its row (id, review, place) carries on."""

    number: int
    title: str
    text: str
    rule: str
    origin: str


@dataclass(frozen=True)
class ReplyInputs:
    """Everything derivation reads of one stored reply, and the one pin that changes what
    it computes: a reviewer's split. Values a reviewer set on the row itself (respondent
    name, organisation, type; theme tags) are kept when the result is mapped."""

    sender_name: str
    sender_email: str
    subject: str
    body_text: str
    attachments: tuple[AttachmentText, ...] = ()
    initiatives: tuple[StoredInitiative, ...] = ()  # in the reply's order
    split_kept: bool = False  # a reviewer worked on the reply: its split stays


@dataclass(frozen=True)
class DerivedRespondent:
    """Who replied, as the rules read it (rule: Danish, for people; rule_id: stable key)."""

    name: str
    email: str
    organisation: str
    type: RespondentType
    rule: str
    rule_id: str


@dataclass(frozen=True)
class DerivedTheme:
    """A codebook theme the rules found in the reply's words and attachments."""

    theme: str
    label: str
    codebook_version: str
    words: tuple[str, ...]
    keywords: tuple[str, ...]
    hits: int


@dataclass(frozen=True)
class InitiativeFields:
    """What is read from one initiative's own text, also when a reviewer keeps its split."""

    themes: tuple[str, ...]
    theme_labels: tuple[str, ...]
    owner: str
    level: str


@dataclass(frozen=True)
class DerivedInitiative:
    """One initiative of the reply; `continues` is the index in ReplyInputs.initiatives of
    the stored one whose row it keeps (None: a new row)."""

    number: int
    title: str
    text: str
    rule: str
    origin: str
    fields: InitiativeFields
    continues: int | None = None


@dataclass(frozen=True)
class DerivedReply:
    """Every derived field of one reply; initiatives in number order (with `split_kept`,
    the stored ones in their order, only their fields read again)."""

    respondent: DerivedRespondent
    reply_text: str  # the respondent's own words, a forwarded mail's included
    forwarded: bool
    signature: str
    points_to_attachment: bool
    no_comments: bool
    language: str
    references: tuple[tuple[str, str], ...]  # (label, value): ("Vores ref.", "17-42")
    themes: tuple[DerivedTheme, ...]
    initiatives: tuple[DerivedInitiative, ...]
    split_kept: bool = False
