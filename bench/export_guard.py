"""Every export of the sample inbox as text, to diff two checkouts of a refactor.

    .venv/bin/python bench/export_guard.py OUT.txt

imports examples/inbox into a fresh database with the interpreter's `hoering`, then writes
every export (csv/xlsx/jsonl per profile and --per reply|initiative|candidate|party, the
notat; each plain, --redact, --pseudonymize and both) and dumps their cell values and text
to OUT.txt, export times, temporary paths and file hashes masked. Run it with each
checkout's own virtualenv and diff the two files: a refactor of the export path must leave
them equal.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from itertools import product
from pathlib import Path

import docx
import openpyxl

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PRIVACY = ((), ("--redact",), ("--pseudonymize",), ("--redact", "--pseudonymize"))
# The sample's replies are from 2017: a later timestamp is the export's own time.
NOW = re.compile(r"20[2-9]\d-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d|Z)?")
HASH = re.compile(r"\b[0-9a-f]{64}\b")


def hoering(folder: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "hoering", *args, "-c", str(folder / "hoering.toml")],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


def as_text(path: Path) -> str:
    if not path.exists():
        return "(no file)"
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(
            f"[{sheet.title}] " + json.dumps(row, default=str, ensure_ascii=False)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        lines = [f"{p.style.name}: {p.text}" for p in document.paragraphs]
        for table in document.tables:
            lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
        return "\n".join(lines)
    if path.suffix == ".csv":
        dialect = ";" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ","
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle, delimiter=dialect)
            return path.read_bytes()[:3].hex() + "\n" + "\n".join(json.dumps(r) for r in rows)
    return path.read_text(encoding="utf-8")


def masked(text: str, folder: Path) -> str:
    return HASH.sub("<hash>", NOW.sub("<now>", text.replace(str(folder), "<tmp>")))


def main(out: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="export-guard-"))
    try:
        for name in ("hoering.toml", "codebook.toml"):
            shutil.copy(EXAMPLES / name, folder / name)
        parts = ["## import\n" + hoering(folder, "import", str(EXAMPLES / "inbox"))]
        formats = product(
            ("csv", "xlsx", "jsonl"),
            ("excel", "rfc4180"),
            ("reply", "initiative", "candidate", "party"),
        )
        for (fmt, profile, per), privacy in product(formats, PRIVACY):
            target = folder / f"out.{fmt}"
            args = ("export", "-o", str(target), "--profile", profile, "--per", per, *privacy)
            parts.append(f"## {' '.join(args[3:])} {fmt}\n{hoering(folder, *args)}")
            parts.append(as_text(target))
            manifest = target.with_name(target.name + ".manifest.json")
            parts.append(manifest.read_text(encoding="utf-8") if manifest.exists() else "")
            target.unlink(missing_ok=True)
        for privacy in PRIVACY:
            target = folder / "notat.docx"
            parts.append(
                f"## notat {' '.join(privacy)}\n"
                + hoering(folder, "notat", "-o", str(target), *privacy)
            )
            parts.append(as_text(target))
            target.unlink(missing_ok=True)
        out.write_text(masked("\n".join(parts), folder) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
