"""`hoering poll` end to end against a real Dovecot (and imap4d). One test runs a real
`hoering` process over IMAPS as cron would; the others run the same command line in-process
(tests.kit.cli, the `hoering_here` fixture): what they check is what a poll stores and says,
which an interpreter start and imports per poll would not prove more of."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run, summary
from tests.kit.dovecot import Mailbox, free_ports
from tests.kit.mails import cyrus_munge8bit, make_mail, raw_8bit_mail
from tests.kit.paths import ROOT, SAMPLE_INBOX


def hoering(*args: str, env: dict[str, str] | None = None, timeout: float = 180):
    """Run the real command line in a child process, as cron would. The timeout only stops a
    hung child: under xdist on two cores shared with other suites (load 10) a sound poll of the
    sample inbox took over 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "hoering", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def poll_config(tmp_path: Path, box: Mailbox, **overrides: object) -> Path:
    settings = {
        "host": box.host,
        "port": box.ssl_port,
        "security": "ssl",
        "username": box.username,
        "password_env": "TEST_IMAP_PASSWORD",
        "ca_file": box.ca_file,
        "folders": ["INBOX"],
        "timeout": 10,
        "batch_size": 3,
    }
    settings.update(overrides)
    lines = ["[imap]"]
    for key, value in settings.items():
        if value is None:  # an override of None leaves the key out
            continue
        rendered = (
            "[" + ", ".join(f'"{v}"' for v in value) + "]"
            if isinstance(value, list)
            else (str(value) if isinstance(value, int) else f'"{value}"')
        )
        lines.append(f"{key} = {rendered}")
    lines += ["[store]", 'url = "sqlite:///hoering.db"', "[consultation]", "deadline = 2017-08-20"]
    path = tmp_path / "hoering.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def poll(config: Path, box: Mailbox):
    """`hoering poll` as a child process, as cron starts it."""
    return hoering("poll", "--config", str(config), env={"TEST_IMAP_PASSWORD": box.password})


def poll_in(hoering_here, config: Path, box: Mailbox):
    """The same `hoering poll` in this process (`hoering_here`), answered like `poll`."""
    return hoering_here("poll", "--config", str(config), env={"TEST_IMAP_PASSWORD": box.password})


def proposal_count(tmp_path: Path) -> int:
    with open_database(f"sqlite:///{tmp_path / 'hoering.db'}")() as session:
        return session.scalar(select(func.count(models.Proposal.id)))


def append_sample_inbox(box: Mailbox) -> list[int]:
    return [box.append("INBOX", p.read_bytes()) for p in sorted(SAMPLE_INBOX.glob("*.eml"))]


def test_poll_stores_marked_replies_once_and_leaves_them_unread(mailbox, tmp_path) -> None:
    uids = append_sample_inbox(mailbox)
    config = poll_config(tmp_path, mailbox)
    first = poll(config, mailbox)
    assert first.returncode == 0, first.stderr
    assert summary(first.stdout) == "seen 17, matched 14, stored 13, duplicates 1, failed 0"
    assert all(b"\\Seen" not in mailbox.flags("INBOX", uid) for uid in uids)
    second = poll(config, mailbox)
    assert summary(second.stdout) == "seen 0, matched 0, stored 0, duplicates 0, failed 0"
    assert proposal_count(tmp_path) == 13


def test_poll_fetches_only_mail_that_arrived_since_the_last_run(
    mailbox, tmp_path, hoering_here
) -> None:
    config = poll_config(tmp_path, mailbox)
    mailbox.append("INBOX", make_mail(message_id="<a@x>"))
    assert summary(poll_in(hoering_here, config, mailbox).stdout).startswith("seen 1,")
    mailbox.append("INBOX", make_mail(message_id="<b@x>", body="Nyt forslag\n"))
    mailbox.append("INBOX", make_mail(subject="Nyhedsbrev", message_id="<c@x>"))
    assert summary(poll_in(hoering_here, config, mailbox).stdout) == (
        "seen 2, matched 1, stored 1, duplicates 0, failed 0"
    )


