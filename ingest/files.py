"""Offline twins of the IMAP source: .eml files, folders of them, mbox files and Maildirs.

They yield the same `RawMessage` values as IMAP, so `hoering import` runs the
same matching, parsing and deduplication as `hoering poll`.
"""

from __future__ import annotations

import logging
import mailbox
from collections.abc import Iterable, Iterator
from pathlib import Path

from hoering.ingest.raw import MessageOrigin, RawMessage

log = logging.getLogger(__name__)

FILE_ACCOUNT = "file"
MAIL_SUFFIXES = (".eml",)


class SourceError(Exception):
    """A path given to import is not a mail file, folder, mbox or Maildir."""


def read_paths(paths: Iterable[Path]) -> Iterator[RawMessage]:
    """Yield every message found under `paths`, in a stable order."""
    for path in paths:
        yield from read_path(path)


def read_path(path: Path) -> Iterator[RawMessage]:
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        if _is_maildir(path):
            yield from _read_maildir(path)
        else:
            yield from _read_folder(path)
    elif _is_mbox(path):
        yield from _read_mbox(path)
    else:
        yield _read_file(path)


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _is_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None


def _read_file(path: Path) -> RawMessage:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None
    return RawMessage(MessageOrigin(account=FILE_ACCOUNT, folder=str(path.resolve())), data)


def _read_folder(path: Path) -> Iterator[RawMessage]:
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in MAIL_SUFFIXES and p.is_file())
    if not files:
        log.warning("%s: no .eml files found", path)
    for file in files:
        yield _read_file(file)


def _read_mbox(path: Path) -> Iterator[RawMessage]:
    box = mailbox.mbox(path, create=False)
    try:
        for position, key in enumerate(box.keys(), start=1):
            origin = MessageOrigin(account=FILE_ACCOUNT, folder=str(path.resolve()), uid=position)
            yield RawMessage(origin, box.get_bytes(key))
    finally:
        box.close()


def _read_maildir(path: Path) -> Iterator[RawMessage]:
    box = mailbox.Maildir(path, factory=None, create=False)
    # Maildir keys start with the delivery time, so sorting keeps arrival order. The key
    # (unlike the file name) survives flag changes and the move from new/ to cur/.
    for key in sorted(box.keys()):
        origin = MessageOrigin(account=FILE_ACCOUNT, folder=f"{path.resolve()}/{key}")
        yield RawMessage(origin, box.get_bytes(key))
