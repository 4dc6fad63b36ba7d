"""A server that accepts and then hangs must not hang cron: `hoering poll` exits 4 in about
the configured timeout, whichever step the server stops answering at."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoering.ingest.imap import ImapConnectionError, ImapSettings, connect, messages
from tests.kit.hanging_imap import STAGES, HangingImapServer
from tests.kit.web import free_port
from tests.test_cli_poll import hoering

# The hanging server stays silent this long: far longer than any poll that obeys its 1 s
# timeout takes, even at start-up on a loaded machine.
SILENCE = 120.0


@pytest.fixture
def hanging_server(request) -> Iterator[HangingImapServer]:
    server = HangingImapServer(request.param, max_wait=SILENCE)
    yield server
    server.stop()


def write_config(tmp_path: Path, port: int, timeout: float, connect_timeout: float | None) -> Path:
    lines = [
        "[imap]",
        'host = "127.0.0.1"',
        f"port = {port}",
        'security = "plain"',
        'username = "rumth"',
        'password_env = "TEST_IMAP_PASSWORD"',
        f"timeout = {timeout}",
    ]
    if connect_timeout is not None:
        lines.append(f"connect_timeout = {connect_timeout}")
    lines += ["[store]", 'url = "sqlite:///hoering.db"']
    path = tmp_path / "hoering.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_poll(config: Path):
    started = time.monotonic()
    env = {"TEST_IMAP_PASSWORD": "x"}
    result = hoering("poll", "--config", str(config), env=env, timeout=SILENCE - 20)
    return result, time.monotonic() - started


@pytest.mark.parametrize("hanging_server", STAGES, indirect=True)
def test_poll_exits_4_soon_after_the_timeout_when_the_server_hangs(hanging_server, tmp_path):
    config = write_config(tmp_path, hanging_server.port, timeout=1, connect_timeout=None)
    # The same poll against a port nobody listens on fails at once: its time is start-up
    # (interpreter, imports, a new SQLite schema), which a loaded machine stretches.
    (tmp_path / "refused").mkdir()
    refused = write_config(tmp_path / "refused", free_port(), timeout=1, connect_timeout=None)
    _, start_up = timed_poll(refused)

    result, elapsed = timed_poll(config)

    assert result.returncode == 4, result.stderr
    assert "timed out" in result.stderr and result.stderr.count("\n") == 1
    # Start-up plus the 1 s timeout and some slack -- not the 120 s the server stays silent.
    # That no second timeout is spent on LOGOUT is tested in-process below.
    bound = min(start_up + 8, SILENCE / 2)
    assert elapsed < bound, f"{hanging_server.hang_at}: {elapsed:.1f} s, start-up {start_up:.1f} s"


@pytest.mark.parametrize("hanging_server", ["greeting"], indirect=True)
def test_connect_timeout_bounds_the_greeting_on_its_own(hanging_server):
    settings = ImapSettings(
        "127.0.0.1", hanging_server.port, "plain", "u", "p", timeout=30, connect_timeout=0.3
    )

    started = time.monotonic()
    with pytest.raises(ImapConnectionError, match="timed out"):
        connect(settings)

    assert time.monotonic() - started < 5  # not the 30 s of the read timeout


@pytest.mark.parametrize("hanging_server", ["fetch"], indirect=True)
def test_no_logout_is_attempted_on_a_connection_that_timed_out(hanging_server):
    # 3 s, not 1 s: the bound below leaves one timeout for everything but the wait, which
    # a loaded machine (or a second xdist worker) stretched past 0.8 s.
    timeout = 3.0
    settings = ImapSettings("127.0.0.1", hanging_server.port, "plain", "u", "p", timeout=timeout)

    started = time.monotonic()
    with pytest.raises(ImapConnectionError, match="timed out"):
        list(messages(settings, {}, lambda block: True))

    # A LOGOUT would wait another full timeout on the silent server: two timeouts or more.
    assert time.monotonic() - started < 2 * timeout - 0.2
    assert hanging_server.commands[-1] == "FETCH"
