"""`hoering export` and `hoering notat` on a mail holding characters XML 1.0 forbids.

Issue 16: a body with U+FFFE and ESC, or a subject with U+FFFF, made every XLSX export
exit 70 ("All strings must be XML compatible") and the notat fail, while the CSV worked.
The mail is imported through the real pipeline; the files are opened with openpyxl and
python-docx.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from hoering import config as config_module
from hoering import pipeline
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# ESC from a terminal's colour code, U+FFFE from UTF-16 read the wrong way round.
BODY = "Kære styrelse\n\nVi foreslår\ufffe åbne data\x1b[1m nu.\n\nHilsen\nIda Holm\n"
SUBJECT = "OGP-høring: forslag\uffff om data"
PROPOSAL = "Vi foreslår åbne data[1m nu."


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = write_config(tmp_path)
    (tmp_path / "svar.eml").write_bytes(make_mail(subject=SUBJECT, body=BODY))
    cfg = config_module.load_config(path)
    assert pipeline.import_paths(cfg, open_database(cfg.store_url), [tmp_path]).stored == 1
    return path


def hoering(capsys, monkeypatch, config: Path, *args: str) -> None:
    code, _, err = run(capsys, monkeypatch, *args, "--config", str(config))
    assert code == 0, err


def _cells(path: Path) -> list[str]:
    sheets = load_workbook(path).worksheets
    return [c.value for s in sheets for r in s.iter_rows() for c in r if isinstance(c.value, str)]


def test_export_xlsx_of_the_mail_opens(capsys, monkeypatch, config, tmp_path) -> None:
    hoering(capsys, monkeypatch, config, "export", "-o", str(tmp_path / "x.xlsx"))
    cells = _cells(tmp_path / "x.xlsx")
    assert "OGP-høring: forslag om data" in cells and any(PROPOSAL in c for c in cells)
    assert not [cell for cell in cells if FORBIDDEN.search(cell)]


def test_export_xlsx_per_initiative_of_the_mail_opens(capsys, monkeypatch, config, tmp_path):
    out = tmp_path / "i.xlsx"
    hoering(capsys, monkeypatch, config, "export", "--per", "initiative", "-o", str(out))
    cells = _cells(out)
    assert PROPOSAL in cells and not [cell for cell in cells if FORBIDDEN.search(cell)]


@pytest.mark.parametrize("per", ["reply", "initiative"])
def test_export_csv_of_the_mail_is_clean(capsys, monkeypatch, config, tmp_path, per) -> None:
    out = tmp_path / "x.csv"
    hoering(capsys, monkeypatch, config, "export", "--per", per, "-o", str(out))
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    text = "\n".join(cell for row in rows for cell in row)
    assert PROPOSAL in text and not FORBIDDEN.search(text)


@pytest.mark.parametrize("per", ["reply", "initiative"])
def test_export_jsonl_of_the_mail_is_clean(capsys, monkeypatch, config, tmp_path, per) -> None:
    out = tmp_path / "x.jsonl"
    hoering(capsys, monkeypatch, config, "export", "--per", per, "-o", str(out))
    text = json.dumps(json.loads(out.read_text("utf-8")), ensure_ascii=False)
    assert PROPOSAL in text and not FORBIDDEN.search(text)


def test_notat_of_the_mail_opens(capsys, monkeypatch, config, tmp_path) -> None:
    hoering(capsys, monkeypatch, config, "notat", "-o", str(tmp_path / "n.docx"))
    doc = docx.Document(str(tmp_path / "n.docx"))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    texts = [paragraph.text for paragraph in doc.paragraphs] + cells
    assert any("Vi foreslår åbne data[1m nu" in text for text in texts)
    assert not [text for text in texts if FORBIDDEN.search(text)]
