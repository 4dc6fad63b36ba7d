"""Post-actions owed on stored replies, done after their transaction committed.

Order per message: fetch, parse, commit (proposal + state with action `pending`), then --
here, on a connection of its own once the folders are read -- the IMAP action, then the
record that it was done. A crash in between leaves `pending`, and the action is safe to
repeat (see ingest/imap_actions.py). A refused action is retried on later runs and parked
after `[poll] max_attempts`; it never makes the message be fetched or stored again.
"""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config
from hoering.errors import UsageError
from hoering.ingest import imap
from hoering.ingest.imap_actions import (
    Action,
    ImapActionError,
    apply,
    select_for_actions,
    server_name,
)
from hoering.pipeline import accounts
from hoering.pipeline.lock import run_lock
from hoering.store import models, states
from hoering.store.db import writing
from hoering.vocab import ActionState

log = logging.getLogger(__name__)

UIDS_PER_COMMAND = 200  # keeps each command line well under servers' limits (~8 kB on some)


class NoAction(UsageError):
    """`hoering actions` without an [actions] after to apply."""


@dataclass
class ActionReport:
    done: int = 0
    failed: int = 0


def action_of(config: Config) -> Action | None:
    """The configured action, or None for the default read-only mode."""
    settings = config.actions
    if settings.after == "none":
        return None
    return Action(settings.after, move_to=settings.move_to, flag=settings.flag)


def run_actions(
    config: Config, sessions: sessionmaker[Session], settings: imap.ImapSettings
) -> ActionReport:
    """Do the actions owed in this account's configured folders; the caller holds the lock."""
    report = ActionReport()
    action = action_of(config)
    account = imap.account_id(settings)
    try:
        with writing():
            with sessions() as session:
                due = states.due_actions(session, account, settings.folders)
            if action is None or not due:
                return report
            with imap.connect(settings) as client:
                for folder, rows in due.items():
                    _folder(config, sessions, client, action, folder, rows, report)
    except (OSError, imaplib.IMAP4.abort) as exc:
        raise imap.ImapConnectionError(
            f"IMAP connection to {settings.host}:{settings.port} lost during post-actions: {exc}"
        ) from exc
    return report


@dataclass
class CatchUp:
    """What `hoering actions --catch-up` did: replies newly owed the action, and the actions
    done and failed in that run (older owed actions included)."""

    owed: int = 0
    done: int = 0
    failed: int = 0


def catch_up(config: Config, sessions: sessionmaker[Session], apply_now: bool) -> CatchUp:
    """Owe the configured post-action on replies stored before it was configured, and (with
    `apply_now`) do every owed action of every account now; holds the run lock."""
    action = action_of(config)
    if action is None:
        raise NoAction(
            'no post-action is configured: set [actions] after = "seen", "flag" or "move"'
        )
    report = CatchUp()
    with run_lock(config):
        for account in config.accounts:
            settings = accounts.settings(account)
            name = imap.account_id(settings)
            with writing(), sessions.begin() as session:
                if not apply_now:
                    report.owed += states.never_actioned(session, name, settings.folders)
                    continue
                report.owed += states.owe_actions(session, name, settings.folders)
            done = run_actions(config, sessions, settings)
            report.done, report.failed = report.done + done.done, report.failed + done.failed
    return report


def _folder(
    config: Config,
    sessions: sessionmaker[Session],
    client,
    action: Action,
    folder: str,
    rows: Sequence[models.MessageState],
    report: ActionReport,
) -> None:
    destination = server_name(client, action.move_to) if action.kind == "move" else None
    if imap.server_folder(client, folder) == destination:
        # Polling the destination too: its messages are where they should be already.
        _record(sessions, [r.id for r in rows], ActionState.DONE, f"already in {folder}")
        return
    try:
        uidvalidity, permanent_flags = select_for_actions(client, folder)
    except ImapActionError as exc:
        _failed(config, sessions, [r.id for r in rows], action, str(exc), folder, report)
        return
    stale = [r.id for r in rows if r.uidvalidity != uidvalidity]
    if stale:
        # UIDs of the old UIDVALIDITY name nothing now; the rescan owes the action anew.
        _record(sessions, stale, ActionState.OBSOLETE, None, "UIDVALIDITY changed")
    live = [r for r in rows if r.uidvalidity == uidvalidity]
    for start in range(0, len(live), UIDS_PER_COMMAND):
        batch = live[start : start + UIDS_PER_COMMAND]
        ids, uids = [r.id for r in batch], [r.uid for r in batch if r.uid is not None]
        try:
            how = apply(client, action, uids, permanent_flags)
        except ImapActionError as exc:
            _failed(config, sessions, ids, action, str(exc), folder, report)
            continue
        _record(sessions, ids, ActionState.DONE, how)
        report.done += len(ids)
        log.info(
            "%s: %d message(s) in %r", action.describe(), len(ids), folder, extra={"folder": folder}
        )


def _failed(
    config: Config,
    sessions: sessionmaker[Session],
    ids: list[int],
    action: Action,
    error: str,
    folder: str,
    report: ActionReport,
) -> None:
    log.warning(
        "%s failed for %d message(s) in %r (tried again next run): %s",
        action.describe(),
        len(ids),
        folder,
        error,
        extra={"folder": folder},
    )
    with sessions.begin() as session:
        states.record_actions(
            session, ids, ActionState.FAILED, action.describe(), error, config.max_attempts
        )
    report.failed += len(ids)


def _record(
    sessions: sessionmaker[Session],
    ids: list[int],
    state: str,
    how: str | None,
    error: str | None = None,
) -> None:
    with sessions.begin() as session:
        states.record_actions(session, ids, state, how, error)
