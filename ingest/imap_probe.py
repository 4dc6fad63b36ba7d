"""Look at an IMAP account without reading mail, for `hoering doctor`: capabilities, folders,
and the status (UIDVALIDITY, message count) of the configured folders."""

from __future__ import annotations

import imaplib
from dataclasses import dataclass

from hoering.ingest.errors import ImapConnectionError
from hoering.ingest.imap import ImapSettings, _close, _where, connect, logout

# What each capability means for hoering; the operator sees these notes.
NOTABLE_CAPABILITIES = {
    "MOVE": 'moves in one step ([actions] after = "move"; without it: COPY and delete)',
    "UIDPLUS": "UID EXPUNGE: deleting after a COPY touches only the moved message",
    "IDLE": "push notification of new mail (not needed: poll runs from cron)",
    "CONDSTORE": "change tracking of flags (not needed)",
    "SPECIAL-USE": "marks the Sent, Trash and Junk folders",
}


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    messages: int
    uidnext: int | None


@dataclass(frozen=True)
class Probe:
    capabilities: tuple[str, ...]
    folders: tuple[tuple[str, tuple[str, ...]], ...]  # (name, flags) as LIST gave them
    statuses: dict[str, FolderStatus]  # configured folders that exist, by configured name
    missing: tuple[str, ...]  # configured folders the server does not have


def probe(settings: ImapSettings) -> Probe:
    """Log in, read CAPABILITY, LIST and STATUS of the configured folders; log out."""
    client = connect(settings)
    try:
        capabilities = tuple(sorted(c.decode("ascii", "replace") for c in client.capabilities()))
        listed = tuple(
            (name, tuple(f.decode("ascii", "replace") for f in flags))
            for flags, _delimiter, name in client.list_folders()
        )
        names = {_folder_key(name): name for name, _flags in listed}
        statuses: dict[str, FolderStatus] = {}
        missing: list[str] = []
        for folder in settings.folders:
            found = names.get(_folder_key(folder))
            if found is None:
                missing.append(folder)
                continue
            status = client.folder_status(found, ["MESSAGES", "UIDVALIDITY", "UIDNEXT"])
            statuses[folder] = FolderStatus(
                uidvalidity=int(status[b"UIDVALIDITY"]),
                messages=int(status[b"MESSAGES"]),
                uidnext=int(status[b"UIDNEXT"]) if b"UIDNEXT" in status else None,
            )
    except (OSError, imaplib.IMAP4.error) as exc:
        _close(client)
        raise ImapConnectionError(f"IMAP {_where(settings)} failed during checks: {exc}") from None
    logout(client)
    return Probe(capabilities, listed, statuses, tuple(missing))


def _folder_key(name: str) -> str:
    # RFC 3501 5.1: INBOX is case-insensitive; every other name is exact.
    return "INBOX" if name.upper() == "INBOX" else name