def test_first_and_later_poll_on_each_imap_server(any_mailbox, tmp_path, hoering_here) -> None:
    # Dovecot and GNU Mailutils imap4d (which answers "UID SEARCH UID 1:*" with nothing).
    # Plain IMAP to loopback: the imap4d of the tests has no TLS listener.
    config = poll_config(
        tmp_path, any_mailbox, port=any_mailbox.port, security="plain", ca_file=None
    )
    append_sample_inbox(any_mailbox)
    first = poll_in(hoering_here, config, any_mailbox)
    assert first.returncode == 0, first.stderr
    assert summary(first.stdout) == "seen 17, matched 14, stored 13, duplicates 1, failed 0"
    any_mailbox.append("INBOX", make_mail(message_id="<later@x>", body="Et sent forslag\n"))
    any_mailbox.append("INBOX", make_mail(subject="Nyhedsbrev", message_id="<news@x>"))

    second = poll_in(hoering_here, config, any_mailbox)

    assert summary(second.stdout) == "seen 2, matched 1, stored 1, duplicates 0, failed 0"
    assert summary(poll_in(hoering_here, config, any_mailbox).stdout).startswith("seen 0,")
    assert proposal_count(tmp_path) == 14


def test_replies_whose_subject_a_cyrus_server_munged_are_stored(
    any_mailbox, tmp_path, hoering_here
) -> None:
    # Raw 8-bit subjects as stock Cyrus delivers them: UTF-8 "ø" as "XX", Latin-1 "ø" as "X".
    utf8 = cyrus_munge8bit(raw_8bit_mail("SV: OGP-høring", "utf-8", "<u@x>"))
    latin1 = cyrus_munge8bit(raw_8bit_mail("OGP-høring", "iso-8859-1", "<l@x>"))
    assert b"Subject: SV: OGP-hXXring\r\n" in utf8
    assert b"Subject: OGP-hXring\r\n" in latin1
    any_mailbox.append("INBOX", utf8)
    any_mailbox.append("INBOX", latin1)
    config = poll_config(
        tmp_path, any_mailbox, port=any_mailbox.port, security="plain", ca_file=None
    )

    result = poll_in(hoering_here, config, any_mailbox)

    assert summary(result.stdout) == "seen 2, matched 2, stored 2, duplicates 0, failed 0"


def test_poll_after_uidvalidity_change_rescans_without_doubles(
    mailbox, tmp_path, hoering_here
) -> None:
    config = poll_config(tmp_path, mailbox, folders=["Høringssvar"])
    mails = [make_mail(message_id=f"<m{i}@x>", body=f"Forslag {i}\n") for i in range(3)]
    for data in mails:
        mailbox.append("Høringssvar", data)
    assert poll_in(hoering_here, config, mailbox).returncode == 0
    mailbox.recreate_folder("Høringssvar")  # e.g. a restored backup: all UIDs renumbered
    for data in mails:
        mailbox.append("Høringssvar", data)
    result = poll_in(hoering_here, config, mailbox)
    # The same bytes under new UIDs: already stored, not new duplicates.
    expected = "seen 3, matched 3, stored 0, already stored 3, duplicates 0, failed 0"
    assert summary(result.stdout) == expected
    assert "UIDVALIDITY" in result.stderr
    assert proposal_count(tmp_path) == 3


def test_poll_over_starttls_on_the_plain_port(mailbox, tmp_path, hoering_here) -> None:
    mailbox.append("INBOX", make_mail())
    config = poll_config(tmp_path, mailbox, port=mailbox.port, security="starttls")
    result = poll_in(hoering_here, config, mailbox)
    assert result.returncode == 0, result.stderr
    assert proposal_count(tmp_path) == 1


