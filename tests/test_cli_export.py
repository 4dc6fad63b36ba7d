"""The export commands on the sample inbox: export, notat, export-attachments, forget."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from hoering import config as config_module
from hoering import pipeline
from hoering.export.attachments_export import safe_name
from hoering.parse.model import Attachment
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import write_config
from tests.kit.paths import SAMPLE_INBOX

CPR_IN_SAMPLE = "010180-1234"  # examples/inbox/02-borger-svar-citat-cpr.eml
COMMANDS = ["export", "notat", "export-attachments", "forget"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample inbox imported once for the module; tests that change it use `own_copy`."""
    config = write_config(tmp_path_factory.mktemp("sample"))
    cfg = config_module.load_config(config)
    assert pipeline.import_paths(cfg, open_database(cfg.store_url), [SAMPLE_INBOX]).stored == 13
    return config


@pytest.fixture
def own_copy(imported: Path, tmp_path: Path) -> Path:
    """A private copy of the imported database, for tests that delete."""
    source = sqlite3.connect(imported.parent / "hoering.db")
    target = sqlite3.connect(tmp_path / "hoering.db")
    source.backup(target)
    source.close()
    target.close()
    return write_config(tmp_path)


@pytest.mark.parametrize("command", COMMANDS)
def test_export_commands_have_help(capsys, monkeypatch, command: str) -> None:
    code, out, _ = run(capsys, monkeypatch, command, "--help")
    assert code == 0 and f"Usage: hoering {command}" in out and "--config" in out


def test_quick_start_csv_has_no_cpr_number(imported: Path, tmp_path, capsys, monkeypatch) -> None:
    # The README quick start: `hoering export --output examples/proposals.csv`.
    target = tmp_path / "proposals.csv"
    code, out, _ = run(capsys, monkeypatch, "export", "--config", str(imported), "-o", str(target))
    assert code == 0 and out.strip() == f"wrote 13 proposals to {target}"
    # The people CSV cuts long cells to a page; the rest is in the full-text files.
    side_files = sorted((tmp_path / "proposals-fulltekst").glob("*.txt"))
    data = "\n".join([target.read_text("utf-8-sig")] + [f.read_text("utf-8") for f in side_files])
    assert CPR_IN_SAMPLE not in data and "[CPR-nummer fjernet]" in data
    assert json.loads(Path(f"{target}.manifest.json").read_text("utf-8"))["rows"] == 13


def test_sample_cpr_number_is_there_to_be_redacted() -> None:
    assert CPR_IN_SAMPLE.encode() in (SAMPLE_INBOX / "02-borger-svar-citat-cpr.eml").read_bytes()


def test_no_redact_cpr_must_be_asked_for(imported: Path, tmp_path, capsys, monkeypatch) -> None:
    target = tmp_path / "svar.jsonl"
    args = ["export", "-c", str(imported), "-o", str(target), "--format", "jsonl"]
    assert run(capsys, monkeypatch, *args, "--no-redact-cpr")[0] == 0
    assert CPR_IN_SAMPLE in target.read_text("utf-8")


def test_dialect_is_kept_as_the_old_name_of_profile(imported, tmp_path, capsys, monkeypatch):
    target = tmp_path / "svar.csv"
    args = ["export", "-c", str(imported), "-o", str(target), "--dialect", "rfc4180"]
    assert run(capsys, monkeypatch, *args)[0] == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"), newline="")))
    assert len(rows) == 13


def test_filters_are_applied_and_named_in_the_manifest(imported, tmp_path, capsys, monkeypatch):
    target = tmp_path / "sene.xlsx"
    args = ["export", "-c", str(imported), "-o", str(target), "--format", "xlsx", "--late"]
    code, out, _ = run(capsys, monkeypatch, *args)
    manifest = json.loads(Path(f"{target}.manifest.json").read_text("utf-8"))
    assert code == 0 and out.strip() == f"wrote 1 proposal to {target}"
    assert manifest["filters"] == {"late": True} and manifest["rows"] == 1


def test_notat_command_writes_a_docx(imported: Path, tmp_path, capsys, monkeypatch) -> None:
    target = tmp_path / "høringsnotat.docx"
    code, out, _ = run(capsys, monkeypatch, "notat", "-c", str(imported), "-o", str(target))
    assert code == 0 and out.strip() == f"wrote the høringsnotat with 13 replies to {target}"
    assert target.read_bytes().startswith(b"PK")


