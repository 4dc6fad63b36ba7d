"""Inspect a database without changing it, for `hoering doctor`: where it is and its schema."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from hoering.store import messages
from hoering.store.db import MIGRATIONS, DatabaseError, first_line, make_engine


@dataclass(frozen=True)
class DatabaseStatus:
    url: str  # with any password replaced by ***
    exists: bool  # False: a SQLite file that the first poll or import will create
    revision: str | None  # the schema's Alembic revision; None: no schema yet
    head: str  # the revision this version of hoering expects

    @property
    def current(self) -> bool:
        return self.revision == self.head


def safe_url(url: str) -> str:
    """The URL as it may be shown: the password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def database_status(url: str) -> DatabaseStatus:
    """Read the schema revision; neither creates nor migrates anything."""
    shown = safe_url(url)
    parsed = make_url(url)
    sqlite_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    )
    if sqlite_file and not Path(parsed.database).exists():  # connecting would create it
        return DatabaseStatus(shown, False, None, _head())
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot open database {shown}: {first_line(exc)}") from None
    finally:
        engine.dispose()
    return DatabaseStatus(shown, True, revision, _head())


def stored_cursors(url: str, account: str) -> dict[str, tuple[int, int]]:
    """folder -> (UIDVALIDITY, last UID) stored for `account`, read-only."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection, Session(connection) as session:
            return messages.load_cursors(session, account)
    except SQLAlchemyError as exc:
        raise DatabaseError(
            f"cannot read cursors from {safe_url(url)}: {first_line(exc)}"
        ) from None
    finally:
        engine.dispose()


def _head() -> str:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head() or ""
