"""Where a message was seen: the one shape of a message's place, from fetch to stored row.

Ingest yields it with the bytes, the run and the retries hand it to the store, and the
store maps it to the columns of sightings, message states and proposals (source_*). It
imports nothing of ours, so every package may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# (account, folder, uidvalidity, uid): what identifies a place, as rows are matched by it.
PlaceKey = tuple[str, str, int | None, int | None]


@dataclass(frozen=True)
class MessageOrigin:
    """Where a message was seen. (account, folder, uidvalidity, uid) identifies it on IMAP."""

    account: str  # "user@host" for IMAP, "file" for offline sources
    folder: str  # IMAP folder name, or the file/mbox/Maildir path
    uidvalidity: int | None = None
    uid: int | None = None  # IMAP UID, or the position inside an mbox/folder (1-based)
    internal_date: datetime | None = None  # IMAP INTERNALDATE: when the server received it

    @property
    def key(self) -> PlaceKey:
        return (self.account, self.folder, self.uidvalidity, self.uid)
