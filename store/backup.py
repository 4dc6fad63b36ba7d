"""A consistent copy of a live SQLite database, safe while polls write to it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from hoering.errors import UsageError
from hoering.store.db import PRIVATE_FILE_MODE, DatabaseError

PAGES_PER_STEP = 1024  # a poll waiting to write waits at most one step (4 MB of pages)


class NotSqlite(UsageError):
    """`backup` copies SQLite files; a server database has its own tools."""


def backup_sqlite(url: str, target: Path) -> int:
    """Copy the SQLite database at `url` to `target` (new file, PRIVATE_FILE_MODE); its size.

    SQLite's online backup API copies page by page and starts over if a writer changes a
    page it has copied, so the copy is one committed state; a plain `cp` of a database in
    WAL mode can miss the newest transactions or catch one half-written.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise NotSqlite(
            'backup copies SQLite databases; for PostgreSQL use pg_dump (README "Backups")'
        )
    if target.exists():
        raise UsageError(f"{target} exists; backup writes a new file and never overwrites")
    partial = target.with_name(target.name + ".partial")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE))
        source = sqlite3.connect(f"file:{parsed.database}?mode=ro", uri=True)
        try:
            with sqlite3.connect(partial) as copy:
                source.backup(copy, pages=PAGES_PER_STEP)
            copy.close()
        finally:
            source.close()
        partial.replace(target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"backup of {parsed.database} failed: {exc}") from None
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    return target.stat().st_size
