"""The one exception base, `HoeringError`, and the exit codes the CLI turns it into.

Every domain exception derives from `HoeringError`; cli.py catches
`HoeringError` in one place and prints `hoering: <message>` with `exit_code`. Anything
else that escapes is a bug (exit 70 with a traceback). The IMAP failures (exit codes AUTH
and UNREACHABLE) live in ingest/errors.py and derive from `HoeringError` too. This module
imports nothing of ours, so every package, the pure ones (ingest, parse, analysis) included,
may use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes (README "Exit codes")."""

    OK = 0
    PARTIAL = 1  # the run finished, but some messages could not be parsed (stored raw)
    CONFIG = 2  # config missing/invalid, bad arguments or paths, password source failed
    AUTH = 3  # the IMAP server (or Entra ID) refused the login
    UNREACHABLE = 4  # the IMAP server could not be reached, timed out, or TLS failed
    DATABASE = 5  # the database cannot be opened or written
    LOCKED = 6  # another poll or import is running
    INTERRUPTED = 130  # stopped by Ctrl-C (SIGINT), as shells report it; what was stored stays
    INTERNAL = 70  # a bug: please report it with the log


class HoeringError(Exception):
    """Base of every error hoering raises on purpose; its message is one line for the user.

    The default exit code is INTERNAL: an error class that only ever lives inside one unit
    (an attachment's extraction error, recorded on the attachment) ends no run, so one that
    reaches the CLI anyway is a bug.
    """

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(HoeringError):
    """A bad config file, argument or path: the user can fix it and run again."""

    exit_code = ExitCode.CONFIG


class StoreError(HoeringError):
    """The database cannot be opened, migrated or written."""

    exit_code = ExitCode.DATABASE


class LockedError(HoeringError):
    """Another run holds the lock."""

    exit_code = ExitCode.LOCKED


class Interrupted(HoeringError):
    """Ctrl-C stopped a run; what it had committed stays and the next run goes on from there."""

    exit_code = ExitCode.INTERRUPTED


class UnknownProposal(UsageError):
    """A proposal id that is not in the database (show, history, review, tag, reparse)."""

    def __init__(self, ids: int | Iterable[int]) -> None:
        self.ids = (ids,) if isinstance(ids, int) else tuple(ids)
        super().__init__(f"no proposal with id {', '.join(str(i) for i in self.ids)}")
