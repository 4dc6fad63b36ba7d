"""Sources of raw messages: IMAP and its offline twins (.eml files, mbox, Maildir).

Every source yields the same `RawMessage` values; nothing here knows about parsing
or the database.
"""

from hoering.ingest.raw import (
    FolderChecked,
    FolderFailed,
    MessageOrigin,
    RawMessage,
    SkippedMessage,
)

__all__ = ["FolderChecked", "FolderFailed", "MessageOrigin", "RawMessage", "SkippedMessage"]
