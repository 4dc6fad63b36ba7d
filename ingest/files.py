"""Offline twins of the IMAP source: .eml files, folders of them, mbox files and Maildirs.

They yield the same `RawMessage` values as IMAP, so `hoering import` runs the
same matching, parsing and deduplication as `hoering poll`.
"""

from __future__ import annotations

import logging
import mailbox
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from hoering.errors import UsageError
from hoering.header_syntax import FIELD_NAME_BYTES
from hoering.ingest.raw import MessageOrigin, RawMessage

log = logging.getLogger(__name__)

FILE_ACCOUNT = "file"
MAIL_SUFFIXES = (".eml",)
HEAD_BYTES = 64 * 1024  # enough for any real header block; a header is looked for in it
HEADER_LINE = re.compile(rb"^(%s):" % FIELD_NAME_BYTES)
BLANK_LINES = re.compile(rb"\A(?:[ \t\r]*\n)+")
# A file is taken for mail when its header block has one of these (a .eml saved by
# Outlook, Thunderbird or a mail server always does).
MAIL_HEADERS = {b"from", b"date", b"subject", b"message-id", b"received", b"to", b"return-path"}


class SourceError(UsageError):
    """A path given to import is not a mail file, folder, mbox or Maildir."""


def read_paths(paths: Iterable[Path]) -> Iterator[RawMessage]:
    """Yield every message found under `paths`, in a stable order.

    Every path is checked first, so a path that holds no mail stops the import before
    anything is stored (SourceError naming it), not after the paths before it.
    """
    paths = list(paths)
    for path in paths:
        check_path(path)
    for path in paths:
        yield from read_path(path)


def check_path(path: Path) -> None:
    """Raise SourceError unless `path` is a mail file, mbox, Maildir or folder with mail."""
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        if not _is_maildir(path) and not any(_is_mail(file) for file in _mail_files(path)):
            raise SourceError(f"{path}: no mail here (no .eml file with mail headers)")
    elif not _is_mbox(path) and not _is_mail(path):
        raise SourceError(
            f"{path}: not mail (no mail headers); give .eml files, folders of them, "
            "an mbox file or a Maildir"
        )


def read_path(path: Path) -> Iterator[RawMessage]:
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


def _start(path: Path, size: int = HEAD_BYTES) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None


def _is_mbox(path: Path) -> bool:
    return _start(path, 5) == b"From "


def _is_mail(path: Path) -> bool:
    """Does the file start with a mail header block naming at least one of From, Date, ...?"""
    # Blank lines before the headers, spaces and all: php-mime-mail-parser's m0011 starts
    # with a line of 255 spaces, which mail parsers read as an empty first header line.
    head = BLANK_LINES.sub(b"", _start(path))
    if head.startswith(b"From "):  # an mbox "From " line, as some tools save single mails
        head = head.partition(b"\n")[2]
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    lines = block.splitlines()
    if not lines or not HEADER_LINE.match(lines[0]):
        return False
    names = {m.group(1).lower() for line in lines if (m := HEADER_LINE.match(line))}
    return bool(names & MAIL_HEADERS)


def _read_file(path: Path) -> RawMessage:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None
    return RawMessage(MessageOrigin(account=FILE_ACCOUNT, folder=str(path.resolve())), data)


def _mail_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.suffix.lower() in MAIL_SUFFIXES and p.is_file())


def _read_folder(path: Path) -> Iterator[RawMessage]:
    for file in _mail_files(path):
        if _is_mail(file):
            yield _read_file(file)
        else:
            log.warning("%s: not mail (no mail headers), skipped", file)


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
