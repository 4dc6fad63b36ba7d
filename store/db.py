"""Engine and session factory; brings the schema up to date on open."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hoering.errors import StoreError, UsageError

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATION_LOCK_KEY = 0x686F6572696E67  # "hoering"
MIGRATION_WAIT_SECONDS = 120  # another process creating or migrating the schema
# The database holds raw mail, CPR numbers included: owner read-write, group read (reviewers
# on other accounts get access through the group, README "Who may read the database").
# SQLite creates its -wal and -shm files with the database file's mode; lock files get it too.
PRIVATE_FILE_MODE = 0o640


class DatabaseError(StoreError):
    """The database cannot be opened, migrated or written."""


class UnsupportedDatabase(UsageError):
    """[store] url names a database or driver hoering cannot use (exit 2: fix the config)."""


BACKENDS = ("sqlite", "postgresql")
POSTGRES_HINT = "pip install 'hoering[postgres]' and use postgresql+psycopg://"


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout.

    A URL hoering does not support, or a driver that is not installed, is one line naming
    what to do, not a traceback from SQLAlchemy's dialect loader.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UnsupportedDatabase(
            "[store] url is not a database URL; use sqlite:///FILE or postgresql+psycopg://..."
        ) from None
    if parsed.get_backend_name() not in BACKENDS:
        raise UnsupportedDatabase(
            f"[store] url: {parsed.get_backend_name()} is not supported; "
            "use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"
        )
    try:
        engine = create_engine(url)
    except ImportError as exc:  # the dialect's driver module (psycopg, pg8000, ...) is missing
        raise UnsupportedDatabase(
            f"[store] url: the database driver {parsed.drivername} is not installed "
            f"({exc.name or exc}); {POSTGRES_HINT}"
        ) from None
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
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return  # the usual case, without a lock: readers may lack write access
    with engine.connect() as connection, _migration_lock(connection):
        current = MigrationContext.configure(connection).get_current_revision()
        connection.commit()  # end the read; the upgrade runs on its own connection
        if current != head:
            command.upgrade(cfg, "head")


@contextmanager
def _migration_lock(connection: Connection) -> Iterator[None]:
    """Two pollers opening a new database at once would both create the tables; a lock lets
    one migrate while the other waits, then finds the schema current. PostgreSQL: an
    advisory lock. SQLite: a lock file beside the database, as each migration step commits
    on its own and SQLite's write lock alone let the second run fail with "table already
    exists" (seen with two first runs started together)."""
    if connection.dialect.name == "sqlite":
        with _sqlite_migration_lock(connection.engine.url.database):
            yield
        return
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    try:
        yield
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})


@contextmanager
def _sqlite_migration_lock(database: str | None) -> Iterator[None]:
    if not database or database == ":memory:" or database.startswith("file:"):
        yield  # in memory, or a URI (e.g. read-only): nothing to share or nowhere to write
        return
    lock = FileLock(
        database + ".migrate.lock", timeout=MIGRATION_WAIT_SECONDS, mode=PRIVATE_FILE_MODE
    )
    try:
        lock.acquire()
    except (OSError, Timeout) as exc:
        raise DatabaseError(
            f"cannot lock {database} to bring its schema up to date: {exc}"
        ) from None
    try:
        yield
    finally:
        lock.release()


def open_database(url: str) -> sessionmaker[Session]:
    """Open (creating and migrating if needed) the database at `url`."""
    try:
        engine = make_engine(url)
        _create_privately(engine)
        upgrade_schema(engine)
    except SQLAlchemyError as exc:
        reason = first_line(exc) + _read_only_hint(url)
        raise DatabaseError(f"cannot open database {_safe_url(url)}: {reason}") from None
    return sessionmaker(engine, class_=_GcSafeSession, expire_on_commit=False)


def _create_privately(engine: Engine) -> None:
    """Create a new SQLite file as PRIVATE_FILE_MODE before SQLite creates it as 0644."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    # An existing database keeps the mode its owner gave it; a missing folder or a read-only
    # place is left to SQLite, whose error says it better.
    with suppress(OSError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


def _read_only_hint(url: str) -> str:
    """Why SQLite says only "unable to open database file" on a read-only file system: it
    must create the -wal and -shm files beside the database."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database.startswith("file:"):
        return ""
    for path in (Path(database), Path(database).parent):
        if path.exists() and not os.access(path, os.W_OK):
            return f" ({path} is read-only; hoering writes the database and files beside it)"
    return ""


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def first_line(exc: BaseException) -> str:
    """The driver's own message, first line only: what an operator can act on."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__


@contextmanager
def writing() -> Iterator[None]:
    """Turn a failed write (disk full, read-only file, lost server) into one DatabaseError line."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise DatabaseError(f"database write failed: {first_line(exc)}") from None


class _GcSafeSession(Session):
    """A Session whose close() runs with the cyclic garbage collector paused.

    On CPython 3.11, a collection that starts while an object's attribute dict is being
    built from its inline values (`make_dict_from_instance_attributes`) may run a weakref
    callback that writes to the same object and frees those values under it. Closing a
    session detaches every loaded object's state (`_detach_states`), and SQLAlchemy's own
    weakref callbacks (`InstanceState._cleanup`) write to those states: `hoering export`
    of a 300-reply database crashed with SIGSEGV there in 1 of ~12 runs (every run under
    PYTHONMALLOC=debug, never with the collector paused)."""

    def close(self) -> None:
        paused = gc.isenabled()
        gc.disable()
        try:
            super().close()
        finally:
            if paused:
                gc.enable()
