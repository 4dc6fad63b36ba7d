"""Operations: --log-json for log collectors, and the IMAP password nowhere: not in logs
(human or JSON, with -v), error lines, the database (every table, WAL included) or exports;
and sent right whatever its letters."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

from tests.kit import faults as faultkit
from tests.kit.dovecot import Mailbox
from tests.kit.mails import make_mail
from tests.pipeline.test_states import run_cli, unparseable
from tests.test_cli_poll import hoering, poll_config

SECRET = "Hemmelig-kodeord-7391-qz"  # distinctive, never in any mail


def json_lines(stderr: str) -> list[dict]:
    return [json.loads(line) for line in stderr.splitlines() if line.strip()]


def test_log_json_gives_one_object_per_line_with_structured_fields(mailbox, tmp_path) -> None:
    mailbox.append("INBOX", unparseable())
    config = faultkit.write_poll_config(tmp_path, mailbox)
    result = hoering("--log-json", "-v", "poll", "--config", str(config))
    assert result.returncode == 1  # the unparseable message is stored raw
    records = json_lines(result.stderr)
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    fetching = next(r for r in records if "new message(s)" in r["message"])
    assert (fetching["account"], fetching["folder"]) == (f"{mailbox.username}@127.0.0.1", "INBOX")
    failed = next(
        r for r in records if r["level"] == "WARNING" and "could not parse" in r["message"]
    )
    assert (failed["folder"], failed["uid"], failed["logger"]) == (
        "INBOX",
        1,
        "hoering.pipeline.run",
    )


def test_log_json_error_line_is_json_too(mailbox, tmp_path) -> None:
    config = poll_config(tmp_path, mailbox)
    result = hoering("--log-json", "poll", "--config", str(config), env={"TEST_IMAP_PASSWORD": "x"})
    assert result.returncode == 3
    [record] = json_lines(result.stderr)
    assert record["level"] == "ERROR" and record["message"].startswith("hoering: IMAP login")


def dump_database(db: Path) -> bytes:
    """Every byte of the database and its WAL, and every text value through SQLite."""
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())
    with sqlite3.connect(db) as connection:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master")]
        for table in tables:
            if connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)
            ).fetchone():
                for row in connection.execute(f'SELECT * FROM "{table}"'):
                    raw += repr(row).encode()
    return raw


def forms_of(secret: str, username: str) -> list[bytes]:
    """The secret as it could leak: plain, and as AUTHENTICATE PLAIN would base64 it."""
    plain = f"\0{username}\0{secret}".encode()
    return [secret.encode(), base64.b64encode(plain), base64.b64encode(secret.encode())]


def test_the_password_appears_in_no_log_database_or_export(
    dovecot_server, tmp_path, capsys, monkeypatch
) -> None:
    dovecot_server.add_user("secretuser", SECRET)
    box = Mailbox(dovecot_server, "secretuser", password=SECRET)
    box.append("INBOX", make_mail())
    box.append("INBOX", unparseable())  # a failure, so error paths log too
    config = poll_config(tmp_path, box, batch_size=1)
    env = {"TEST_IMAP_PASSWORD": SECRET}
    # Real processes for the poll and the refused login (a refused login puts the error
    # path in the output); the entry point in-process for the rest, which is quicker.
    runs = [
        hoering("-v", "poll", "--config", str(config), env=env),
        hoering("-v", "poll", "--config", str(config), env={"TEST_IMAP_PASSWORD": SECRET + "x"}),
    ]
    assert (runs[0].returncode, runs[1].returncode) == (1, 3), runs[0].stderr
    output = "".join(r.stdout + r.stderr for r in runs)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", SECRET)
    for args in (
        ["--log-json", "-v", "poll"],
        ["-v", "retry", "--all"],
        ["-v", "failures"],
        ["-v", "doctor"],
        ["-v", "export", "-o", str(tmp_path / "svar.csv")],
    ):
        _, out, err = run_cli(capsys, monkeypatch, *args, "--config", str(config))
        output += out + err
    exported = (tmp_path / "svar.csv").read_bytes()
    stored = dump_database(tmp_path / "hoering.db")
    for form in forms_of(SECRET, box.username):
        assert form not in output.encode()
        assert form not in exported
        assert form not in stored
    box.close()


def test_a_password_with_danish_letters_logs_in(dovecot_server, tmp_path) -> None:
    # LOGIN is ASCII-only; a Danish password ("ø") must not crash the poll (it gave exit 70).
    password = "Sommerhus-ved-Ærø-7391"
    dovecot_server.add_user("danskbruger", password)
    box = Mailbox(dovecot_server, "danskbruger", password=password)
    config = faultkit.write_poll_config(tmp_path, box)
    result = hoering("poll", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert password not in result.stdout + result.stderr
