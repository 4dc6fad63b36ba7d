"""Read new messages from IMAP folders without changing them: EXAMINE, BODY.PEEK, UID cursors."""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.parser import BytesHeaderParser

from imapclient import IMAPClient

# The errors and the connection are part of this module's face: callers catch imap.ImapError.
from hoering.ingest.errors import ImapAuthError as ImapAuthError
from hoering.ingest.errors import ImapConnectionError, ImapFolderError
from hoering.ingest.errors import ImapError as ImapError
from hoering.ingest.imap_connect import ImapSettings, _close, _where, account_id, connect, logout
from hoering.ingest.raw import (
    FolderChecked,
    FolderFailed,
    MessageOrigin,
    RawMessage,
    SkippedMessage,
)

log = logging.getLogger(__name__)

Cursor = tuple[int, int]  # (UIDVALIDITY, highest UID already yielded) of one folder
ImapItem = RawMessage | SkippedMessage | FolderChecked | FolderFailed
Wants = Callable[[bytes], bool]  # gets the raw "Subject: ...\r\n\r\n" header block

SUBJECT_ITEM = "BODY.PEEK[HEADER.FIELDS (SUBJECT)]"
BODY_ITEM = "BODY.PEEK[]"


def messages(
    settings: ImapSettings, cursors: Mapping[str, Cursor], wants: Wants
) -> Iterator[ImapItem]:
    """Connect, then yield what is new in each configured folder after its cursor (by name).

    A folder that cannot be opened is one FolderFailed; the others are read all the same.
    """
    account = account_id(settings)
    client = connect(settings)
    lost = False
    try:
        for folder in settings.folders:
            try:
                yield from fetch_new(
                    client, account, folder, cursors.get(folder), wants, settings.batch_size
                )
            except ImapFolderError as exc:  # raised before the folder yielded anything
                log.info("%s: %s; going on with the next folder", account, exc)
                yield FolderFailed(account, folder, str(exc))
            except (OSError, imaplib.IMAP4.abort) as exc:
                # No LOGOUT: a server that stopped answering would make us wait a timeout more.
                lost = True
                _close(client)
                reason = str(exc) or type(exc).__name__
                raise ImapConnectionError(
                    f"IMAP connection to {_where(settings)} lost while reading {folder!r}: {reason}"
                ) from exc
    finally:
        if not lost:
            logout(client)


def fetch_new(
    client: IMAPClient,
    account: str,
    folder: str,
    cursor: Cursor | None,
    wants: Wants,
    batch_size: int,
) -> Iterator[ImapItem]:
    """Yield a RawMessage (wanted) or SkippedMessage per UID after the cursor, UIDs ascending,
    then one FolderChecked.

    The next cursor is (origin.uidvalidity, origin.uid) of the last item yielded.
    """
    folder_info = _examine(client, folder)
    uidvalidity = folder_info.uidvalidity
    after = _start_after(folder, cursor, uidvalidity)
    uids = list_after(client, after, folder_info, f"{account} {folder!r}").uids
    log.info(
        "%s %r: %d new message(s) after UID %d",
        account,
        folder,
        len(uids),
        after,
        extra={"account": account, "folder": folder, "uidvalidity": uidvalidity},
    )
    base = MessageOrigin(account, folder, uidvalidity)
    for start in range(0, len(uids), batch_size):
        yield from _fetch_batch(client, base, uids[start : start + batch_size], wants)
    yield FolderChecked(MessageOrigin(account, folder, uidvalidity, max([after, *uids])))


@dataclass(frozen=True)
class FolderInfo:
    """What EXAMINE told about a folder: its UIDVALIDITY and the counts to check a listing by."""

    uidvalidity: int
    exists: int
    uidnext: int | None  # RFC 3501 requires it, but some older servers leave it out


