"""Post-actions on stored replies: set a flag, mark seen, or move. The only IMAP code that
changes mail; reading (ingest.imap) stays read-only with EXAMINE and BODY.PEEK.

Every action is safe to repeat, because a crash after the server did it but before the
database recorded it makes the next run do it again: adding a flag twice changes nothing,
and a UID that was already moved is simply no longer there.
"""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from imapclient import IMAPClient

from hoering.ingest.imap import ImapError, server_folder

log = logging.getLogger(__name__)

SEEN = b"\\Seen"
DELETED = b"\\Deleted"
ANY_KEYWORD = b"\\*"  # in PERMANENTFLAGS: the client may create new keywords


class ImapActionError(ImapError):
    """The server refused a post-action (a NO or BAD answer), e.g. a keyword it does not allow."""


@dataclass(frozen=True)
class Action:
    """What to do to a stored reply: kind is "flag", "seen" or "move"."""

    kind: str
    move_to: str = "OGP/Behandlet"  # "/" separates levels; translated to the server's separator
    flag: str = "\\Flagged"

    def describe(self) -> str:
        if self.kind == "move":
            return f"move to {self.move_to}"
        return f"flag {self.flag}" if self.kind == "flag" else "mark seen"


def select_for_actions(client: IMAPClient, folder: str) -> tuple[int, tuple[bytes, ...]]:
    """SELECT `folder` read-write; return its UIDVALIDITY and PERMANENTFLAGS."""
    try:
        info = client.select_folder(server_folder(client, folder))
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error as exc:
        raise ImapActionError(f"cannot select {folder!r} for changes: {exc}") from exc
    if info.get(b"READ-ONLY"):
        raise ImapActionError(f"{folder!r} is read-only for this user")
    return int(info[b"UIDVALIDITY"]), tuple(info.get(b"PERMANENTFLAGS", ()))


def apply(
    client: IMAPClient, action: Action, uids: Sequence[int], permanent_flags: tuple[bytes, ...]
) -> str:
    """Do `action` to `uids` in the selected folder; return how it was done, for the record."""
    try:
        if action.kind == "seen":
            client.add_flags(uids, [SEEN], silent=True)
            return "STORE +FLAGS \\Seen"
        if action.kind == "flag":
            _check_flag_allowed(action.flag, permanent_flags)
            client.add_flags(uids, [action.flag.encode("ascii")], silent=True)
            return f"STORE +FLAGS {action.flag}"
        if action.kind == "move":
            return move(client, uids, server_name(client, action.move_to))
    except imaplib.IMAP4.abort:
        raise  # the connection is gone: the caller reports it, the actions stay pending
    except imaplib.IMAP4.error as exc:
        raise ImapActionError(f"{action.describe()} refused: {exc}") from exc
    raise ValueError(f"unknown action {action.kind!r}")


def _check_flag_allowed(flag: str, permanent_flags: tuple[bytes, ...]) -> None:
    # Exchange answers PERMANENTFLAGS without \* (no custom keywords); Dovecot allows them.
    name = flag.encode("ascii")
    if flag.startswith("\\") or ANY_KEYWORD in permanent_flags or name in permanent_flags:
        return
    raise ImapActionError(
        f"the server does not allow the keyword {flag!r} (Exchange allows no custom keywords); "
        'use flag = "\\\\Flagged"'
    )


def server_name(client: IMAPClient, path: str) -> str:
    """The folder "A/B" in the server's own spelling: its separator, its personal prefix."""
    name = server_folder(client, path)
    prefix = _personal_prefix(client)
    # Courier and old Cyrus keep personal folders under "INBOX."; Dovecot and Exchange do not.
    if prefix and not name.startswith(prefix) and name.upper() != "INBOX":
        name = prefix + name
    return name


def _personal_prefix(client: IMAPClient) -> str:
    if not client.has_capability("NAMESPACE"):
        return ""
    personal = client.namespace().personal
    return personal[0][0] if personal else ""


def ensure_folder(client: IMAPClient, name: str) -> None:
    """Create `name` unless it exists (another client may create it at the same moment)."""
    if client.folder_exists(name):
        return
    try:
        client.create_folder(name)
    except imaplib.IMAP4.error:
        if not client.folder_exists(name):  # [ALREADYEXISTS] from a race is fine
            raise
    log.info("created IMAP folder %r for processed replies", name)


def move(client: IMAPClient, uids: Sequence[int], destination: str) -> str:
    """Move `uids` from the selected folder to `destination`; returns the method used."""
    ensure_folder(client, destination)
    if client.has_capability("MOVE"):  # RFC 6851; Exchange, Gmail and Dovecot have it
        client.move(uids, destination)
        return f"UID MOVE to {destination}"
    return _copy_and_delete(client, uids, destination)


def _copy_and_delete(client: IMAPClient, uids: Sequence[int], destination: str) -> str:
    """MOVE without the MOVE extension: UID COPY, then \\Deleted, then expunge only ours."""
    flags = client.get_flags(uids)
    # Already \Deleted means an earlier run copied it and was stopped before the expunge:
    # copying again would leave a second copy in the destination.
    to_copy = [uid for uid in uids if uid in flags and DELETED not in flags[uid]]
    present = [uid for uid in uids if uid in flags]
    if to_copy:
        client.copy(to_copy, destination)
    if not present:
        return f"nothing to move to {destination} (already gone)"
    client.delete_messages(present, silent=True)
    if client.has_capability("UIDPLUS"):
        client.uid_expunge(present)  # RFC 4315: removes exactly these UIDs
        return f"UID COPY to {destination}, UID EXPUNGE"
    return _expunge_if_only_ours(client, present, destination)


def _expunge_if_only_ours(client: IMAPClient, uids: Sequence[int], destination: str) -> str:
    # A plain EXPUNGE removes every \Deleted message in the folder, also those another
    # client (Outlook in "mark as deleted" mode, Thunderbird without compacting) only marked.
    # Another client could still mark one between this SEARCH and the EXPUNGE; servers
    # without UIDPLUS offer nothing narrower.
    others = set(client.search(["DELETED"])) - set(uids)
    if others:
        log.warning(
            "copied %d message(s) to %r and marked them \\Deleted, but did not EXPUNGE: "
            "%d other message(s) in the folder are marked \\Deleted and would be removed too",
            len(uids),
            destination,
            len(others),
        )
        return f"UID COPY to {destination}; left \\Deleted (others are \\Deleted, no UIDPLUS)"
    client.expunge()
    return f"UID COPY to {destination}, EXPUNGE"
