"""Look at an IMAP account without reading mail, for `hoering doctor`: capabilities, folders,
and the status (UIDVALIDITY, message count) of the configured folders."""

from __future__ import annotations

import imaplib
from dataclasses import dataclass, field

from imapclient import IMAPClient

from hoering.ingest.errors import ImapConnectionError
from hoering.ingest.imap import RANGE_FORM, Listing, _examine, list_after, server_folder
from hoering.ingest.imap_connect import ImapSettings, _close, _where, connect, logout

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
class ListingCheck:
    """How the server answers the listing of a whole folder: hoering's way and the "1:*" way."""

    exists: int
    listing: Listing  # what a first poll would read, by the form it would use
    star_listed: int  # UIDs "UID SEARCH UID 1:*" gives (imap4d 3.15 gives none)


@dataclass(frozen=True)
class Probe:
    capabilities: tuple[str, ...]
    folders: tuple[tuple[str, tuple[str, ...]], ...]  # (name, flags) as LIST gave them
    statuses: dict[str, FolderStatus]  # configured folders that exist, by configured name
    missing: tuple[str, ...]  # configured folders the server does not have
    listings: dict[str, ListingCheck] = field(default_factory=dict)  # by configured name
    # Configured folders the server spells otherwise ("A/B" as "A.B"), by configured name.
    spelled: dict[str, str] = field(default_factory=dict)


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
        listings: dict[str, ListingCheck] = {}
        spelled: dict[str, str] = {}
        for folder in settings.folders:
            on_server = server_folder(client, folder)
            if on_server != folder:
                spelled[folder] = on_server
            found = names.get(_folder_key(on_server))
            if found is None:
                missing.append(folder)
                continue
            status = client.folder_status(found, ["MESSAGES", "UIDVALIDITY", "UIDNEXT"])
            statuses[folder] = FolderStatus(
                uidvalidity=int(status[b"UIDVALIDITY"]),
                messages=int(status[b"MESSAGES"]),
                uidnext=int(status[b"UIDNEXT"]) if b"UIDNEXT" in status else None,
            )
            listings[folder] = check_listing(client, found)
    except (OSError, imaplib.IMAP4.error) as exc:
        _close(client)
        raise ImapConnectionError(f"IMAP {_where(settings)} failed during checks: {exc}") from None
    logout(client)
    return Probe(capabilities, listed, statuses, tuple(missing), listings, spelled)


def _folder_key(name: str) -> str:
    # RFC 3501 5.1: INBOX is case-insensitive; every other name is exact.
    return "INBOX" if name.upper() == "INBOX" else name


def check_listing(client: IMAPClient, folder: str) -> ListingCheck:
    """EXAMINE `folder` and list it as a first poll would, and by "1:*" for comparison."""
    info = _examine(client, folder)
    listing = list_after(client, 0, info, f"doctor {folder!r}")
    star = client.search(["UID", "1:*"]) if info.exists else []
    # CLOSE after EXAMINE expunges nothing (RFC 3501 6.4.2), and every server has it.
    client.close_folder()
    return ListingCheck(info.exists, listing, len(star))


def listing_ok(check: ListingCheck) -> bool:
    """True when the range form alone finds every message (no fallback needed)."""
    return check.listing.form == RANGE_FORM and len(check.listing.uids) >= check.exists