def poll_here(config: Path, password: str, capsys, monkeypatch) -> tuple[int, str, str]:
    """`hoering poll` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("TEST_IMAP_PASSWORD", password)
    return run(capsys, monkeypatch, "poll", "--config", str(config))


def test_wrong_password_exits_3_with_one_line_and_no_secret(
    mailbox, tmp_path, capsys, monkeypatch
) -> None:
    config = poll_config(tmp_path, mailbox)
    secret = "Forkert-Kodeord-7391"
    code, out, err = poll_here(config, secret, capsys, monkeypatch)
    assert code == 3
    assert err.count("\n") == 1 and "refused" in err
    assert secret not in err + out


def test_unreachable_server_exits_4(mailbox, tmp_path, capsys, monkeypatch) -> None:
    [closed_port] = free_ports(1)
    config = poll_config(tmp_path, mailbox, port=closed_port)
    code, _, err = poll_here(config, mailbox.password, capsys, monkeypatch)
    assert code == 4
    assert err.startswith("hoering: cannot connect") and "Traceback" not in err


def test_untrusted_certificate_is_refused(mailbox, tmp_path, capsys, monkeypatch) -> None:
    # Without ca_file the self-signed test CA is unknown: verification must fail, not be skipped.
    config = poll_config(tmp_path, mailbox)
    text = config.read_text().replace(f'ca_file = "{mailbox.ca_file}"\n', "")
    config.write_text(text)
    code, _, err = poll_here(config, mailbox.password, capsys, monkeypatch)
    assert code == 4
    assert "CERTIFICATE_VERIFY_FAILED" in err


def test_missing_imap_section_exits_2(tmp_path, capsys, monkeypatch) -> None:
    config = tmp_path / "hoering.toml"
    config.write_text('[store]\nurl = "sqlite:///h.db"\n')
    code, _, err = run(capsys, monkeypatch, "poll", "--config", str(config))
    assert code == 2
    assert err == f"hoering: {config}: [imap]: section is missing (needed by poll)\n"


def test_uidvalidity_warning_is_given_once_for_an_emptied_folder(
    mailbox, tmp_path, hoering_here
) -> None:
    config = poll_config(tmp_path, mailbox, folders=["Høringssvar"])
    mailbox.append("Høringssvar", make_mail())
    assert poll_in(hoering_here, config, mailbox).returncode == 0
    mailbox.recreate_folder("Høringssvar")
    assert "UIDVALIDITY" in poll_in(hoering_here, config, mailbox).stderr
    assert poll_in(hoering_here, config, mailbox).stderr == ""


def test_a_missing_danish_folder_is_named_as_written(mailbox, tmp_path, hoering_here) -> None:
    # Dovecot answers "Mailbox doesn't exist: Høringssvar" in UTF-8; imaplib reads ASCII.
    config = poll_config(tmp_path, mailbox, folders=["Høringssvar"])
    result = poll_in(hoering_here, config, mailbox)
    assert result.returncode == 2
    assert "cannot open IMAP folder 'Høringssvar'" in result.stderr
    assert "doesn't exist: Høringssvar" in result.stderr and "Hringssvar" not in result.stderr


def test_a_folder_that_fails_leaves_the_others_polled_and_counted(
    mailbox, tmp_path, capsys, monkeypatch
) -> None:
    mailbox.append("INBOX", make_mail(message_id="<foer@x.dk>"))
    mailbox.append("Høringssvar", make_mail(message_id="<efter@x.dk>", body="Et andet svar.\n"))
    folders = ["INBOX", "Findes ikke", "Høringssvar"]
    config = poll_config(tmp_path, mailbox, folders=folders)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", mailbox.password)
    code, out, err = run(capsys, monkeypatch, "poll", "--config", str(config))
    assert code == 2
    assert summary(out) == (
        "seen 2, matched 2, stored 2, duplicates 0, failed 0; 1 folder could not be read"
    )
    assert err.startswith("hoering: cannot open IMAP folder 'Findes ikke'")
    assert proposal_count(tmp_path) == 2
