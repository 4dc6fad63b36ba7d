"""Small items of issue 9 through the real command line: an attachment export that finds no
attachments, names the Windows share refuses, NUL bytes in From and `forget --sender`."""

from __future__ import annotations

import json
from pathlib import Path

from hoering import config as config_module
from hoering import pipeline
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config


def imported(tmp_path: Path, *mails: bytes) -> Path:
    """A config whose database holds `mails`, imported from .eml files."""
    for number, mail in enumerate(mails, 1):
        (tmp_path / f"svar-{number}.eml").write_bytes(mail)
    config = write_config(tmp_path)
    cfg = config_module.load_config(config)
    files = sorted(tmp_path.glob("*.eml"))
    assert pipeline.import_paths(cfg, open_database(cfg.store_url), files).stored == len(mails)
    return config


def test_export_attachments_without_attachments_exits_0_and_says_so(tmp_path, capsys, monkeypatch):
    config = imported(tmp_path, make_mail())
    folder = tmp_path / "ud" / "bilag"
    folder.parent.mkdir()  # export-attachments makes its own folder, not the one above it
    code, out, err = run(
        capsys, monkeypatch, "export-attachments", "-c", str(config), "-o", str(folder)
    )
    assert code == 0, err
    assert out.strip() == "no attachments in the 1 selected proposal; nothing written"
    manifest = json.loads((tmp_path / "ud" / "bilag.manifest.json").read_text("utf-8"))
    assert manifest["files"] == [] and manifest["rows"] == 1


def test_exported_names_are_valid_on_windows(tmp_path, capsys, monkeypatch):
    pdf = b"%PDF-1.4\n%%EOF\n"
    files = [(name, "application/pdf", pdf) for name in ("CON", "NUL.txt", "com1.pdf", "a|b?.pdf")]
    config = imported(tmp_path, make_mail(attachments=files))
    folder = tmp_path / "bilag"
    code, _, err = run(
        capsys, monkeypatch, "export-attachments", "-c", str(config), "-o", str(folder)
    )
    assert code == 0, err
    names = sorted(path.name for path in folder.rglob("*") if path.is_file())
    assert names == ["CON_", "NUL_.txt", "a_b_.pdf", "com1_.pdf"]


def test_nul_bytes_in_from_keep_the_sender_so_forget_finds_the_person(
    tmp_path, capsys, monkeypatch
):
    # A web form that pads its fields with NUL bytes.
    mail = make_mail(sender="Soren <soren@borgernet.example>").replace(
        b"From: Soren <soren@", b"From: S\x00oren <soren\x00@"
    )
    assert b"\x00" in mail
    config = imported(tmp_path, mail)
    code, out, err = run(
        capsys,
        monkeypatch,
        "forget",
        "-c",
        str(config),
        "--sender",
        "soren@borgernet.example",
        "--yes",
    )
    assert code == 0, err
    assert "raw_messages 1" in out
