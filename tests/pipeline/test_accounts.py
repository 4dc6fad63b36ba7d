"""Several accounts in one config ([[imap.accounts]]), polled by the real command line
(in-process: `hoering_here`; tests/test_cli_poll.py has the poll as a process of its own)
from two users on the real Dovecot."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import summary
from tests.kit.dovecot import Mailbox
from tests.kit.mails import make_mail
from tests.test_cli_poll import proposal_count


@pytest.fixture
def second_mailbox(mailbox) -> Mailbox:
    """Another user on the same server, as a second consultation inbox would be."""
    username = f"{mailbox.username}b"
    mailbox.server.add_user(username)
    box = Mailbox(mailbox.server, username)
    box.client().create_folder("Høringssvar")  # configured for it below
    yield box
    box.close()


def accounts_config(tmp_path: Path, first: Mailbox, second: Mailbox) -> Path:
    text = f"""
[imap]
host = "{first.host}"
port = {first.ssl_port}
ca_file = "{first.ca_file}"
password_env = "FIRST_PASSWORD"
timeout = 10

[[imap.accounts]]
username = "{first.username}"

[[imap.accounts]]
username = "{second.username}"
password_env = "SECOND_PASSWORD"
folders = ["INBOX", "Høringssvar"]

[store]
url = "sqlite:///hoering.db"
"""
    path = tmp_path / "hoering.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_poll(hoering_here, config: Path, first: str, second: str):
    env = {"FIRST_PASSWORD": first, "SECOND_PASSWORD": second}
    return hoering_here("poll", "--config", str(config), env=env)


def stored_accounts(tmp_path: Path) -> list[str]:
    with open_database(f"sqlite:///{tmp_path / 'hoering.db'}")() as session:
        return sorted(session.scalars(select(models.FolderCursor.account)))


def test_poll_reads_every_account_in_the_config(mailbox, second_mailbox, tmp_path, hoering_here):
    mailbox.append("INBOX", make_mail(message_id="<a@x>"))
    second_mailbox.append("Høringssvar", make_mail(message_id="<b@x>", body="Andet forslag\n"))
    config = accounts_config(tmp_path, mailbox, second_mailbox)

    result = run_poll(hoering_here, config, mailbox.password, second_mailbox.password)

    assert result.returncode == 0, result.stderr
    assert summary(result.stdout) == "seen 2, matched 2, stored 2, duplicates 0, failed 0"
    assert stored_accounts(tmp_path) == sorted(
        [f"{mailbox.username}@127.0.0.1"] + [f"{second_mailbox.username}@127.0.0.1"] * 2
    )


def test_each_account_keeps_its_own_cursor(mailbox, second_mailbox, tmp_path, hoering_here):
    mailbox.append("INBOX", make_mail(message_id="<a@x>"))
    config = accounts_config(tmp_path, mailbox, second_mailbox)
    run_poll(hoering_here, config, mailbox.password, second_mailbox.password)
    second_mailbox.append("INBOX", make_mail(message_id="<c@x>", body="Nyt\n"))

    result = run_poll(hoering_here, config, mailbox.password, second_mailbox.password)

    assert summary(result.stdout) == "seen 1, matched 1, stored 1, duplicates 0, failed 0"


def test_a_refused_account_does_not_stop_the_next(mailbox, second_mailbox, tmp_path, hoering_here):
    second_mailbox.append("INBOX", make_mail(message_id="<b@x>"))
    config = accounts_config(tmp_path, mailbox, second_mailbox)

    result = run_poll(hoering_here, config, "Forkert-Kodeord-1", second_mailbox.password)

    assert result.returncode == 3  # the failed account's code: its login was refused
    assert proposal_count(tmp_path) == 1
    assert summary(result.stdout) == (
        "seen 1, matched 1, stored 1, duplicates 0, failed 0; "
        f"1 account failed: {mailbox.username}@127.0.0.1"
    )
    failure_lines = [line for line in result.stderr.splitlines() if line.startswith("hoering: ")]
    assert failure_lines == [
        f"hoering: {mailbox.username}@127.0.0.1: IMAP login as {mailbox.username} on "
        f"127.0.0.1:{mailbox.ssl_port} (ssl) refused: [AUTHENTICATIONFAILED] "
        "Authentication failed; check `username` and the password "
        "(`hoering doctor` says where it is read from)"
    ]
    assert result.stderr.count("Authentication failed") == 1  # said once, not also as a warning
    assert "Forkert-Kodeord-1" not in result.stdout + result.stderr


def test_a_missing_secret_fails_only_its_account(mailbox, second_mailbox, tmp_path, hoering_here):
    mailbox.append("INBOX", make_mail(message_id="<a@x>"))
    config = accounts_config(tmp_path, mailbox, second_mailbox)

    result = hoering_here("poll", "--config", str(config), env={"FIRST_PASSWORD": mailbox.password})

    assert result.returncode == 2  # a secret source that fails is a configuration problem
    assert "SECOND_PASSWORD is not set" in result.stderr
    assert proposal_count(tmp_path) == 1
