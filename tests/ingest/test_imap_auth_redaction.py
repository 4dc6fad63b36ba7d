"""A non-ASCII password goes out as AUTHENTICATE PLAIN, i.e. base64; a server that quotes
that blob in its NO must not get the password into stderr, the JSON log, doctor or the
runs table."""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator

import pytest

from hoering.ingest.imap_auth import redact_login_error
from tests.ingest.test_imap_timeouts import write_config
from tests.kit.echoing_imap import EchoingImapServer
from tests.test_cli_poll import hoering

PASSWORD = "hemmelig-ø-kode"  # non-ASCII: sent with AUTHENTICATE PLAIN, not LOGIN


@pytest.fixture
def echoing_server() -> Iterator[EchoingImapServer]:
    server = EchoingImapServer()
    yield server
    server.stop()


def leaks(text: str, blobs: list[str]) -> list[str]:
    found = [blob for blob in blobs if blob and blob[:12] in text]
    return found + ([PASSWORD] if PASSWORD in text else [])


def test_poll_keeps_the_echoed_blob_out_of_stderr_json_log_and_runs(echoing_server, tmp_path):
    config = write_config(tmp_path, echoing_server.port, timeout=5, connect_timeout=None)
    env = {"TEST_IMAP_PASSWORD": PASSWORD}
    plain = hoering("poll", "--config", str(config), env=env)
    as_json = hoering("--log-json", "poll", "--config", str(config), env=env)
    assert echoing_server.blobs, "the client never sent AUTHENTICATE PLAIN"
    assert plain.returncode != 0 and "refused" in plain.stderr and "***" in plain.stderr
    assert leaks(plain.stderr + plain.stdout, echoing_server.blobs) == []
    assert leaks(as_json.stderr + as_json.stdout, echoing_server.blobs) == []
    with sqlite3.connect(tmp_path / "hoering.db") as db:
        errors = [row[0] or "" for row in db.execute("SELECT error FROM runs")]
    assert errors and leaks("\n".join(errors), echoing_server.blobs) == []


def test_doctor_keeps_the_echoed_blob_out(echoing_server, tmp_path):
    config = write_config(tmp_path, echoing_server.port, timeout=5, connect_timeout=None)
    result = hoering("doctor", "--config", str(config), env={"TEST_IMAP_PASSWORD": PASSWORD})
    assert echoing_server.blobs and result.returncode != 0
    assert leaks(result.stderr + result.stdout, echoing_server.blobs) == []


def test_a_blob_cut_short_by_the_server_is_redacted_too() -> None:
    blob = base64.b64encode(f"\0rumth\0{PASSWORD}".encode()).decode()
    for end in range(8, len(blob) + 1):
        assert blob[:end] not in redact_login_error(f"NO bad: {blob[:end]} end", "x")


def test_response_codes_and_words_are_kept() -> None:
    text = "NO [AUTHENTICATIONFAILED] Authentication failed. UNAVAILABLE Dovecot 0123456789"
    assert redact_login_error(text, PASSWORD) == text
