"""Issue 16: CPR numbers spelt as dates left no trace in `hoering export` or `hoering notat`.

Each spelling is planted in a stored reply (subject and body) and every file the commands
write is read back as its reader would: CSV and JSONL as text, XLSX with openpyxl, the
notat with python-docx, the full-text side files and manifests as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.export import add, parsed
from tests.kit.mails import write_config

# Each spelling with a date and serial of its own, so a leak names the spelling that leaked.
SPELLINGS = {
    "01.01.80-1234": ("010180", "1234"),
    "02-02-81-2345": ("020281", "2345"),
    "03 03 82 3456": ("030382", "3456"),
    "040483/4567": ("040483", "4567"),
    "050584.5678": ("050584", "5678"),
    "17.05.92-6789": ("170592", "6789"),
    "06.06.1986-7890": ("060686", "7890"),
    "070787-8901": ("070787", "8901"),
}

# A manifest's SHA-256 digests are hex of the files' bytes (the XLSX's change with its
# creation time): a serial such as "8901" turns up in one by chance, not by a leak.
_DIGEST = re.compile(r"\b[0-9a-f]{64}\b")

# The files quote the reply; the notat's summary quotes its sentence without the aside
# that held the number.
BODY = (
    "Hej\n\nJeg (cpr {number}) støtter forslaget om åbne data i kommunerne. Skriv gerne "
    "tilbage.\n\nMed venlig hilsen\nIda Rasmussen"
)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config whose database holds one reply per spelling, in its subject and body."""
    folder = tmp_path_factory.mktemp("cpr")
    db = open_database(f"sqlite:///{folder / 'hoering.db'}")
    for index, number in enumerate(SPELLINGS, start=1):
        reply = parsed(
            body=BODY.format(number=number),
            subject=f"Høringssvar fra cpr {number}",
            message_id=f"svar-{index}@borgernet.example",
        )
        add(db, reply, key=f"k{index}")
    return write_config(folder)


COMMANDS = {
    "csv": ("export", "--format", "csv"),
    "xlsx": ("export", "--format", "xlsx"),
    "jsonl": ("export", "--format", "jsonl"),
    "docx": ("notat",),
}


@pytest.mark.parametrize("suffix", COMMANDS)
def test_no_digit_of_a_planted_cpr_number_survives(
    config: Path, tmp_path: Path, capsys, monkeypatch, suffix: str
) -> None:
    target = tmp_path / f"svar.{suffix}"
    code, _, err = run(capsys, monkeypatch, *COMMANDS[suffix], "-c", str(config), "-o", str(target))
    assert code == 0, err
    written = {path.name: _text_of(path) for path in _outputs(tmp_path)}
    if suffix == "docx":
        assert "Jeg støtter forslaget om åbne data i kommunerne." in written[target.name]
    else:
        assert "[CPR-nummer fjernet]" in written[target.name]
    leaks = [
        (name, piece)
        for name, text in written.items()
        for number, (birth_date, serial) in SPELLINGS.items()
        for piece in (number, birth_date, serial)
        if piece in text
    ]
    assert not leaks


def _outputs(folder: Path) -> list[Path]:
    """The export, its manifest and its full-text side files."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return "\n".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    if path.suffix == ".docx":
        doc = Document(str(path))
        cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        furniture = [
            paragraph.text
            for section in doc.sections
            for part in (section.header, section.footer)
            for paragraph in part.paragraphs
        ]
        return "\n".join([p.text for p in doc.paragraphs] + cells + furniture)
    return _DIGEST.sub("<sha256>", path.read_text("utf-8-sig"))
