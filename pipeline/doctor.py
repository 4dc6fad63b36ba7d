"""`hoering doctor`: check the config, the database and every IMAP account, step by step.

Reads and changes nothing: folders are looked at with LIST and STATUS, the database is not
created or migrated. Secrets are resolved to prove they work, never shown.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from hoering.config import Config, ImapConfig
from hoering.danish_letters import with_digraphs
from hoering.ingest import imap, imap_auth
from hoering.ingest.imap_connect import is_loopback
from hoering.ingest.imap_probe import NOTABLE_CAPABILITIES, ListingCheck, Probe, listing_ok, probe
from hoering.ingest.secrets import SecretError
from hoering.pipeline import accounts
from hoering.store.db import DatabaseError
from hoering.store.health import DatabaseStatus, database_status, stored_cursors

Say = Callable[[str], None]


def run(config: Config, say: Say) -> list[Exception]:
    """Run every check, printing each result with `say`; return the problems found, in order."""
    problems: list[Exception] = []
    count = len(config.accounts)
    say(f"config      {config.path}: ok, {count} IMAP account{'' if count == 1 else 's'}")
    database = _check_database(config, say, problems)
    say(f"actions     {_post_action(config)}")
    if not config.accounts:
        say("imap        no [imap] section: poll cannot run (import works without it)")
    for account in config.accounts:
        _check_account(config, account, database, say, problems)
    return problems


def _post_action(config: Config) -> str:
    """What poll does in the mailbox to a reply once it is stored ([actions] after)."""
    actions = config.actions
    if actions.after == "move":
        return f"after storing, poll moves each reply to {actions.move_to!r}"
    if actions.after == "flag":
        return f"after storing, poll flags each reply {actions.flag}"
    if actions.after == "seen":
        return "after storing, poll marks each reply as read"
    return "none: poll leaves the mailbox as it is ([actions] after)"


def _check_database(config: Config, say: Say, problems: list[Exception]) -> DatabaseStatus | None:
    try:
        status = database_status(config.store_url)
    except DatabaseError as exc:
        say(f"database    ERROR: {exc}")
        problems.append(exc)
        return None
    if not status.exists:
        say(f"database    {status.url}: not created yet (the first poll or import creates it)")
    elif status.revision is None:
        say(f"database    {status.url}: empty (the schema is created on first use)")
    elif status.current:
        say(f"database    {status.url}: schema revision {status.revision} (current)")
    else:
        say(
            f"database    {status.url}: schema revision {status.revision}, this version "
            f"expects {status.head} (the next poll or import migrates it)"
        )
    return status


def _check_account(
    config: Config,
    account: ImapConfig,
    database: DatabaseStatus | None,
    say: Say,
    problems: list[Exception],
) -> None:
    name = accounts.name(account)
    say(f"account     {name}: {account.host}:{account.port} ({account.security}), {account.auth}")
    if account.security == "plain" and not is_loopback(account.host):
        say("  warning   no TLS to a host that is not this machine: the secret crosses the network")
    try:
        settings = accounts.settings(account)
    except (SecretError, imap.ImapError) as exc:
        say(f"  secret    ERROR: {exc}")
        problems.append(exc)
        return
    say(f"  secret    {accounts.secret_source(account)}: ok (not shown)")
    try:
        found = probe(settings)
    except imap.ImapError as exc:
        say(f"  login     ERROR: {exc}")
        problems.append(exc)
        return
    used = imap_auth.method(settings.auth, settings.username, settings.password)
    say(f"  login     ok ({used} as {account.username})")
    _say_capabilities(found, say)
    cursors = _cursors(config, database, name, say, problems)
    _say_folders(account, found, cursors, say, problems)


def _say_capabilities(found: Probe, say: Say) -> None:
    say(f"  capabilities {' '.join(found.capabilities)}")
    for capability, meaning in NOTABLE_CAPABILITIES.items():
        present = "yes" if capability in found.capabilities else "no "
        say(f"    {capability:<12} {present} {meaning}")


def _cursors(
    config: Config,
    database: DatabaseStatus | None,
    name: str,
    say: Say,
    problems: list[Exception],
) -> dict[str, tuple[int, int]]:
    if database is None or database.revision is None:
        return {}
    try:
        return stored_cursors(config.store_url, name)
    except DatabaseError as exc:
        say(f"  cursors   ERROR: {exc}")
        problems.append(exc)
        return {}


def _say_folders(
    account: ImapConfig,
    found: Probe,
    cursors: dict[str, tuple[int, int]],
    say: Say,
    problems: list[Exception],
) -> None:
    say("  folders   (* = configured)")
    spellings = [found.spelled.get(f, f) for f in account.folders]
    configured = {"INBOX" if f.upper() == "INBOX" else f for f in spellings}
    for folder, flags in found.folders:
        mark = "*" if ("INBOX" if folder.upper() == "INBOX" else folder) in configured else " "
        special = " ".join(f for f in flags if f.lower() not in _PLAIN_FLAGS)
        say(f"    {mark} {folder}" + (f"  {special}" if special else ""))
    for folder in account.folders:
        status = found.statuses.get(folder)
        if status is None:
            error = imap.ImapFolderError(
                f"configured folder {folder!r} does not exist on {account.host} "
                f"for {account.username}{_closest(folder, found)}"
            )
            say(f"  {folder}: ERROR: {error}")
            problems.append(error)
            continue
        spelled = f" (on the server: {found.spelled[folder]})" if folder in found.spelled else ""
        say(
            f"  {folder}{spelled}: UIDVALIDITY {status.uidvalidity}, {status.messages} message(s), "
            f"{_cursor_text(cursors.get(folder), status.uidvalidity)}"
        )
        check = found.listings.get(folder)
        if check is not None:
            _say_listing(folder, check, say, problems)


def _closest(folder: str, found: Probe) -> str:
    """A hint at the folder meant: "Hoeringssvar" for "Høringssvar", "OGP/Svar" for "OGP.Svar"."""
    names = {_spelled_out(name): name for name, _flags in reversed(found.folders)}
    close = difflib.get_close_matches(_spelled_out(folder), list(names), 1)
    return f"; did you mean {names[close[0]]!r}?" if close else ""


def _spelled_out(name: str) -> str:
    """Danish letters as an ASCII keyboard writes them, and any level separator as "/"."""
    return with_digraphs(name.casefold()).replace(".", "/")


def _say_listing(folder: str, check: ListingCheck, say: Say, problems: list[Exception]) -> None:
    """How new mail is listed in `folder`, and whether the server can be trusted to list it."""
    listed = len(check.listing.uids)
    if listing_ok(check):
        say(f"    listing ok: {listed} of {check.exists} message(s) by {check.listing.form}")
    elif listed >= check.exists:
        say(
            f"    listing WARNING: {imap.RANGE_FORM} missed messages the folder holds; every "
            f"poll falls back to {check.listing.form} ({listed} of {check.exists} found). "
            "Tell the mail administrator: the server's UID SEARCH is unreliable"
        )
    else:
        error = imap.ImapFolderError(
            f"the server lists only {listed} of the {check.exists} message(s) in {folder!r}: "
            "hoering cannot see the others"
        )
        say(f"    listing ERROR: {error}")
        problems.append(error)
    if check.exists and check.star_listed < check.exists:
        # GNU Mailutils imap4d 3.15 answers "UID SEARCH UID 1:*" with an empty list.
        say(
            f"    note: the server answers UID SEARCH UID 1:* with {check.star_listed} of "
            f"{check.exists} message(s); hoering does not rely on that form"
        )


# LIST flags about structure, not purpose; the rest (\Sent, \Trash, ...) are worth showing.
_PLAIN_FLAGS = {"\\haschildren", "\\hasnochildren", "\\marked", "\\unmarked", "\\noinferiors"}


def _cursor_text(cursor: tuple[int, int] | None, uidvalidity: int) -> str:
    if cursor is None:
        return "never polled (the first poll reads the whole folder)"
    stored_validity, last_uid = cursor
    if stored_validity != uidvalidity:
        return (
            f"stored cursor UID {last_uid} under UIDVALIDITY {stored_validity}: changed, "
            "the next poll reads the folder again (duplicates are recognised)"
        )
    return f"cursor: read up to UID {last_uid}"
