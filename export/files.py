"""Writing export files: atomically, and with the full texts that do not fit a cell."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from hoering.export.target import cannot_write

EXCEL_CELL_LIMIT = 32_767  # characters Excel (and LibreOffice) keep in one cell


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


class FullTexts:
    """Cuts cells to Excel's limit; the whole text goes to `<stem>-fulltekst/<id>.txt`."""

    def __init__(self, output: Path) -> None:
        self.folder = output.with_name(f"{output.stem}-fulltekst")
        self.written: list[Path] = []

    def fit(self, value: str, proposal_id: int, column: str) -> str:
        """The value, or its start plus a marker naming the file with all of it."""
        if len(value) <= EXCEL_CELL_LIMIT:
            return value
        name = f"{proposal_id}.txt" if column == "text" else f"{proposal_id}-{column}.txt"
        path = self.folder / name
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_text(value, encoding="utf-8")
        self.written.append(path)
        # The folder is named relative to the export, so the marker stays true when the
        # export and its folder are copied together.
        marker = f"\n[… afkortet; hele teksten: {self.folder.name}/{name}]"
        return value[: EXCEL_CELL_LIMIT - len(marker)] + marker


Fitter = Callable[[str, int, str], str]
