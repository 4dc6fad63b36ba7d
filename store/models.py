"""SQLAlchemy models: raw messages, where they were seen, proposals, attachments, cursors, runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.store.base import Base, NulFreeString, NulFreeText, StringList, UTCDateTime, utcnow

# Callers read every table as models.X; the duplicate and candidate tables live apart.
from hoering.store.models_candidates import Candidate as Candidate
from hoering.store.models_candidates import CandidateEvent as CandidateEvent
from hoering.store.models_candidates import CandidateTerm as CandidateTerm
from hoering.store.models_duplicates import DuplicateBand as DuplicateBand
from hoering.store.models_duplicates import DuplicateGroup as DuplicateGroup
from hoering.store.models_duplicates import DuplicateIndex as DuplicateIndex
from hoering.store.models_duplicates import DuplicateMember as DuplicateMember
from hoering.store.models_pseudonyms import Pseudonym as Pseudonym
from hoering.vocab import DECISION_CHARS


class RawMessage(Base):
    """The exact bytes received, the source of every reparse. Never changed after insert,
    except that `hoering purge --raw-before` may empty `data` (purged_at says when)."""

    __tablename__ = "raw_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The message's identity (parse/identity.py): "id:" + sha256 of its Message-ID and of its
    # From, Date, Subject and body, not transport headers. One row per message; the insert
    # sentinel (a batch's rows go in with one INSERT ... RETURNING on SQLite too).
    dedup_key: Mapped[str] = mapped_column(NulFreeString(1000), unique=True, insert_sentinel=True)
    sha256: Mapped[str] = mapped_column(NulFreeString(64), index=True)
    # Indexed: two different messages may share one (a Message-ID collision, shown to reviewers).
    message_id: Mapped[str | None] = mapped_column(NulFreeString(998), index=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    parse_error: Mapped[str | None] = mapped_column(NulFreeText)
    # Why a machine sent it (auto-reply, bounce, read receipt, own mail; parse/automatic.py):
    # kept, but no proposal unless `hoering accept` makes one. None: a person's mail.
    automatic: Mapped[str | None] = mapped_column(NulFreeText)
    # When the bytes were dropped (store/purge.py); data is then b"", size and sha256 stay.
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sightings: Mapped[list[Sighting]] = relationship(back_populates="raw_message")
    proposal: Mapped[Proposal | None] = relationship(back_populates="raw_message")


class Sighting(Base):
    """One place a message was seen: an IMAP (account, folder, UIDVALIDITY, UID) or a file."""

    __tablename__ = "sightings"
    __table_args__ = (UniqueConstraint("account", "folder", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(ForeignKey("raw_messages.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(NulFreeString(500))
    folder: Mapped[str] = mapped_column(NulFreeString(1000))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    internal_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    raw_message: Mapped[RawMessage] = relationship(back_populates="sightings")


class Proposal(Base):
    """One reply to the consultation, normalized for review."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(
        ForeignKey("raw_messages.id", ondelete="CASCADE"), unique=True
    )
    message_id: Mapped[str | None] = mapped_column(NulFreeString(998), index=True)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sender_name: Mapped[str] = mapped_column(NulFreeString(500), default="")
    sender_email: Mapped[str] = mapped_column(NulFreeString(500), default="", index=True)
    subject: Mapped[str] = mapped_column(NulFreeText, default="")
    body_text: Mapped[str] = mapped_column(NulFreeText, default="")
    body_source: Mapped[str] = mapped_column(NulFreeString(20), default="none")
    combined_text: Mapped[str] = mapped_column(NulFreeText, default="")
    # Case-folded copy of subject, sender and text: SQLite's LIKE folds ASCII only, and
    # "Høring" must find "HØRING".
    search_text: Mapped[str] = mapped_column(NulFreeText, default="")
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    # parse.versions.PARSER_VERSION of the code that filled the fields above; NULL: older.
    parser_version: Mapped[str | None] = mapped_column(NulFreeString(20))
    # --- Normalized (issue 5), derived from the text by analysis/ at ingest and on reparse.
    # respondent_*: who replied. respondent_type is one of analysis.respondent.RESPONDENT_TYPES
    # ("borger", "virksomhed", "organisation", "offentlig myndighed"); respondent_rule is the
    # Danish description of the rule that fired, respondent_rule_id its stable key.
    # respondent_type_source: "auto" (rules) or "reviewer" (set by `hoering review --type`;
    # reparse then leaves type, rule and organisation alone).
    respondent_name: Mapped[str] = mapped_column(NulFreeString(500), default="")
    respondent_email: Mapped[str] = mapped_column(NulFreeString(500), default="")
    respondent_organisation: Mapped[str] = mapped_column(NulFreeString(500), default="")
    respondent_type: Mapped[str] = mapped_column(NulFreeString(30), default="borger", index=True)
    respondent_rule: Mapped[str] = mapped_column(NulFreeString(500), default="")
    respondent_rule_id: Mapped[str] = mapped_column(NulFreeString(50), default="")
    respondent_type_source: Mapped[str] = mapped_column(NulFreeString(10), default="auto")
    # A reviewer's name and organisation for the respondent (`hoering review
    # --respondent-name/--organisation`): None means the rules' reading; "" is a value.
    reviewed_respondent_name: Mapped[str | None] = mapped_column(NulFreeString(500), default=None)
    reviewed_organisation: Mapped[str | None] = mapped_column(NulFreeString(500), default=None)
    # The respondent's own words: body_text without quoted mail, signature and disclaimer
    # (a forwarded mail counts as part of the reply). body_text/combined_text stay original.
    reply_text: Mapped[str] = mapped_column(NulFreeText, default="")
    signature_text: Mapped[str] = mapped_column(NulFreeText, default="")
    points_to_attachment: Mapped[bool] = mapped_column(Boolean, default=False)  # "se vedhæftede"
    no_comments: Mapped[bool] = mapped_column(Boolean, default=False)  # "ingen bemærkninger"
    forwarded: Mapped[bool] = mapped_column(Boolean, default=False)  # "videresendt"
    language: Mapped[str] = mapped_column(NulFreeString(10), default="", index=True)  # da|en|other
    # The respondent's own reference numbers, each "label: value" ("Vores ref.: 17-42").
    reference_numbers: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    # --- Review (issue 5): set only by reviewers (rules/review.py decides,
    # store/review.py writes), every change audited.
    # status: "ny" | "under behandling" | "behandlet"; decision: None | "optaget" |
    # "delvist optaget" | ... (vocab.Decision, plus [review] decisions in the config).
    status: Mapped[str] = mapped_column(NulFreeString(30), default="ny", index=True)
    decision: Mapped[str | None] = mapped_column(NulFreeString(DECISION_CHARS), index=True)
    reason: Mapped[str] = mapped_column(NulFreeText, default="")
    assignee: Mapped[str] = mapped_column(NulFreeString(200), default="", index=True)
    # Where it was first seen, for people tracing a proposal back to the mailbox.
    source_account: Mapped[str] = mapped_column(NulFreeString(500))
    source_folder: Mapped[str] = mapped_column(NulFreeString(1000))
    source_uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    source_uid: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    raw_message: Mapped[RawMessage] = relationship(back_populates="proposal")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="proposal",
        order_by="Attachment.position",
        cascade="all, delete-orphan",
    )
    themes: Mapped[list[ProposalTheme]] = relationship(
        back_populates="proposal", order_by="ProposalTheme.id", cascade="all, delete-orphan"
    )
    notes: Mapped[list[Note]] = relationship(
        primaryjoin="and_(Note.target_kind == 'reply', foreign(Note.target_id) == Proposal.id)",
        order_by="Note.id",
        cascade="all, delete-orphan",
        overlaps="notes",
    )
    initiatives: Mapped[list[Initiative]] = relationship(
        back_populates="proposal", order_by="Initiative.number", cascade="all, delete-orphan"
    )


