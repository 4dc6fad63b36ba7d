"""Running hoering for years (issue 20): the time on the summary line, Ctrl-C, files only the
owner's group may read, `backup`, `list --automatic --json`, and a declined `forget`."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoering.ingest import files
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d "


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path)


def one_mail(folder: Path) -> Path:
    mail = folder / "svar.eml"
    mail.write_bytes(make_mail())
    return mail


def test_the_summary_line_starts_with_the_local_time(
    config: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    code, out, _ = run(capsys, monkeypatch, "import", "-c", str(config), str(one_mail(tmp_path)))
    assert code == 0
    assert re.fullmatch(STAMP + "seen 1, matched 1, stored 1, duplicates 0, failed 0\n", out)


def test_ctrl_c_records_the_counts_says_them_and_exits_130(
    config: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    mails = tmp_path / "mails"
    mails.mkdir()
    for n in range(5):
        (mails / f"{n}.eml").write_bytes(make_mail(message_id=f"<m{n}@x.example>", body=f"{n}\n"))
    real_read = files.read_paths

    def read_then_ctrl_c(paths) -> Iterator:
        for number, message in enumerate(real_read(paths)):
            if number == 3:
                raise KeyboardInterrupt  # as SIGINT arrives in the main thread
            yield message

    monkeypatch.setattr("hoering.pipeline.runs.read_paths", read_then_ctrl_c)
    code, out, err = run(capsys, monkeypatch, "import", "-c", str(config), str(mails))
    assert code == 130 and out == ""
    assert err.startswith("hoering: interrupted (Ctrl-C); until then: seen 3, matched 3")
    with sqlite3.connect(tmp_path / "hoering.db") as db:
        seen, error = db.execute("SELECT seen, error FROM runs").fetchone()
        stored = db.execute("SELECT count(*) FROM proposals").fetchone()[0]
    assert (seen, error) == (3, "interrupted (Ctrl-C)")
    # The batch in hand is dropped, not half-written, and its cursors with it: Ctrl-C
    # reaches the extraction workers too, so what they were reading has no trustworthy text.
    assert stored == 0 and "read again by the next run" in err
    monkeypatch.setattr("hoering.pipeline.runs.read_paths", real_read)
    code, out, _ = run(capsys, monkeypatch, "import", "-c", str(config), str(mails))
    assert code == 0 and "stored 5" in out


def test_the_database_and_its_lock_files_are_not_world_readable(
    config: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr("os.umask", lambda mask: 0o022)  # what a login shell usually has
    code, _, _ = run(capsys, monkeypatch, "import", "-c", str(config), str(one_mail(tmp_path)))
    assert code == 0
    made = [p for p in tmp_path.iterdir() if p.name.startswith("hoering.db")]
    assert {p.name for p in made} >= {"hoering.db", "hoering.db.lock"}
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) & 0o007 == 0, path.name


def test_backup_is_a_consistent_private_copy_while_a_poll_writes(
    sample_copy: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    config = sample_copy
    sessions = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    stop = threading.Event()
    writes = []

    def keep_writing() -> None:  # another process's poll, as far as SQLite can tell
        with sqlite3.connect(tmp_path / "hoering.db", timeout=30) as db:
            while not stop.is_set():
                db.execute("UPDATE proposals SET warnings = warnings || 'x' WHERE id = 1")
                db.commit()
                writes.append(1)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        code, out, _ = run(capsys, monkeypatch, "backup", "-c", str(config), str(tmp_path / "b"))
    finally:
        stop.set()
        writer.join()
    sessions.kw["bind"].dispose()
    assert code == 0 and out.startswith(f"backed up the database to {tmp_path / 'b'}")
    assert writes  # the copy was made while another connection committed
    with sqlite3.connect(tmp_path / "b") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM proposals").fetchone() == (13,)
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) & 0o007 == 0


def test_backup_never_overwrites(sample_copy: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    config = sample_copy
    (tmp_path / "b").write_text("keep me")
    code, _, err = run(capsys, monkeypatch, "backup", "-c", str(config), str(tmp_path / "b"))
    assert code == 2 and "exists" in err and (tmp_path / "b").read_text() == "keep me"


def test_list_automatic_as_json(sample_imported: Path, capsys, monkeypatch) -> None:
    config = sample_imported
    code, out, _ = run(capsys, monkeypatch, "list", "--automatic", "--json", "-c", str(config))
    listed = json.loads(out)
    assert code == 0 and listed["count"] == len(listed["automatic"])
    for item in listed["automatic"]:
        assert set(item) == {"id", "first_seen", "sender", "subject", "reason", "places"}


def test_forget_declined_deletes_nothing_and_exits_0(
    sample_copy: Path, capsys, monkeypatch
) -> None:
    config = sample_copy
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    sender = "soeren.joergensen@borgernet.example"
    code, out, _ = run(capsys, monkeypatch, "forget", "-c", str(config), "--sender", sender)
    assert code == 0 and out.rstrip().endswith("[y/N]: nothing deleted")
    code, out, _ = run(capsys, monkeypatch, "list", "-c", str(config))
    assert "13 proposals" in out


def test_stats_counts_the_last_run_as_its_summary_line_did(
    sample_copy: Path, capsys, monkeypatch
) -> None:
    config = sample_copy  # imported once already: this run finds all of it stored
    run(capsys, monkeypatch, "import", "-c", str(config), str(SAMPLE_INBOX))
    code, out, _ = run(capsys, monkeypatch, "stats", "-c", str(config))
    assert code == 0 and "stored 0, already stored 13, duplicates 1, failed 0" in out
    code, out, _ = run(capsys, monkeypatch, "stats", "--json", "-c", str(config))
    last = json.loads(out)["last_run"]
    assert (last["already_stored"], last["duplicates"]) == (13, 1)
