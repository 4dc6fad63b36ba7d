"""Writing export files: atomically, and with the full texts that do not fit a cell."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from hoering import glossary
from hoering.export.target import cannot_write

EXCEL_CELL_LIMIT = 32_767  # characters Excel (and LibreOffice) keep in one cell
WORD_CHARS = 80  # a cut goes back to the word's start within this; a longer "word" is cut


@contextmanager
def atomic_file(output: Path, mode: str = "wb", **open_args) -> Iterator[IO]:
    """Write to a temporary file beside `output`, renamed over it only when all went well.

    Readers never see a half-written export, and a failed export leaves the old file. The
    file gets the permissions the umask gives (0644 under 022), as any file the user writes:
    mkstemp's 0600 would keep the export from the colleagues it is made for.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    except OSError as exc:
        raise cannot_write(output, exc) from None
    try:
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
        os.chmod(tmp_name, 0o666 & ~current_umask())
        os.replace(tmp_name, output)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise cannot_write(output, exc) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fit_cell(value: str, limit: int = EXCEL_CELL_LIMIT) -> str:
    """The value, or as much of it as a cell of `limit` characters holds, ended at a word,
    with a visible end saying it was cut (glossary.CUT_SHORT)."""
    if len(value) <= limit:
        return value
    head = value[: limit - len(glossary.CUT_SHORT)]
    if not value[len(head)].isspace() and " " in head[-WORD_CHARS:]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + glossary.CUT_SHORT


# A CSV cell people open in a spreadsheet: the program sizes the row to the whole text, so
# a longer cell prints as a row taller than a page (the sample inbox gave 113 pages).
PAGE_CELL_CHARS = 600
PAGE_CELL_LINES = 12


class FullTexts:
    """Cuts cells to a limit (Excel's by default); the whole text goes to
    `<stem>-fulltekst/<id>.txt`."""

    def __init__(
        self,
        output: Path,
        limit: int = EXCEL_CELL_LIMIT,
        max_lines: int | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.folder = output.with_name(f"{output.stem}-fulltekst")
        # A column's part of the file name (`<id>-<part>.txt`): the people's header, so a
        # Danish reader of "Forslag" opens "17-forslag.txt"; by default the column key.
        self.names = names or {}
        self.written: list[Path] = []
        self.limit = limit
        self.max_lines = max_lines

    def _cut_at(self, value: str) -> int | None:
        """Where the value must be cut, or None when it fits."""
        cut = self.limit if len(value) > self.limit else None
        if self.max_lines is not None and value.count("\n") >= self.max_lines:
            nth = -1
            for _ in range(self.max_lines):
                nth = value.index("\n", nth + 1)
            cut = nth if cut is None else min(cut, nth)
        return cut

    def fit(self, value: str, proposal_id: int, column: str) -> str:
        """The value, or its start plus a marker naming the file with all of it."""
        cut = self._cut_at(value)
        if cut is None:
            return value
        part = self.names.get(column, column)
        name = f"{proposal_id}.txt" if column == "text" else f"{proposal_id}-{part}.txt"
        path = self.folder / name
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_text(value, encoding="utf-8")
        self.written.append(path)
        # The folder is named relative to the export, so the marker stays true when the
        # export and its folder are copied together.
        marker = f"\n[… afkortet; hele teksten: {self.folder.name}/{name}]"
        return value[: min(cut, self.limit - len(marker))].rstrip() + marker


Fitter = Callable[[str, int, str], str]
