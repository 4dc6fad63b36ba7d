"""The values every source yields."""

from __future__ import annotations

from dataclasses import dataclass, field

from hoering.origin import MessageOrigin

__all__ = ["MessageOrigin"]  # ingest's name for it, kept for its callers


@dataclass(frozen=True)
class RawMessage:
    """The untouched bytes of one message and where they came from."""

    origin: MessageOrigin
    data: bytes = field(repr=False)
    # True when the source already applied the run's subject test (IMAP does, on a header-only
    # fetch before it fetches bodies), so the run does not match the same subject again.
    subject_checked: bool = False


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


@dataclass(frozen=True)
class FolderFailed:
    """Yielded for a configured IMAP folder that cannot be opened (a wrong name, no rights):
    the folders before and after it are still read, and the run reports it at the end."""

    account: str
    folder: str
    error: str  # one line: "cannot open IMAP folder 'Arkiv': Mailbox doesn't exist: Arkiv"
