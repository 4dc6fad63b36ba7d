"""Commands for running hoering over years: `hoering backup`. Registered by cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoering.ui import context
from hoering.ui.console import out
from hoering.ui.options import Command, ConfigOption


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


def register(app: typer.Typer) -> None:
    """Add the maintenance commands to the app."""
    app.command("backup", cls=Command)(backup)
