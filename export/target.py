"""Where an export goes: the format its name asks for, and a place that can take it.

Checked before any row is read, so a typo in the path costs one line, not a run: the
folder must exist (it is never created silently: a misspelt folder would hide the file),
the name must not be a folder, and the folder must be writable.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from hoering.errors import UsageError

SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".docx": "docx"}


class OutputError(UsageError):
    """The export cannot be written where it was asked to go, or not in that format."""


def format_for(output: Path, given: str | None, allowed: Sequence[str]) -> str:
    """--format if given, else the format the output's extension names (.csv .xlsx ...)."""
    if given is not None:
        return given
    suffix = output.suffix.lower()
    found = SUFFIXES.get(suffix)
    if found in allowed:
        return found
    can = ", ".join(f".{name}" for name in allowed)
    if not suffix:
        raise OutputError(f"{output}: no extension; name the file {can} or give --format")
    raise OutputError(f"{output}: cannot write {suffix} files; use {can}")


def check_output_file(output: Path) -> None:
    """Raise OutputError unless `output` can be written as a file."""
    if output.is_dir():
        raise OutputError(f"{output} is a folder; give a file name")
    _check_folder(output.parent if str(output.parent) else Path("."), output)


def check_output_folder(folder: Path) -> None:
    """Raise OutputError unless `folder` exists or can be created in an existing folder."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file; give a folder")
    if folder.is_dir():
        _check_folder(folder, folder)
    else:
        _check_folder(folder.parent, folder)


def _check_folder(folder: Path, output: Path) -> None:
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"cannot write {output}: {folder} {what}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {output}: {folder} is not writable")


def cannot_write(output: Path, exc: OSError) -> OutputError:
    """The one line for a write that failed anyway (disk full, removed folder, ...)."""
    return OutputError(f"cannot write {output}: {exc.strerror or exc}")
