"""What an operator reads when a poll cannot reach or log in to the mailbox: the server's or
the system's reason, then what to check, against the real Dovecot; and configured folders
written with "/" between levels on a server that separates them with "." (Dovecot's
Maildir++), as [actions] move_to is written."""

from __future__ import annotations

import ssl

import pytest

from hoering.ingest.imap import ImapAuthError, ImapConnectionError, messages
from hoering.ingest.imap_connect import connect, connect_hint
from hoering.ingest.raw import FolderChecked, FolderFailed, RawMessage
from tests.ingest.test_imap import mail, settings_for, want_all
from tests.kit.dovecot import free_ports


def refusal(mailbox, **changes) -> str:
    with pytest.raises((ImapConnectionError, ImapAuthError)) as caught:
        connect(settings_for(mailbox, **changes))
    return str(caught.value)


def test_a_wrong_password_says_what_to_check_and_never_the_password(mailbox):
    text = refusal(mailbox, password="Forkert-Kodeord-77")

    assert text.endswith(
        "Authentication failed; check `username` and the password "
        "(`hoering doctor` says where it is read from)"
    )
    assert "Forkert-Kodeord-77" not in text


def test_an_untrusted_certificate_points_at_ca_file(mailbox):
    text = refusal(mailbox, security="ssl", port=mailbox.ssl_port, ca_file=None)

    assert "CERTIFICATE_VERIFY_FAILED" in text
    assert text.endswith("for a private CA set `ca_file` (PEM)")


def test_ssl_on_the_plain_port_suggests_starttls(mailbox):
    # port = 143 left with security = "ssl": the server greets in plain text.
    text = refusal(mailbox, security="ssl", port=mailbox.port, ca_file=mailbox.ca_file)

    assert text.endswith('use port 993, or security = "starttls"')


def test_a_closed_port_names_host_port_and_security(mailbox):
    [closed] = free_ports(1)

    text = refusal(mailbox, port=closed)

    assert text.endswith("check `host`, `port` and `security` (993 for ssl, 143 for starttls)")


def test_a_host_that_does_not_resolve_says_so(mailbox):
    # .invalid never resolves (RFC 6761).
    text = refusal(mailbox, host="imap.digst.invalid")

    assert text.endswith("check `host`: this machine cannot resolve the name")


def test_a_certificate_for_another_name_points_at_host():
    exc = ssl.SSLCertVerificationError(1, "certificate verify failed: Hostname mismatch")
    exc.verify_code = 62  # what OpenSSL sets for X509_V_ERR_HOSTNAME_MISMATCH

    assert connect_hint(exc).endswith("for another name: set `host` to the name in it")


def test_a_folder_written_with_slash_is_read_on_a_dot_separated_server(mailbox):
    # Dovecot's default Maildir++ layout separates levels with "." and refuses "/" in names.
    mailbox.append("Høring.Sendt videre", mail("OGP-høring svar"))

    items = list(messages(settings_for(mailbox, folders=("Høring/Sendt videre",)), {}, want_all))

    assert not [item for item in items if isinstance(item, FolderFailed)]
    [raw] = [item for item in items if isinstance(item, RawMessage)]
    assert raw.origin.folder == "Høring/Sendt videre"  # the cursor keeps the configured name
    assert [i.origin.folder for i in items if isinstance(i, FolderChecked)] == [
        "Høring/Sendt videre"
    ]


def test_a_folder_that_cannot_be_opened_points_at_doctor(mailbox):
    items = list(messages(settings_for(mailbox, folders=("Hoeringssvar",)), {}, want_all))

    [failed] = [item for item in items if isinstance(item, FolderFailed)]
    assert failed.error.endswith("(`hoering doctor` lists the folders the server has)")
