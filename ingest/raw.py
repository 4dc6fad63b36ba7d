"""The values every source yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class MessageOrigin:
    """Where a message was seen. (account, folder, uidvalidity, uid) identifies it on IMAP."""

    account: str  # "user@host" for IMAP, "file" for offline sources
    folder: str  # IMAP folder name, or the file/mbox/Maildir path
    uidvalidity: int | None = None
    uid: int | None = None  # IMAP UID, or the position inside an mbox/folder (1-based)
    internal_date: datetime | None = None  # IMAP INTERNALDATE: when the server received it


@dataclass(frozen=True)
class RawMessage:
    """The untouched bytes of one message and where they came from."""

    origin: MessageOrigin
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class SkippedMessage:
    """A message the IMAP prefilter ruled out from its subject header alone (body not fetched)."""

    origin: MessageOrigin
    subject: str


@dataclass(frozen=True)
class FolderChecked:
    """Yielded after each IMAP folder: its UIDVALIDITY and the highest UID looked at.

    Lets the caller move the folder's cursor even when nothing new was yielded, e.g. an
    empty folder after a UIDVALIDITY change, or a last message that vanished.
    """

    origin: MessageOrigin  # uid: highest UID looked at, 0 for an empty folder
