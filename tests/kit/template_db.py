"""New SQLite databases in the test process start as a copy of one the real migrations made.

`alembic upgrade head` on a new SQLite file costs about 0.7 s of CPU (its batch steps
rebuild tables and reflect them), and the suite opens a new database several hundred times
in-process. So the session migrates one database for real, and `open_database` on a new,
still empty file in this process gets that database's bytes before the real
`upgrade_schema` runs (which then finds the schema at head). The schema is the one the
migrations write, byte for byte. Untouched: `hoering` child processes, databases that
already hold anything (every migration test starts from an older revision it makes
itself), PostgreSQL, and `alembic` commands a test runs itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hoering.store import db


def install(patch: pytest.MonkeyPatch, directory: Path) -> Path:
    """Migrate `directory`/template.db for real, then patch `upgrade_schema` to start new
    SQLite files from it; returns the template's path."""
    template = directory / "template.db"
    db.open_database(f"sqlite:///{template}").kw["bind"].dispose()  # closed: no WAL left
    patch.setattr(db, "upgrade_schema", _from_template(template, db.upgrade_schema))
    return template


def _from_template(template: Path, upgrade: Callable[[Engine], None]) -> Callable[[Engine], None]:
    def upgrade_schema(engine: Engine) -> None:
        path = _new_sqlite_file(engine)
        if path is not None:
            # The lock `upgrade_schema` itself takes: two first opens at once copy once.
            with db._sqlite_migration_lock(str(path)):
                if _is_new(path):
                    shutil.copyfile(template, path)  # into the file: it keeps its mode
        upgrade(engine)

    return upgrade_schema


def _new_sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite engine if it is new (empty, no WAL beside it), else None."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database)
    return path if _is_new(path) else None


def _is_new(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return path.is_file() and path.stat().st_size == 0 and not wal.exists()
