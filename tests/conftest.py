"""Shared fixtures: a real Dovecot started once per session, a fresh mailbox per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from tests.dovecot import DovecotServer, Mailbox, find_dovecot, start_dovecot

_user_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    """One Dovecot for the whole session (starts in well under a second)."""
    binary = find_dovecot()
    if binary is None:
        reason = "dovecot not installed (Debian: apt-get install dovecot-imapd)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must install it", pytrace=False)
        pytest.skip(reason)
    server = start_dovecot(binary)
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot_server: DovecotServer) -> Iterator[Mailbox]:
    """A new user with an empty INBOX, so tests never see each other's mail."""
    username = f"user{next(_user_numbers)}"
    dovecot_server.add_user(username)
    box = Mailbox(dovecot_server, username)
    yield box
    box.close()
