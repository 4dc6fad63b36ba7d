"""Commands for running hoering over years: `hoering backup`, `hoering purge`. Registered
by cli.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from hoering.ui import context
from hoering.ui.console import out, plural
from hoering.ui.options import Command, ConfigOption, parse_day


def backup(
    target: Annotated[
        Path, typer.Argument(metavar="FILE", help="Where the copy goes (a new file).")
    ],
    config: ConfigOption = None,
) -> None:
    """Copy the SQLite database to FILE, safely while polls run (SQLite's online backup).

    The copy holds raw mail with personal data: it is created readable by you and your
    group only. PostgreSQL databases are backed up with pg_dump.
    """
    from hoering.store.backup import backup_sqlite

    cfg = context.load(config)
    size = backup_sqlite(cfg.store_url, target)
    out().print(f"backed up the database to {target} ({size / 1_000_000:.1f} MB)")


def purge(
    raw_before: Annotated[
        datetime,
        typer.Option(
            "--raw-before",
            parser=parse_day,
            metavar="YYYY-MM-DD",
            help="Drop the raw mail of replies received before this day (consultation zone).",
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    config: ConfigOption = None,
) -> None:
    """Drop the raw mail and attachment bytes of old replies; their text, derived fields,
    decisions and audit trail are kept. Logged (when, who, the cutoff, how many).

    Meant for after the consultation. Afterwards `show`, reparse, retry, export-attachments
    and the desk's downloads say the raw mail was purged. Running it again purges nothing
    new. On SQLite the file is vacuumed so the bytes leave it.
    """
    import getpass

    from hoering.store import forget
    from hoering.store import purge as purging

    cfg = context.load(config)
    cutoff = raw_before.replace(tzinfo=cfg.timezone)
    sessions = context.sessions(cfg)
    with sessions() as session:
        found = purging.plan(session, cutoff)
    day = raw_before.date().isoformat()
    if not found.messages:
        out().print(f"nothing to purge: no reply received before {day} still has its raw mail")
        return
    span = f"{found.first:%Y-%m-%d} to {found.last:%Y-%m-%d}" if found.first and found.last else ""
    out().print(
        f"raw mail of {plural(found.messages, 'reply', 'replies')} received before {day} "
        f"({span}, {found.size / 1_000_000:.1f} MB)"
    )
    if not yes and not typer.confirm("Drop it? The text, fields and decisions are kept."):
        out().print("nothing deleted")  # a "no" is an answer, not a failure: exit 0
        return
    with sessions() as session:
        count = purging.purge_raw_before(session, cutoff, getpass.getuser())
        session.commit()
        forget.scrub_sqlite(session)
    out().print(f"purged the raw mail of {plural(count, 'reply', 'replies')} received before {day}")


def actions(
    catch_up: Annotated[
        bool,
        typer.Option(
            "--catch-up",
            help="Apply the configured post-action now to replies stored before it was set.",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Post-actions ([actions] after) on replies stored before the action was configured.

    Without --catch-up: how many stored replies never had it. With it: they owe the action
    once each and it is done now, in every account's polled folders (as a poll does it after
    storing); a second catch-up finds none. Refused actions are retried by later polls.
    """
    from hoering.config import ConfigError
    from hoering.pipeline.postactions import action_of
    from hoering.pipeline.postactions import catch_up as owe_and_apply

    cfg = context.load(config)
    if not cfg.accounts:
        raise ConfigError(f"{cfg.path}: [imap]: section is missing (needed by actions)")
    report = owe_and_apply(cfg, context.sessions(cfg), apply_now=catch_up)
    action = action_of(cfg)
    described = action.describe() if action else ""
    if not catch_up:
        out().print(
            f"{plural(report.owed, 'stored reply', 'stored replies')} never had the post-action "
            f"({described}); `hoering actions --catch-up` applies it"
        )
        return
    out().print(
        f"caught up: {plural(report.owed, 'reply', 'replies')} newly owed {described}; "
        f"done {report.done}, refused {report.failed}"
    )


def register(app: typer.Typer) -> None:
    """Add the maintenance commands to the app."""
    app.command("backup", cls=Command)(backup)
    app.command("purge", cls=Command)(purge)
    app.command("actions", cls=Command)(actions)
