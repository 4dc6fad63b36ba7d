"""SQLAlchemy models: raw messages, where they were seen, proposals, attachments, cursors, runs."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Stores timezone-aware datetimes as UTC; SQLite would otherwise drop the offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class RawMessage(Base):
    """The exact bytes received. Never changed after insert; the source of every reparse."""

    __tablename__ = "raw_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "mid:<Message-ID>" or "sha256:<hex>" when the Message-ID is missing: one row per message.
    dedup_key: Mapped[str] = mapped_column(String(1000), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[str | None] = mapped_column(String(998))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    parse_error: Mapped[str | None] = mapped_column(Text)

    sightings: Mapped[list[Sighting]] = relationship(back_populates="raw_message")
    proposal: Mapped[Proposal | None] = relationship(back_populates="raw_message")


class Sighting(Base):
    """One place a message was seen: an IMAP (account, folder, UIDVALIDITY, UID) or a file."""

    __tablename__ = "sightings"
    __table_args__ = (UniqueConstraint("account", "folder", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(ForeignKey("raw_messages.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(String(500))
    folder: Mapped[str] = mapped_column(String(1000))
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
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sender_name: Mapped[str] = mapped_column(String(500), default="")
    sender_email: Mapped[str] = mapped_column(String(500), default="", index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_source: Mapped[str] = mapped_column(String(20), default="none")
    combined_text: Mapped[str] = mapped_column(Text, default="")
    # Case-folded copy of subject, sender and text: SQLite's LIKE folds ASCII only, and
    # "Høring" must find "HØRING".
    search_text: Mapped[str] = mapped_column(Text, default="")
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings: Mapped[str] = mapped_column(Text, default="")  # one per line
    # parse.versions.PARSER_VERSION of the code that filled the fields above; NULL: older.
    parser_version: Mapped[str | None] = mapped_column(String(20))
    # Where it was first seen, for people tracing a proposal back to the mailbox.
    source_account: Mapped[str] = mapped_column(String(500))
    source_folder: Mapped[str] = mapped_column(String(1000))
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


class Attachment(Base):
    """An attachment or forwarded message of a proposal, with its extracted text."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("proposal_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(Text, default="")
    declared_type: Mapped[str] = mapped_column(String(255), default="")
    detected_type: Mapped[str] = mapped_column(String(50), default="unknown")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(30), default="none")
    error: Mapped[str | None] = mapped_column(Text)
    # parse.versions.extractor_version(detected_type), e.g. "pdf/2"; NULL: before versions.
    extractor_version: Mapped[str | None] = mapped_column(String(40))

    proposal: Mapped[Proposal] = relationship(back_populates="attachments")


class FolderCursor(Base):
    """How far a poll got in one IMAP folder: only UIDs above last_uid are fetched next time."""

    __tablename__ = "folder_cursors"
    __table_args__ = (UniqueConstraint("account", "folder"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(500))
    folder: Mapped[str] = mapped_column(String(1000))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Run(Base):
    """One poll or import, with its counts, for `hoering stats` and the operator."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # poll | import
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seen: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class MessageState(Base):
    """What the pipeline did with the message at one place, and any post-action still owed.

    status: skipped-unmarked | stored | duplicate | failed | parked (see store/states.py).
    action_state: None (no action owed) | pending | done | failed | parked | obsolete.
    """

    __tablename__ = "message_states"
    __table_args__ = (UniqueConstraint("account", "folder", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(500))
    folder: Mapped[str] = mapped_column(String(1000))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    raw_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_messages.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # times parsed
    last_error: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(String(1000))  # how it was done, for the record
    action_state: Mapped[str | None] = mapped_column(String(20), index=True)
    action_attempts: Mapped[int] = mapped_column(Integer, default=0)
    action_error: Mapped[str | None] = mapped_column(Text)
    action_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