def test_export_attachments_writes_originals_per_proposal(imported, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "bilag"
    code, out, _ = run(
        capsys, monkeypatch, "export-attachments", "-c", str(imported), "-o", str(folder)
    )
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert code == 0 and out.startswith(f"wrote {len(files)} attachments of 13 proposals")
    pdf = next(folder.rglob("Høringssvar OGP.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.parent.parent == folder
    manifest = json.loads((tmp_path / "bilag.manifest.json").read_text("utf-8"))
    assert sorted(f["path"].removeprefix("bilag/") for f in manifest["files"]) == files


def test_forget_command_asks_unless_yes(own_copy: Path, capsys, monkeypatch) -> None:
    imported = own_copy
    sender = "soeren.joergensen@borgernet.example"
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, monkeypatch, "forget", "-c", str(imported), "--sender", sender)
    assert code == 0 and out.rstrip().endswith("nothing deleted")  # a "no" is no failure
    code, out, _ = run(
        capsys, monkeypatch, "forget", "-c", str(imported), "--sender", sender, "--yes"
    )
    assert code == 0 and "raw_messages 1" in out.splitlines()[-1] and sender not in out
    assert out.splitlines()[:2] == [
        "stored from this address: 1 message",
        "  proposal 2, 2017-07-05: SV: Ogp-Høring",
    ]


def attachment(filename: str, kind: str = "pdf") -> Attachment:
    return Attachment(filename, filename, "application/pdf", kind, 1, "x")


def test_safe_names_are_numbered_on_collision() -> None:
    taken: set[str] = set()
    names = [
        safe_name(attachment(n), i, taken)
        for i, n in enumerate(["svar.pdf", "SVAR.pdf", "svar.pdf"], 1)
    ]
    assert names == ["svar.pdf", "SVAR (2).pdf", "svar (3).pdf"]


def test_safe_names_never_keep_a_path_from_the_mail() -> None:
    # Windows mailers send C:\ paths; hostile senders send ../
    taken: set[str] = set()
    assert safe_name(attachment("../../etc/passwd"), 1, taken) == "passwd"
    assert safe_name(attachment("C:\\TEMP\\svar.pdf"), 2, taken) == "svar.pdf"


def test_nameless_attachment_gets_a_name_from_its_type() -> None:
    taken: set[str] = set()
    assert safe_name(attachment("", "pdf"), 4, taken) == "bilag-4.pdf"


def test_a_nameless_forwarded_mail_is_named_as_everywhere_else() -> None:
    # Outlook's "Forward as attachment" sends message/rfc822 without a file name.
    taken: set[str] = set()
    assert safe_name(attachment("", "message"), 3, taken) == "Videresendt besked.eml"
    assert safe_name(attachment("", "message"), 4, taken) == "Videresendt besked (2).eml"


def test_export_takes_the_review_filters_of_list(imported, tmp_path, capsys, monkeypatch):
    target = tmp_path / "myndigheder.jsonl"
    args = ["export", "-c", str(imported), "-o", str(target), "--format", "jsonl"]
    code, _, _ = run(capsys, monkeypatch, *args, "--type", "offentlig myndighed")
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    manifest = json.loads(Path(f"{target}.manifest.json").read_text("utf-8"))
    assert code == 0 and rows and {r["respondent_type"] for r in rows} == {"offentlig myndighed"}
    assert manifest["filters"] == {"respondent_type": "offentlig myndighed"}


@pytest.mark.parametrize(
    ("name", "starts_with"),
    [("svar.xlsx", b"PK\x03\x04"), ("svar.jsonl", b'{"'), ("svar.csv", "\ufeff".encode())],
)
def test_format_comes_from_the_extension(
    imported, tmp_path, capsys, monkeypatch, name, starts_with
):
    target = tmp_path / name
    code, _, _ = run(capsys, monkeypatch, "export", "-c", str(imported), "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(starts_with)
    manifest = json.loads(Path(f"{target}.manifest.json").read_text("utf-8"))
    assert manifest["format"] == target.suffix[1:]


def test_format_option_wins_over_the_extension(imported, tmp_path, capsys, monkeypatch) -> None:
    target = tmp_path / "svar.txt"
    args = ["export", "-c", str(imported), "-o", str(target), "--format", "jsonl"]
    assert run(capsys, monkeypatch, *args)[0] == 0
    assert json.loads(target.read_text("utf-8").splitlines()[0])["id"]


@pytest.mark.parametrize(
    ("command", "name", "message"),
    [
        ("notat", "notat.pdf", "notat.pdf: cannot write .pdf files; use .docx"),
        ("export", "svar.pdf", "svar.pdf: cannot write .pdf files; use .csv, .xlsx, .jsonl"),
        ("export", "svar", "svar: no extension; name the file .csv, .xlsx, .jsonl or give"),
    ],
)
def test_a_format_that_cannot_be_written_is_refused(
    imported, tmp_path, capsys, monkeypatch, command, name, message
) -> None:
    target = tmp_path / name
    code, out, err = run(capsys, monkeypatch, command, "-c", str(imported), "-o", str(target))
    assert (code, out) == (2, "") and err.startswith(f"hoering: {tmp_path}/{message}")
    assert not target.exists()


def test_missing_output_folder_is_an_error_not_created(imported, tmp_path, capsys, monkeypatch):
    target = tmp_path / "ud" / "svar.csv"
    code, _, err = run(capsys, monkeypatch, "export", "-c", str(imported), "-o", str(target))
    assert (code, err) == (2, f"hoering: cannot write {target}: {tmp_path / 'ud'} does not exist\n")
    assert not target.parent.exists()


def test_a_folder_where_the_file_belongs_is_an_error(imported, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "svar.csv"
    folder.mkdir()
    code, _, err = run(capsys, monkeypatch, "export", "-c", str(imported), "-o", str(folder))
    assert (code, err) == (2, f"hoering: {folder} is a folder; give a file name\n")


def test_an_unwritable_place_is_one_line(imported, capsys, monkeypatch) -> None:
    # /proc takes no new files, even from root (the tests run as root in CI).
    target = Path("/proc/svar.csv")
    code, _, err = run(capsys, monkeypatch, "export", "-c", str(imported), "-o", str(target))
    assert code == 2 and err.startswith(f"hoering: cannot write {target}") and err.count("\n") == 1


def test_attachment_folder_needs_an_existing_parent(imported, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "mangler" / "bilag"
    args = ["export-attachments", "-c", str(imported), "-o", str(folder)]
    code, _, err = run(capsys, monkeypatch, *args)
    assert code == 2 and err == f"hoering: cannot write {folder}: {folder.parent} does not exist\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exports_get_the_permissions_the_umask_gives(
    imported, tmp_path, capsys, monkeypatch, umask, mode
) -> None:
    # mkstemp made every export 0600, unreadable for the colleagues it was written for.
    target = tmp_path / "svar.xlsx"
    old = os.umask(umask)
    try:
        assert run(capsys, monkeypatch, "export", "-c", str(imported), "-o", str(target))[0] == 0
        assert (
            run(capsys, monkeypatch, "notat", "-c", str(imported), "-o", str(tmp_path / "n.docx"))[
                0
            ]
            == 0
        )
    finally:
        os.umask(old)
    for path in (target, Path(f"{target}.manifest.json"), tmp_path / "n.docx"):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def test_forget_refuses_what_is_not_an_address(imported, capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, "forget", "-c", str(imported), "--sender", "Søren")
    assert (code, out, err) == (2, "", "hoering: --sender 'Søren' is not an e-mail address\n")


def test_forget_of_an_unknown_address_is_not_done(imported, capsys, monkeypatch) -> None:
    # A typo in a GDPR request must not look done.
    args = [
        "forget",
        "-c",
        str(imported),
        "--sender",
        "soeren.jorgensen@borgernet.example",
        "--yes",
    ]
    code, out, err = run(capsys, monkeypatch, *args)
    assert (code, out) == (2, "") and "nothing is stored from" in err and "nothing deleted" in err


def test_forget_shows_what_it_would_delete_before_asking(own_copy, capsys, monkeypatch) -> None:
    sender = "soeren.joergensen@borgernet.example"
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, monkeypatch, "forget", "-c", str(own_copy), "--sender", sender)
    assert code == 0  # declined: nothing deleted, and no failure either
    lines = out.splitlines()
    assert lines[:2] == [
        "stored from this address: 1 message",
        "  proposal 2, 2017-07-05: SV: Ogp-Høring",
    ]
    assert lines[2].startswith("Delete these and all data derived from them?")
