"""`hoering doctor` against the real Dovecot: exit codes from a real `hoering` process, the
report's content from doctor.run in the test process (it saves a second of start-up a test)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from imapclient import IMAPClient

from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline import doctor as doctor_module
from hoering.store.db import open_database
from tests.kit.dovecot import Mailbox, free_ports
from tests.kit.mails import make_mail
from tests.test_cli_poll import hoering, poll_config


def doctor(config: Path, password: str):
    return hoering("doctor", "--config", str(config), env={"TEST_IMAP_PASSWORD": password})


def report(config: Path) -> tuple[str, list[Exception]]:
    """doctor.run's output and problems, in this process (TEST_IMAP_PASSWORD set by `env`)."""
    lines: list[str] = []
    problems = doctor_module.run(load_config(config), lines.append)
    return "\n".join(lines) + "\n", problems


def poll(config: Path) -> None:
    cfg = load_config(config)
    pipeline.poll(cfg, open_database(cfg.store_url))


@pytest.fixture
def env(mailbox, monkeypatch) -> None:
    monkeypatch.setenv("TEST_IMAP_PASSWORD", mailbox.password)


def test_healthy_account_passes_every_check_and_exits_0(mailbox, tmp_path):
    mailbox.append("INBOX", make_mail())
    config = poll_config(tmp_path, mailbox)

    result = doctor(config, mailbox.password)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("all checks passed")
    assert "password from environment variable TEST_IMAP_PASSWORD: ok (not shown)" in result.stdout
    assert f"login     ok (LOGIN as {mailbox.username})" in result.stdout
    assert mailbox.password not in result.stdout + result.stderr


def test_a_missing_configured_folder_is_an_error_with_exit_2(mailbox, tmp_path):
    config = poll_config(tmp_path, mailbox, folders=["INBOX", "Høringsvar"])

    result = doctor(config, mailbox.password)

    assert result.returncode == 2
    assert "Høringsvar: ERROR: configured folder 'Høringsvar' does not exist" in result.stdout
    assert result.stdout.rstrip().endswith("1 problem found")


def test_wrong_password_exits_3(mailbox, tmp_path):
    result = doctor(poll_config(tmp_path, mailbox), "Forkert-Kodeord-2")

    assert result.returncode == 3
    assert "login     ERROR: IMAP login as" in result.stdout
    assert "Forkert-Kodeord-2" not in result.stdout + result.stderr


def test_database_password_is_hidden_and_an_unreachable_database_exits_5(mailbox, tmp_path):
    [port] = free_ports(1)
    config = poll_config(tmp_path, mailbox)
    text = config.read_text().replace(
        'url = "sqlite:///hoering.db"',
        f'url = "postgresql+psycopg://hoering:Db-Kodeord-77@127.0.0.1:{port}/hoering"',
    )
    config.write_text(text)

    result = doctor(config, mailbox.password)

    assert result.returncode == 5
    assert f"postgresql+psycopg://hoering:***@127.0.0.1:{port}/hoering" in result.stdout
    assert "Db-Kodeord-77" not in result.stdout + result.stderr


def test_capabilities_are_listed_with_notes_on_the_ones_hoering_cares_about(mailbox, tmp_path, env):
    text, _ = report(poll_config(tmp_path, mailbox))

    # Dovecot 2.3 has MOVE, UIDPLUS, IDLE and CONDSTORE; SPECIAL-USE only with special folders.
    assert re.search(r"^  capabilities .*\bIMAP4REV1\b", text, re.MULTILINE)
    for capability in ("MOVE", "UIDPLUS", "IDLE", "CONDSTORE"):
        assert re.search(rf"^    {capability} +yes ", text, re.MULTILINE), capability
    assert re.search(r"^    SPECIAL-USE +no ", text, re.MULTILINE)


def test_folders_are_listed_with_the_configured_ones_marked(mailbox, tmp_path, env):
    mailbox.append("Arkiv", make_mail())
    mailbox.append("Høringssvar", make_mail())

    text, _ = report(poll_config(tmp_path, mailbox, folders=["Høringssvar"]))

    lines = text.splitlines()
    assert "    * Høringssvar" in lines and "      Arkiv" in lines and "      INBOX" in lines


def test_a_folder_written_with_slash_is_found_and_shown_in_the_servers_spelling(
    mailbox, tmp_path, env
):
    # Dovecot's Maildir++ separates levels with "."; the config writes "/" as for move_to.
    mailbox.append("Høring.Sendt videre", make_mail())

    text, problems = report(poll_config(tmp_path, mailbox, folders=["Høring/Sendt videre"]))

    assert problems == []
    assert "    * Høring.Sendt videre" in text.splitlines()
    assert "  Høring/Sendt videre (on the server: Høring.Sendt videre): UIDVALIDITY" in text


def test_a_folder_typed_without_danish_letters_gets_the_real_name_suggested(mailbox, tmp_path, env):
    mailbox.append("Høringssvar", make_mail())

    text, problems = report(poll_config(tmp_path, mailbox, folders=["Hoeringssvar"]))
    assert "  Hoeringssvar: ERROR: configured folder" in text

    assert len(problems) == 1
    assert str(problems[0]).endswith("; did you mean 'Høringssvar'?")


def test_a_password_with_danish_letters_logs_in_and_doctor_names_the_command(
    dovecot_server, tmp_path, monkeypatch
):
    # LOGIN is ASCII only; such a password goes as AUTHENTICATE PLAIN, and doctor says so.
    dovecot_server.add_user("rod-grod", "Rød grød med fløde 17")
    box = Mailbox(dovecot_server, "rod-grod", "Rød grød med fløde 17")
    monkeypatch.setenv("TEST_IMAP_PASSWORD", box.password)

    text, problems = report(poll_config(tmp_path, box))

    assert problems == []
    assert "  login     ok (AUTHENTICATE PLAIN as rod-grod)" in text.splitlines()