def _examine(client: IMAPClient, folder: str) -> FolderInfo:
    """Select the folder read-only (EXAMINE, so nothing can set \\Seen)."""
    try:
        info = client.select_folder(server_folder(client, folder), readonly=True)
    except imaplib.IMAP4.abort:
        raise  # a lost connection, not a folder problem: messages() reports it
    except imaplib.IMAP4.error as exc:
        raise ImapFolderError(
            f"cannot open IMAP folder {folder!r}: {_named(exc, folder).rstrip('. ')}; "
            "check `folders` (`hoering doctor` lists the folders the server has)"
        ) from exc
    if b"UIDVALIDITY" not in info:
        raise ImapFolderError(
            f"server gave no UIDVALIDITY for {folder!r}; UIDs would not be stable"
        )
    uidnext = info.get(b"UIDNEXT")
    return FolderInfo(
        uidvalidity=int(info[b"UIDVALIDITY"]),
        exists=int(info.get(b"EXISTS", 0)),
        uidnext=int(uidnext) if uidnext is not None else None,
    )


def server_folder(client: IMAPClient, folder: str) -> str:
    """A configured folder in the server's spelling: "/" between levels, as in [actions]
    move_to, becomes the server's own separator ("." on Dovecot's default Maildir++ layout,
    which refuses "/" in a name)."""
    if "/" not in folder:
        return folder
    return separator(client).join(part for part in folder.split("/") if part)


def separator(client: IMAPClient) -> str:
    """The server's hierarchy separator: "." on Dovecot's Maildir++, "/" on Exchange and Gmail."""
    # LIST "" "" answers with the hierarchy separator (RFC 3501 6.3.8).
    listing = client.list_folders("", "")
    found = listing[0][1] if listing else None
    if isinstance(found, bytes):
        return found.decode("ascii")
    return found or "/"


def _start_after(folder: str, cursor: Cursor | None, uidvalidity: int) -> int:
    """The UID to continue after: the cursor's, or 0 when the folder's UIDs were renumbered."""
    if cursor is None:
        return 0
    old_uidvalidity, last_uid = cursor
    if old_uidvalidity != uidvalidity:
        log.warning(
            "UIDVALIDITY of %r changed from %d to %d: reading the whole folder again",
            folder,
            old_uidvalidity,
            uidvalidity,
            extra={"folder": folder, "uidvalidity": uidvalidity},
        )
        return 0
    return last_uid


MAX_UID = 4294967295  # RFC 3501: a UID is a 32-bit unsigned number
RANGE_FORM = "UID SEARCH UID n:4294967295"
FALLBACK_FORM = "UID SEARCH ALL"


@dataclass(frozen=True)
class Listing:
    """The UIDs after a cursor, ascending, and how they were found."""

    uids: list[int]
    form: str  # RANGE_FORM, or FALLBACK_FORM when the first answer could not be right
    suspicious: bool = False  # the range form missed mail the folder's counts announced


def list_after(client: IMAPClient, after: int, info: FolderInfo, where: str) -> Listing:
    """UIDs greater than `after` in the examined folder, checked against EXISTS and UIDNEXT.

    An explicit upper bound, not "n:*": GNU Mailutils imap4d 3.15 answers "UID SEARCH UID
    1:*" with an empty list (OK) for a full folder, and RFC 3501 6.4.8 makes "n:*" match the
    last message when n is past it (Dovecot does). If the folder's counts say there is mail
    past the cursor and the range finds none, the folder is listed again in full.
    """
    found = _search(client, ["UID", f"{after + 1}:{MAX_UID}"], after)
    if not _missed(found, after, info):
        return Listing(found, RANGE_FORM)
    everything = _search(client, ["ALL"], after)
    if everything:
        log.warning(
            "%s: the IMAP server listed no message after UID %d with %s although the folder "
            "holds %d (UIDNEXT %s); %s found %d. The server's search is unreliable: "
            "run `hoering doctor` and tell the mail administrator",
            where,
            after,
            RANGE_FORM,
            info.exists,
            info.uidnext,
            FALLBACK_FORM,
            len(everything),
        )
    return Listing(everything, FALLBACK_FORM, suspicious=bool(everything))