class Attachment(Base):
    """An attachment or forwarded message of a proposal, with its extracted text."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("proposal_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(NulFreeText)
    filename: Mapped[str] = mapped_column(NulFreeText, default="")
    declared_type: Mapped[str] = mapped_column(NulFreeString(255), default="")
    detected_type: Mapped[str] = mapped_column(NulFreeString(50), default="unknown")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(NulFreeString(64), default="")
    text: Mapped[str] = mapped_column(NulFreeText, default="")
    method: Mapped[str] = mapped_column(NulFreeString(30), default="none")
    error: Mapped[str | None] = mapped_column(NulFreeText)
    # parse.versions.extractor_version(detected_type), e.g. "pdf/2"; NULL: before versions.
    extractor_version: Mapped[str | None] = mapped_column(NulFreeString(40))

    proposal: Mapped[Proposal] = relationship(back_populates="attachments")


class FolderCursor(Base):
    """How far a poll got in one IMAP folder: only UIDs above last_uid are fetched next time."""

    __tablename__ = "folder_cursors"
    __table_args__ = (UniqueConstraint("account", "folder"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(NulFreeString(500))
    folder: Mapped[str] = mapped_column(NulFreeString(1000))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Run(Base):
    """One poll or import, with its counts, for `hoering stats` and the operator."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(NulFreeString(20))  # poll | import
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seen: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    # Stored before, byte for byte (a rerun); runs before migration 0011 count them in
    # `duplicates`, the other copies of a stored reply.
    already_stored: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(NulFreeText)