def test_folder_status_and_cursor_before_and_after_a_poll(mailbox, tmp_path, env):
    uids = [mailbox.append("INBOX", make_mail(message_id=f"<{n}@x>")) for n in range(2)]
    uidvalidity = mailbox.uidvalidity("INBOX")
    config = poll_config(tmp_path, mailbox)

    before, _ = report(config)
    poll(config)
    after, _ = report(config)

    assert f"INBOX: UIDVALIDITY {uidvalidity}, 2 message(s), never polled" in before
    assert f"INBOX: UIDVALIDITY {uidvalidity}, 2 message(s), cursor: read up to UID {uids[-1]}" in (
        after
    )


def test_changed_uidvalidity_is_pointed_out_but_is_no_problem(mailbox, tmp_path, env):
    mailbox.append("Høringssvar", make_mail())
    config = poll_config(tmp_path, mailbox, folders=["Høringssvar"])
    poll(config)
    mailbox.recreate_folder("Høringssvar")

    text, problems = report(config)

    assert problems == []
    assert "changed, the next poll reads the folder again" in text


def test_database_is_neither_created_nor_migrated(mailbox, tmp_path, env):
    config = poll_config(tmp_path, mailbox)

    text, _ = report(config)

    assert "not created yet (the first poll or import creates it)" in text
    assert not (tmp_path / "hoering.db").exists()


def test_database_line_shows_its_schema_revision(mailbox, tmp_path, env):
    config = poll_config(tmp_path, mailbox)
    poll(config)

    text, _ = report(config)

    url = f"sqlite:///{tmp_path}/hoering.db"
    assert re.search(rf"database    {re.escape(url)}: schema revision \w+ \(current\)", text)


def test_unreachable_server_is_a_connection_problem(mailbox, tmp_path, env):
    [port] = free_ports(1)

    text, problems = report(poll_config(tmp_path, mailbox, port=port))

    assert "login     ERROR: cannot connect" in text
    assert [p.exit_code for p in problems] == [4]


def test_missing_secret_is_a_configuration_problem(mailbox, tmp_path, monkeypatch):
    monkeypatch.delenv("TEST_IMAP_PASSWORD", raising=False)

    text, problems = report(poll_config(tmp_path, mailbox))

    assert "secret    ERROR: environment variable TEST_IMAP_PASSWORD is not set" in text
    assert [p.exit_code for p in problems] == [2]


def test_oauth2_account_is_checked_with_its_token(oauth_mailbox, token_service, tmp_path):
    token = token_service.issue(oauth_mailbox.username)
    (tmp_path / "token.txt").write_text(token)
    config = poll_config(
        tmp_path,
        oauth_mailbox,
        auth="oauth2",
        token_command=f"cat {tmp_path / 'token.txt'}",
        password_env=None,
    )

    text, problems = report(config)

    assert problems == []
    assert "OAuth2 access token from token_command: ok (not shown)" in text
    assert f"login     ok (XOAUTH2 as {oauth_mailbox.username})" in text
    assert token not in text


def test_every_account_is_checked_and_the_first_failure_comes_first(mailbox, tmp_path, env):
    other = f"{mailbox.username}x"
    mailbox.server.add_user(other)
    config = poll_config(tmp_path, mailbox)
    accounts = f'[[imap.accounts]]\nusername = "nobody"\n[[imap.accounts]]\nusername = "{other}"\n'
    config.write_text(config.read_text().replace("[store]", accounts + "[store]"))

    text, problems = report(config)

    assert "account     nobody@127.0.0.1" in text
    assert f"login     ok (LOGIN as {other})" in text
    assert [p.exit_code for p in problems] == [3]


def test_doctor_notes_a_server_whose_uid_search_star_answers_nothing(
    imap4d_mailbox, tmp_path, monkeypatch
):
    # GNU Mailutils imap4d 3.15; polls are not affected, they use an explicit upper bound.
    imap4d_mailbox.append("INBOX", make_mail())
    config = poll_config(
        tmp_path, imap4d_mailbox, port=imap4d_mailbox.port, security="plain", ca_file=None
    )
    monkeypatch.setenv("TEST_IMAP_PASSWORD", imap4d_mailbox.password)

    text, problems = report(config)

    assert problems == []
    assert "listing ok: 1 of 1 message(s) by UID SEARCH UID n:4294967295" in text
    assert "answers UID SEARCH UID 1:* with 0 of 1 message(s)" in text


def test_doctor_warns_when_every_poll_must_fall_back(mailbox, tmp_path, env, monkeypatch):
    mailbox.append("INBOX", make_mail())
    mailbox.append("INBOX", make_mail(message_id="<other@x>"))
    original = IMAPClient.search

    def range_misses_all(self, criteria="ALL", charset=None):
        if list(criteria)[:2] == ["UID", "1:4294967295"]:
            return []
        return original(self, criteria, charset)

    monkeypatch.setattr(IMAPClient, "search", range_misses_all)

    text, problems = report(poll_config(tmp_path, mailbox))

    assert problems == []
    assert "listing WARNING" in text
    assert "falls back to UID SEARCH ALL (2 of 2 found)" in text


def test_doctor_says_what_poll_will_do_in_the_mailbox(mailbox, tmp_path, env):
    config = poll_config(tmp_path, mailbox)
    assert "actions     none: poll leaves the mailbox as it is" in report(config)[0]
    with config.open("a", encoding="utf-8") as extra:
        extra.write('\n[actions]\nafter = "move"\nmove_to = "OGP/Behandlet"\n')
    moved = "actions     after storing, poll moves each reply to 'OGP/Behandlet'"
    assert moved in report(config)[0]
