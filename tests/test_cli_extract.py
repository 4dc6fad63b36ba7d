"""The command line around extraction: `show` details of attachments, `reparse`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config

ATTACHED = [
    ("bilag.txt", "text/plain", "Forslag: åbne data om indkøb.\n".encode()),
    ("stort-bilag.pdf", "application/pdf", b"%PDF-1.4\n" + b"0" * 3000),
]


def imported(tmp_path: Path, capsys, monkeypatch, extract: str = "") -> Path:
    config = write_config(tmp_path, extract)
    mail = tmp_path / "svar.eml"
    mail.write_bytes(make_mail(attachments=ATTACHED))
    code, out, _ = run(capsys, monkeypatch, "import", "--config", str(config), str(mail))
    assert code == 0, out
    return config


def test_show_gives_type_method_size_version_and_limit_reason(tmp_path, capsys, monkeypatch):
    config = imported(tmp_path, capsys, monkeypatch, "[extract]\nmax_attachment_mb = 0.002\n")
    code, out, _ = run(capsys, monkeypatch, "show", "1", "--config", str(config))
    assert code == 0
    assert "bilag.txt  text (angivet text/plain), 32 B, metode decoded, udtrækker text/" in out
    assert "stort-bilag.pdf  pdf (angivet application/pdf), 2.9 kB, metode none" in out
    assert "fejl: limit: larger than 0.002 MB" in out


def test_reparse_prints_changes_and_summary(tmp_path, capsys, monkeypatch) -> None:
    config = imported(tmp_path, capsys, monkeypatch)
    sessions = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    with sessions.begin() as session:
        session.scalars(select(models.Attachment)).first().text = "gammel"
    code, out, _ = run(capsys, monkeypatch, "reparse", "--all", "--config", str(config))
    assert code == 0
    assert out.splitlines() == [
        "proposal 1: new text: bilag.txt",
        "reparsed 1: changed 1, unchanged 0, recovered 0, failing 0",
    ]


def test_reparse_wants_exactly_one_selection(tmp_path, capsys, monkeypatch) -> None:
    config = write_config(tmp_path)
    code, _, err = run(capsys, monkeypatch, "reparse", "--all", "1", "--config", str(config))
    assert code == 2 and "--outdated" in err


def test_reparse_of_unknown_id_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch) -> None:
    config = imported(tmp_path, capsys, monkeypatch)
    code, _, err = run(capsys, monkeypatch, "reparse", "7", "--config", str(config))
    assert (code, err) == (2, "hoering: no proposal with id 7\n")


def test_reparse_says_how_many_lines_it_did_not_keep(tmp_path, capsys, monkeypatch) -> None:
    from hoering.pipeline import reparse

    config = imported(tmp_path, capsys, monkeypatch)
    sessions = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    with sessions.begin() as session:
        session.scalars(select(models.Attachment)).first().text = "gammel"
    monkeypatch.setattr(reparse, "MAX_LINES", 0)
    code, out, _ = run(capsys, monkeypatch, "reparse", "--all", "--config", str(config))
    assert code == 0
    assert out.splitlines() == [
        "... and 1 more not shown",
        "reparsed 1: changed 1, unchanged 0, recovered 0, failing 0",
    ]
