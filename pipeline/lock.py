"""The run lock: one poll, import, retry or reparse writes at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url

from hoering.config import Config
from hoering.errors import LockedError
from hoering.store.db import PRIVATE_FILE_MODE, DatabaseError


class RunLocked(LockedError):
    """Another poll or import holds the lock."""


def lock_path(config: Config) -> Path:
    """The lock file: configured, else beside the SQLite file, else beside the config."""
    if config.lock_file is not None:
        return config.lock_file
    url = make_url(config.store_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database + ".lock")
    return config.path.resolve().with_name("hoering.lock")


@contextmanager
def run_lock(config: Config) -> Iterator[None]:
    """Hold the run lock; fail at once if another run holds it.

    flock-based, so the kernel releases it when a killed process dies: never stale.
    """
    path = lock_path(config)
    try:
        lock = FileLock(path, timeout=0, mode=PRIVATE_FILE_MODE).acquire()
    except Timeout:
        raise RunLocked(f"another hoering poll or import is running (lock {path})") from None
    except OSError as exc:
        raise DatabaseError(f"cannot create lock file {path}: {exc.strerror}") from None
    with lock:
        yield
