"""Engine and session factory; brings the schema up to date on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATION_LOCK_KEY = 0x686F6572696E67  # "hoering"


class DatabaseError(Exception):
    """The database cannot be opened, migrated or written."""


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets `hoering list` read while a poll writes; the busy timeout makes a
    # second writer wait instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_schema(engine: Engine) -> None:
    """Apply pending migrations (a no-op when the schema is current)."""
    cfg = _alembic_config(engine)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as connection, _migration_lock(connection):
        current = MigrationContext.configure(connection).get_current_revision()
        connection.commit()  # end the read; the upgrade runs on its own connection
        if current != head:
            command.upgrade(cfg, "head")


@contextmanager
def _migration_lock(connection: Connection) -> Iterator[None]:
    """On PostgreSQL, two pollers opening a new database at once would both create the
    tables; an advisory lock lets one migrate while the other waits. SQLite's write lock
    already serializes them."""
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    try:
        yield
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})


def open_database(url: str) -> sessionmaker[Session]:
    """Open (creating and migrating if needed) the database at `url`."""
    try:
        engine = make_engine(url)
        upgrade_schema(engine)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot open database {_safe_url(url)}: {_first_line(exc)}") from None
    return sessionmaker(engine, expire_on_commit=False)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__


def write_failed(exc: SQLAlchemyError) -> DatabaseError:
    """The one-line error for a failed write: disk full, read-only file, lost server."""
    return DatabaseError(f"database write failed: {_first_line(exc)}")
