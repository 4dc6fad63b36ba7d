"""Does `--pseudonymize` hold? The privacy set (bench/sets/privacy/, README there), imported
end to end and exported in every format, then searched for its planted pieces.

    .venv/bin/python -m bench.bench_privacy

Imports the 15 mails with `hoering import` into a fresh SQLite database, runs every export a
user hands on with `--pseudonymize` (CSV in both profiles with the full-text files the people
profile writes, XLSX in both profiles, JSONL, the notat, and the per-initiative CSV, XLSX and
JSONL), reads each file's text and prints, per format, the must_vanish pieces that survive
(by case) and the must_stay pieces that are lost. The matching rule is the set's own
(`matches` in bench/sets/privacy/check.py). Exit 1 when a citizen's piece survives or a
must_stay piece is lost. The two organisation controls are reported apart: their contact
persons are not pseudonymized (README "Personal data in exports").
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SET = Path(__file__).resolve().parent / "sets" / "privacy"
CONFIG = """[match]
subject_markers = ["OGP"]
[store]
url = "sqlite:///hoering.db"
[consultation]
start = 2017-07-03
deadline = 2017-08-20
timezone = "Europe/Copenhagen"
"""
# (format label, arguments after `hoering`, output file name): every file a user hands on.
EXPORTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("csv excel", ("export", "--profile", "excel"), "svar.csv"),
    ("csv rfc4180", ("export", "--profile", "rfc4180"), "svar.csv"),
    ("xlsx excel", ("export", "--profile", "excel"), "svar.xlsx"),
    ("xlsx rfc4180", ("export", "--profile", "rfc4180"), "svar.xlsx"),
    ("jsonl", ("export",), "svar.jsonl"),
    ("notat", ("notat",), "notat.docx"),
    ("initiatives csv", ("export", "--per", "initiative", "--profile", "rfc4180"), "i.csv"),
    ("initiatives xlsx", ("export", "--per", "initiative"), "i.xlsx"),
    ("initiatives jsonl", ("export", "--per", "initiative"), "i.jsonl"),
    ("candidates csv", ("export", "--per", "candidate", "--profile", "rfc4180"), "k.csv"),
    ("candidates xlsx", ("export", "--per", "candidate"), "k.xlsx"),
    ("parties csv", ("export", "--per", "party", "--profile", "rfc4180"), "p.csv"),
    ("parties xlsx", ("export", "--per", "party"), "p.xlsx"),
)
# Formats that carry every reply's whole text: a must_stay piece must be in each of them.
WHOLE_TEXT = ("csv excel", "csv rfc4180", "xlsx rfc4180", "jsonl")


def _set_checker():
    """The set's check.py, whose `matches` is the set's matching rule."""
    spec = importlib.util.spec_from_file_location("privacy_set_check", SET / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


matches: Callable[[str, str], bool] = _set_checker().matches


@dataclass
class Result:
    """Per format: case -> surviving must_vanish pieces; and the must_stay pieces lost."""

    survivors: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    lost: dict[str, list[str]] = field(default_factory=dict)

    def citizen_survivors(self, labels: dict) -> int:
        return sum(
            len(pieces)
            for by_case in self.survivors.values()
            for case, pieces in by_case.items()
            if labels[case]["kind"] == "citizen"
        )


def labels() -> dict:
    return tomllib.loads((SET / "pieces.toml").read_text(encoding="utf-8"))


def prepare(folder: Path) -> Path:
    """A config for importing the set into `folder`; returns its path."""
    config = folder / "hoering.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def commands(folder: Path, config: Path) -> list[tuple[str, list[str], Path]]:
    """(format, hoering arguments, output folder): import first, then every export."""
    runs = [("import", ["import", str(SET / "mails"), "-c", str(config)], folder)]
    for label, args, name in EXPORTS:
        out = folder / label.replace(" ", "-")
        out.mkdir(exist_ok=True)
        command = [*args, "-o", str(out / name), "--pseudonymize", "-c", str(config)]
        runs.append((label, command, out))
    return runs


def file_text(path: Path) -> str:
    """Every cell, paragraph or line of an export file as text."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        cells = (c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                 for c in row if c is not None)  # fmt: skip
        return "\n".join(str(c) for c in cells)
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        lines = [p.text for p in document.paragraphs]
        lines += [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join(lines)
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            delimiter = ";" if handle.read(4096).count(";") > 0 else ","
            handle.seek(0)
            return "\n".join(c for row in csv.reader(handle, delimiter=delimiter) for c in row)
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return "\n".join(_strings(json.loads(line)) for line in lines if line)
    if path.suffix == ".json":
        return _strings(json.loads(path.read_text(encoding="utf-8")))
    return path.read_text(encoding="utf-8")


def _strings(value) -> str:
    """Every key and value of decoded JSON as text, newlines in values kept as newlines."""
    if isinstance(value, dict):
        return "\n".join(f"{key}\n{_strings(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(_strings(item) for item in value)
    return "" if value is None else str(value)


def folder_text(folder: Path) -> str:
    """The text of every file an export wrote into its folder (manifest, full-text files)."""
    return "\n".join(file_text(p) for p in sorted(folder.rglob("*")) if p.is_file())


def score(texts: dict[str, str], pieces: dict) -> Result:
    result = Result()
    for label, text in texts.items():
        result.survivors[label] = {
            case: found
            for case, lab in pieces.items()
            if (found := [p for p in lab["must_vanish"] if matches(p, text)])
        }
        if label in WHOLE_TEXT:
            stay = [s for lab in pieces.values() for s in lab["must_stay"]]
            result.lost[label] = [s for s in stay if not matches(s, text)]
    return result


def report(result: Result, pieces: dict, lines: Callable[[str], None] = print) -> None:
    for label, by_case in result.survivors.items():
        citizen = {c: p for c, p in by_case.items() if pieces[c]["kind"] == "citizen"}
        control = {c: p for c, p in by_case.items() if pieces[c]["kind"] != "citizen"}
        count = sum(len(p) for p in citizen.values())
        lost = result.lost.get(label)
        lines(f"{label:18} citizens' survivors {count:3}" + (f", lost {len(lost)}" if lost else ""))
        for case, found in sorted(citizen.items()):
            lines(f"    {case}: {', '.join(found)}")
        if lost:
            lines(f"    lost: {', '.join(lost)}")
        for case, found in sorted(control.items()):
            lines(f"    (control {case}: {', '.join(found)})")


def run_cli(args: Sequence[str], cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hoering", *args], cwd=cwd, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"hoering {' '.join(args)}: exit {done.returncode}\n{done.stderr}")


def measure(folder: Path, run: Callable[[Sequence[str], Path], None] = run_cli) -> Result:
    """Import the set into `folder`, export every format, score the files."""
    config = prepare(folder)
    texts = {}
    for label, args, out in commands(folder, config):
        run(args, folder)
        if label != "import":
            texts[label] = folder_text(out)
    return score(texts, labels())


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(list(argv) if argv is not None else None)
    folder = Path(tempfile.mkdtemp(prefix="bench-privacy-"))
    try:
        result = measure(folder)
    finally:
        shutil.rmtree(folder)
    pieces = labels()
    report(result, pieces)
    failed = result.citizen_survivors(pieces) or any(result.lost.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