class MessageState(Base):
    """What the pipeline did with the message at one place, and any post-action still owed.

    status: skipped-unmarked | stored | duplicate | failed | parked (see store/states.py).
    action_state: None (no action owed) | pending | done | failed | parked | obsolete.
    """

    __tablename__ = "message_states"
    __table_args__ = (UniqueConstraint("account", "folder", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(NulFreeString(500))
    folder: Mapped[str] = mapped_column(NulFreeString(1000))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    raw_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_messages.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(NulFreeString(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # times parsed
    last_error: Mapped[str | None] = mapped_column(NulFreeText)
    action: Mapped[str | None] = mapped_column(NulFreeString(1000))  # done, e.g. "move OGP"
    action_state: Mapped[str | None] = mapped_column(NulFreeString(20), index=True)
    action_attempts: Mapped[int] = mapped_column(Integer, default=0)
    action_error: Mapped[str | None] = mapped_column(NulFreeText)
    action_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ProposalTheme(Base):
    """A theme of the codebook on a proposal, with the words that triggered it.

    source: "auto" (analysis.themes, replaced on every re-tagging) or "reviewer" (`hoering
    tag`, never touched by re-tagging). active=False with source "reviewer" records that a
    reviewer removed the theme, so re-tagging does not bring it back. words/keywords: lists
    of strings; codebook_version: the codebook that produced the tag ("" for reviewer tags).
    """

    __tablename__ = "proposal_themes"
    __table_args__ = (UniqueConstraint("proposal_id", "theme"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    theme: Mapped[str] = mapped_column(NulFreeString(100), index=True)  # codebook key
    label: Mapped[str] = mapped_column(NulFreeString(200), default="")
    codebook_version: Mapped[str] = mapped_column(NulFreeString(50), default="")
    words: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    keywords: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    hits: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(NulFreeString(10), default="auto")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    proposal: Mapped[Proposal] = relationship(back_populates="themes")


class AuditEvent(Base):
    """One reviewer change: who, when, which field, old and new value (None: empty/unset).

    field: status | decision | reason | assignee | respondent_type | note | theme, and for
    initiatives also title | split | merge. initiative_id: the initiative changed (None: the
    reply itself); no foreign key, so the trail of a merged-away initiative stays.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(NulFreeString(200))
    field: Mapped[str] = mapped_column(NulFreeString(50))
    old_value: Mapped[str | None] = mapped_column(NulFreeText)
    new_value: Mapped[str | None] = mapped_column(NulFreeText)
    initiative_id: Mapped[int | None] = mapped_column(Integer, index=True)


class ForgetLog(Base):
    """One `hoering forget`: when, by whom, whose (as a sha256, never the address) and counts.

    counts: JSON object of rows deleted per table, e.g. {"raw_messages": 2, "proposals": 2}.
    """

    __tablename__ = "forget_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(NulFreeString(200))
    email_sha256: Mapped[str] = mapped_column(NulFreeString(64), index=True)
    counts: Mapped[str] = mapped_column(NulFreeText, default="{}")


class PurgeLog(Base):
    """One `hoering purge --raw-before`: when, by whom, the cutoff and how many messages."""

    __tablename__ = "purge_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(NulFreeString(200))
    cutoff: Mapped[datetime] = mapped_column(UTCDateTime)
    messages: Mapped[int] = mapped_column(Integer)


class Initiative(Base):
    """One initiative a reply proposes (issue 10), with its own review fields.

    Derived at ingest, reparse and `hoering analyse` (rules/initiative_derive.py: a reply a
    reviewer worked on keeps its split; others keep ids by words). number: 1, 2, ... shown as
    "<reply id>.<number>". text: this initiative's words only. themes/theme_labels: codebook
    keys and labels, as lists. level: "lokal" | "regional" | "national" | "".
    rule: form | numbered-heading | heading | list | ordinal | inline | single | reviewer.
    origin: the section it came from ("brødtekst" or an attachment's file name). Review
    fields as on proposals.
    """

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(NulFreeText, default="")
    text: Mapped[str] = mapped_column(NulFreeText, default="")
    themes: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    theme_labels: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    owner: Mapped[str] = mapped_column(NulFreeString(500), default="")
    level: Mapped[str] = mapped_column(NulFreeString(20), default="", index=True)
    rule: Mapped[str] = mapped_column(NulFreeString(30), default="")
    origin: Mapped[str] = mapped_column(NulFreeText, default="")
    source: Mapped[str] = mapped_column(NulFreeString(10), default="auto")
    status: Mapped[str] = mapped_column(NulFreeString(30), default="ny", index=True)
    decision: Mapped[str | None] = mapped_column(NulFreeString(DECISION_CHARS), index=True)
    reason: Mapped[str] = mapped_column(NulFreeText, default="")
    assignee: Mapped[str] = mapped_column(NulFreeString(200), default="", index=True)
    # The bruttoliste candidate it was placed in (rules/candidates.py); None: not placed yet.
    # pinned: a reviewer placed it or saw it there; re-analysis leaves it in that candidate.
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidates.id", ondelete="SET NULL"), index=True
    )
    candidate_pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="initiatives")
    candidate: Mapped[Candidate | None] = relationship()
    notes: Mapped[list[Note]] = relationship(
        primaryjoin="and_(Note.target_kind == 'initiative', "
        "foreign(Note.target_id) == Initiative.id)",
        order_by="Note.id",
        cascade="all, delete-orphan",
        overlaps="notes",
    )

    @property
    def ref(self) -> str:
        """What reviewers type: "<reply id>.<number>", e.g. "12.2"."""
        return f"{self.proposal_id}.{self.number}"


class Note(Base):
    """A reviewer's note on a reply or an initiative (vocab.NoteTarget); only ever added, and
    moved on a merge. No foreign key can name two tables: Proposal.notes and Initiative.notes
    delete a target's notes with it, and store/forget.py deletes them explicitly."""

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_target", "target_kind", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_kind: Mapped[str] = mapped_column(NulFreeString(20))
    target_id: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(NulFreeString(200))
    text: Mapped[str] = mapped_column(NulFreeText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