def _search(client: IMAPClient, criteria: list[str], after: int) -> list[int]:
    return sorted(uid for uid in client.search(criteria) if uid > after)


def _missed(found: list[int], after: int, info: FolderInfo) -> bool:
    """Does the listing contradict the counts of EXAMINE (EXISTS, UIDNEXT)?"""
    if info.exists == 0:
        return False
    if after == 0:  # the first poll must see every message the folder holds
        return len(found) < info.exists
    # UIDNEXT past cursor + 1 means a message arrived after the cursor (it may since be
    # expunged: then the full listing finds nothing and nothing is said).
    return not found and (info.uidnext is None or info.uidnext > after + 1)


def _fetch_batch(
    client: IMAPClient, base: MessageOrigin, uids: list[int], wants: Wants
) -> Iterator[RawMessage | SkippedMessage]:
    """Fetch subjects and dates for `uids`, then the full bodies of the wanted ones only."""
    heads = client.fetch(uids, [SUBJECT_ITEM, "INTERNALDATE"])
    wanted = [uid for uid in uids if uid in heads and wants(_subject_block(heads[uid]))]
    bodies = client.fetch(wanted, [BODY_ITEM]) if wanted else {}
    wanted_set = set(wanted)
    for uid in uids:
        if uid not in heads:
            _log_vanished(base, uid)
            continue
        origin = _origin(base, uid, heads[uid].get(b"INTERNALDATE"))
        if uid not in wanted_set:
            yield SkippedMessage(origin, subject=_subject_text(_subject_block(heads[uid])))
            continue
        data = bodies.get(uid, {}).get(b"BODY[]")
        if data is None:
            _log_vanished(base, uid)
            continue
        yield RawMessage(origin, data, subject_checked=True)


def _origin(base: MessageOrigin, uid: int, internal_date: datetime | None) -> MessageOrigin:
    if internal_date is not None and internal_date.tzinfo is None:
        # imapclient gives naive local time if a caller's client normalises times.
        internal_date = internal_date.astimezone()
    return MessageOrigin(base.account, base.folder, base.uidvalidity, uid, internal_date)


def _log_vanished(base: MessageOrigin, uid: int) -> None:
    # A message expunged by another client after our SEARCH: Dovecot answers BODY[] NIL;
    # RFC 3501 also lets a server leave a vanished UID out of the FETCH response entirely.
    log.info(
        "%s %r: UID %d vanished before it could be read",
        base.account,
        base.folder,
        uid,
        extra={"account": base.account, "folder": base.folder, "uid": uid},
    )


def _subject_block(item: Mapping[bytes, object]) -> bytes:
    """The raw Subject header block of a FETCH item ("Subject: ...\\r\\n\\r\\n")."""
    # Most servers (Dovecot included) echo the section as asked, BODY[HEADER.FIELDS (SUBJECT)],
    # but some quote the field names (reported in node-imap #150, ESP-Mail-Client #10).
    for key, value in item.items():
        if key.upper().startswith(b"BODY[HEADER.FIELDS") and isinstance(value, bytes):
            return value
    return b""


def _subject_text(block: bytes) -> str:
    """The decoded subject for reports; the email policy never raises on malformed headers."""
    subject = BytesHeaderParser(policy=policy.default).parsebytes(block)["subject"]
    return str(subject or "")


def _named(exc: imaplib.IMAP4.error, folder: str) -> str:
    """The server's refusal with the folder's own name in it: Dovecot answers in UTF-8,
    which imaplib reads as ASCII and drops ("Mailbox doesn't exist: Hringssvar")."""
    stripped = folder.encode("ascii", "ignore").decode("ascii")
    text = str(exc)
    return text.replace(stripped, folder) if stripped != folder and stripped else text
