"""ingest.imap against a real Dovecot (tests/kit/dovecot.py); a few socket stubs for timeouts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import socket
import threading
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser

import pytest
from imapclient import IMAPClient

from hoering.ingest.imap import (
    ImapAuthError,
    ImapConnectionError,
    ImapSettings,
    _subject_block,
    account_id,
    connect,
    fetch_new,
    messages,
)
from hoering.ingest.raw import FolderChecked, FolderFailed, RawMessage, SkippedMessage
from tests.kit.dovecot import free_ports, make_certificate


def settings_for(mailbox, **changes) -> ImapSettings:
    """Plain IMAP to the test user's INBOX; override any field."""
    base = ImapSettings(
        host=mailbox.host,
        port=mailbox.port,
        security="plain",
        username=mailbox.username,
        password=mailbox.password,
        folders=("INBOX",),
        ca_file=None,
        timeout=5.0,
        batch_size=50,
    )
    return dataclasses.replace(base, **changes)


def mail(subject: str, body: str = "Tak for høringen.\n") -> bytes:
    """A small CRLF message; non-ASCII subjects come out RFC 2047-encoded, as mailers send them."""
    msg = EmailMessage()
    msg["From"] = "borger@example.dk"
    msg["To"] = "hoering@example.dk"
    msg["Subject"] = subject
    msg.set_content(body)
    return msg.as_bytes(policy=policy.SMTP)


def subject_contains(text: str):
    """A `wants` callback like the pipeline's: decode the Subject block, match a word."""

    def wants(block: bytes) -> bool:
        subject = BytesHeaderParser(policy=policy.default).parsebytes(block)["subject"]
        return text.lower() in str(subject or "").lower()

    return wants


def want_all(block: bytes) -> bool:
    return True


def poll(mailbox, cursors=None, wants=want_all, **changes) -> list[RawMessage | SkippedMessage]:
    """The messages yielded, without the FolderChecked markers."""
    items = messages(settings_for(mailbox, **changes), cursors or {}, wants)
    return [item for item in items if not isinstance(item, FolderChecked)]


def folder_checks(mailbox, cursors=None, **changes) -> list[tuple[str, int, int]]:
    items = messages(settings_for(mailbox, **changes), cursors or {}, want_all)
    return [
        (i.origin.folder, i.origin.uidvalidity, i.origin.uid)
        for i in items
        if isinstance(i, FolderChecked)
    ]


_BOOKKEEPING = re.compile(rb"^(X-IMAPbase|X-UID|Status|X-Status|X-Keywords):[^\n]*\n", re.M | re.I)


def without_mbox_bookkeeping(data: bytes) -> bytes:
    """The bytes as appended: imap4d (mbox) shows its X-IMAPbase and X-UID headers in BODY[]."""
    return _BOOKKEEPING.sub(b"", data)


def uids(items) -> list[int]:
    return [item.origin.uid for item in items]


# --- connecting -------------------------------------------------------------------------


def test_plain_connection_yields_the_appended_bytes_and_origin(any_mailbox):
    raw = mail("Høringssvar fra Aarhus")
    when = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    uid = any_mailbox.append("INBOX", raw, internal_date=when)

    [item] = poll(any_mailbox)

    assert isinstance(item, RawMessage)
    assert without_mbox_bookkeeping(item.data) == raw
    assert item.origin.account == account_id(settings_for(any_mailbox))
    assert item.origin.folder == "INBOX"
    assert item.origin.uidvalidity == any_mailbox.uidvalidity("INBOX")
    assert item.origin.uid == uid


def test_internal_date_is_timezone_aware(mailbox):
    when = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    mailbox.append("INBOX", mail("Svar"), internal_date=when)

    [item] = poll(mailbox)

    # Dovecot's Maildir keeps the instant (as file mtime), not the offset it was given.
    assert item.origin.internal_date.tzinfo is not None
    assert item.origin.internal_date == when


def test_ssl_with_the_servers_ca_file_verifies(mailbox):
    mailbox.append("INBOX", mail("Svar"))

    items = poll(mailbox, security="ssl", port=mailbox.ssl_port, ca_file=mailbox.ca_file)

    assert len(items) == 1


def test_starttls_on_the_plain_port_verifies(mailbox):
    mailbox.append("INBOX", mail("Svar"))

    items = poll(mailbox, security="starttls", ca_file=mailbox.ca_file)

    assert len(items) == 1


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_certificate_from_another_ca_is_rejected(mailbox, tmp_path, security):
    other_ca, _, _ = make_certificate(tmp_path, "other")
    port = mailbox.ssl_port if security == "ssl" else mailbox.port
    settings = settings_for(mailbox, security=security, port=port, ca_file=str(other_ca))

    with pytest.raises(ImapConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        connect(settings)


def test_self_signed_server_is_rejected_without_ca_file(mailbox):
    settings = settings_for(mailbox, security="ssl", port=mailbox.ssl_port, ca_file=None)

    with pytest.raises(ImapConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        connect(settings)


def test_wrong_password_raises_auth_error_without_the_password(mailbox):
    settings = settings_for(mailbox, password="forkert-kodeord-1234")

    with pytest.raises(ImapAuthError) as caught:
        connect(settings)

    assert mailbox.username in str(caught.value)
    assert "forkert-kodeord-1234" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_password_never_reaches_repr_or_logs(mailbox, caplog):
    caplog.set_level(logging.DEBUG)  # imapclient logs every IMAP command at DEBUG
    mailbox.append("INBOX", mail("Svar"))
    settings = settings_for(mailbox)

    list(messages(settings, {}, want_all))

    assert "LOGIN" in caplog.text  # the command was logged, redacted
    assert mailbox.password not in caplog.text
    assert mailbox.password not in repr(settings)


def test_closed_port_raises_connection_error(mailbox):
    [port] = free_ports(1)

    with pytest.raises(ImapConnectionError, match="refused"):
        connect(settings_for(mailbox, port=port))


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """A port whose kernel completes the TCP handshake but nothing ever speaks IMAP."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server.getsockname()[1]


def test_server_that_never_greets_times_out_as_connection_error(mailbox, silent_listener):
    with pytest.raises(ImapConnectionError, match="timed out"):
        connect(settings_for(mailbox, port=silent_listener, timeout=0.3))


@pytest.fixture
def greets_then_hangs() -> Iterator[int]:
    """A server that greets, then never answers LOGIN."""
    server = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"* OK [CAPABILITY IMAP4rev1] ready\r\n")
            done.wait(5)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    done.set()
    thread.join()
    server.close()


def test_timeout_during_login_is_a_connection_error_not_an_auth_error(mailbox, greets_then_hangs):
    with pytest.raises(ImapConnectionError, match="timed out"):
        connect(settings_for(mailbox, port=greets_then_hangs, timeout=0.3))


def test_a_missing_folder_is_reported_and_the_next_is_read(mailbox):
    mailbox.append("INBOX", mail("Svar"))
    items = list(messages(settings_for(mailbox, folders=("Arkiv", "INBOX")), {}, want_all))
    failed = [item for item in items if isinstance(item, FolderFailed)]
    assert [(f.folder, f.error.startswith("cannot open IMAP folder 'Arkiv'")) for f in failed] == [
        ("Arkiv", True)
    ]
    assert [i.origin.folder for i in items if isinstance(i, RawMessage)] == ["INBOX"]


# --- cursors ------------------------------------------------------------------------------


def test_cursor_returns_only_messages_appended_since(any_mailbox):
    for n in range(3):
        any_mailbox.append("INBOX", mail(f"Svar {n}"))
    first = poll(any_mailbox)
    last = first[-1].origin
    new = [any_mailbox.append("INBOX", mail(f"Svar {n}")) for n in (3, 4)]

    second = poll(any_mailbox, {"INBOX": (last.uidvalidity, last.uid)})

    assert uids(first) == [1, 2, 3]
    assert uids(second) == new == [4, 5]


def test_cursor_at_or_past_the_end_returns_nothing(mailbox):
    for n in range(3):
        mailbox.append("INBOX", mail(f"Svar {n}"))
    uidvalidity = mailbox.uidvalidity("INBOX")
    client = mailbox.client()
    client.select_folder("INBOX", readonly=True)
    # The quirk being guarded: "UID SEARCH UID 4:*" matches the last message (UID 3) anyway.
    assert client.search(["UID", "4:*"]) == [3]

    assert poll(mailbox, {"INBOX": (uidvalidity, 3)}) == []
    assert poll(mailbox, {"INBOX": (uidvalidity, 10)}) == []


def test_cursor_past_the_end_returns_nothing_on_every_server(any_mailbox):
    for n in range(3):
        any_mailbox.append("INBOX", mail(f"Svar {n}"))
    uidvalidity = any_mailbox.uidvalidity("INBOX")

    assert poll(any_mailbox, {"INBOX": (uidvalidity, 3)}) == []
    assert poll(any_mailbox, {"INBOX": (uidvalidity, 10)}) == []


def test_imap4d_answers_uid_search_star_with_nothing_yet_the_first_poll_sees_all(imap4d_mailbox):
    # GNU Mailutils imap4d 3.15: "UID SEARCH UID 1:*" is OK with an empty list for a full folder.
    for n in range(3):
        imap4d_mailbox.append("INBOX", mail(f"Svar {n}"))
    client = imap4d_mailbox.client()
    client.select_folder("INBOX", readonly=True)
    assert client.search(["UID", "1:*"]) == []
    client.unselect_folder()

    assert uids(poll(imap4d_mailbox)) == [1, 2, 3]


def test_a_listing_that_misses_announced_mail_falls_back_and_warns(
    any_mailbox, monkeypatch, caplog
):
    for n in range(3):
        any_mailbox.append("INBOX", mail(f"Svar {n}"))
    first = poll(any_mailbox)
    any_mailbox.append("INBOX", mail("Svar 3"))
    original = IMAPClient.search

    def broken_range(self, criteria="ALL", charset=None):
        # As imap4d does for "1:*", here for the explicit range hoering sends.
        if criteria[0] == "UID":
            return []
        return original(self, criteria, charset)

    monkeypatch.setattr(IMAPClient, "search", broken_range)
    cursor = {"INBOX": (first[-1].origin.uidvalidity, first[-1].origin.uid)}
    with caplog.at_level(logging.WARNING, logger="hoering.ingest.imap"):
        items = poll(any_mailbox, cursor)

    assert uids(items) == [4]
    assert "listed no message after UID 3" in caplog.text
    assert "hoering doctor" in caplog.text


def test_nothing_is_said_when_the_mail_past_the_cursor_was_expunged(mailbox, caplog):
    for n in range(3):
        mailbox.append("INBOX", mail(f"Svar {n}"))
    mailbox.expunge("INBOX", 3)
    cursor = {"INBOX": (mailbox.uidvalidity("INBOX"), 2)}

    with caplog.at_level(logging.WARNING, logger="hoering.ingest.imap"):
        assert poll(mailbox, cursor) == []

    assert caplog.text == ""


def test_changed_uidvalidity_rescans_the_folder_and_warns(mailbox, caplog):
    mailbox.append("Høringssvar", mail("Gammelt svar"))
    mailbox.append("Høringssvar", mail("Gammelt svar"))
    old_cursor = (mailbox.uidvalidity("Høringssvar"), 2)
    new_uidvalidity = mailbox.recreate_folder("Høringssvar")
    mailbox.append("Høringssvar", mail("Nyt svar"))

    with caplog.at_level(logging.WARNING, logger="hoering.ingest.imap"):
        items = poll(mailbox, {"Høringssvar": old_cursor}, folders=("Høringssvar",))

    assert [(i.origin.uidvalidity, i.origin.uid) for i in items] == [(new_uidvalidity, 1)]
    assert "UIDVALIDITY" in caplog.text


# --- what is fetched ------------------------------------------------------------------------


@pytest.fixture
def fetch_log(monkeypatch) -> Iterator[list[tuple[list[int], list[str]]]]:
    """Record every FETCH the code under test sends, by wrapping IMAPClient.fetch."""
    from imapclient import IMAPClient

    calls: list[tuple[list[int], list[str]]] = []
    original = IMAPClient.fetch

    def recording(self, msgs, data, modifiers=None):
        calls.append((list(msgs), list(data)))
        return original(self, msgs, data, modifiers)

    monkeypatch.setattr(IMAPClient, "fetch", recording)
    return calls


def test_only_wanted_messages_have_their_bodies_fetched(any_mailbox, fetch_log):
    any_mailbox.append("INBOX", mail("Høringssvar: lov om skove"))
    any_mailbox.append("INBOX", mail("Nyhedsbrev uge 12"))
    any_mailbox.append("INBOX", mail("SV: Høringssvar"))

    items = poll(any_mailbox, wants=subject_contains("høringssvar"))

    assert [type(i) for i in items] == [RawMessage, SkippedMessage, RawMessage]
    assert items[1].subject == "Nyhedsbrev uge 12"
    body_fetches = [msgs for msgs, data in fetch_log if "BODY.PEEK[]" in data]
    assert body_fetches == [[1, 3]]
    assert all("BODY[]" not in data and "RFC822" not in data for _, data in fetch_log)


def test_polling_does_not_set_seen(any_mailbox):
    uid = any_mailbox.append("INBOX", mail("Høringssvar"))

    poll(any_mailbox)

    assert b"\\Seen" not in any_mailbox.flags("INBOX", uid)


def test_batches_cover_every_message_in_uid_order(any_mailbox, fetch_log):
    for n in range(5):
        any_mailbox.append("INBOX", mail(f"Svar {n}"))

    items = poll(any_mailbox, batch_size=2)

    assert uids(items) == [1, 2, 3, 4, 5]
    assert [msgs for msgs, _ in fetch_log] == [[1, 2], [1, 2], [3, 4], [3, 4], [5], [5]]


def test_folders_with_non_ascii_letters_and_spaces(mailbox):
    # Danish folder names travel as IMAP modified UTF-7 ("H&APg-ringssvar"); imapclient converts.
    folders = ("INBOX", "Høringssvar", "Svar fra borgere")
    for folder in folders:
        mailbox.append(folder, mail(f"Svar i {folder}"))

    items = poll(mailbox, folders=folders)

    assert [i.origin.folder for i in items] == list(folders)
    assert [i.origin.uid for i in items] == [1, 1, 1]


def test_message_expunged_before_its_body_is_fetched_is_skipped(mailbox, caplog):
    mailbox.append("INBOX", mail("Svar 1"))
    doomed = mailbox.append("INBOX", mail("Trukket tilbage"))
    mailbox.append("INBOX", mail("Svar 3"))
    settings = settings_for(mailbox)

    def wants(block: bytes) -> bool:
        if b"Trukket" in block:  # another client expunges it while we decide
            mailbox.expunge("INBOX", doomed)
        return True

    with caplog.at_level(logging.INFO, logger="hoering.ingest.imap"), connect(settings) as client:
        items = list(fetch_new(client, "acct", "INBOX", None, wants, batch_size=10))

    assert uids(items) == [1, 3, 3]  # the last is the FolderChecked marker
    assert isinstance(items[-1], FolderChecked)
    assert f"UID {doomed} vanished" in caplog.text


def test_each_folder_ends_with_a_check_carrying_the_highest_uid(mailbox):
    mailbox.append("INBOX", mail("Svar 1"))
    mailbox.append("INBOX", mail("Svar 2"))
    mailbox.client().create_folder("Tom")
    checks = folder_checks(mailbox, folders=("INBOX", "Tom"))
    assert checks == [
        ("INBOX", mailbox.uidvalidity("INBOX"), 2),
        ("Tom", mailbox.uidvalidity("Tom"), 0),
    ]


def test_emptied_folder_after_uidvalidity_change_reports_the_new_uidvalidity(mailbox):
    # Without this the cursor would keep the old UIDVALIDITY and warn on every poll.
    mailbox.append("Svar", mail("Svar 1"))
    old = (mailbox.uidvalidity("Svar"), 1)
    new_uidvalidity = mailbox.recreate_folder("Svar")
    checks = folder_checks(mailbox, {"Svar": old}, folders=("Svar",))
    assert checks == [("Svar", new_uidvalidity, 0)]


def test_check_keeps_the_cursor_when_nothing_is_new(any_mailbox):
    any_mailbox.append("INBOX", mail("Svar 1"))
    cursor = (any_mailbox.uidvalidity("INBOX"), 5)
    assert folder_checks(any_mailbox, {"INBOX": cursor}) == [("INBOX", cursor[0], 5)]


# --- small pure pieces -----------------------------------------------------------------------


def test_subject_block_found_when_server_quotes_the_field_name():
    # Some servers echo BODY[HEADER.FIELDS ("SUBJECT")] (node-imap #150, ESP-Mail-Client #10).
    item = {b"SEQ": 1, b'BODY[HEADER.FIELDS ("SUBJECT")]': b"Subject: x\r\n\r\n"}

    assert _subject_block(item) == b"Subject: x\r\n\r\n"


@pytest.mark.parametrize(
    ("username", "host", "expected"),
    [
        ("hoering", "IMAP.Example.dk", "hoering@imap.example.dk"),
        ("hoering@mst.dk", "outlook.office365.com", "hoering@mst.dk/outlook.office365.com"),
    ],
)
def test_account_id_is_readable_and_ignores_port_and_security(username, host, expected):
    settings = ImapSettings(host, 993, "ssl", username, "x")

    assert account_id(settings) == expected
    assert account_id(dataclasses.replace(settings, port=143, security="starttls")) == expected


def test_settings_reject_unknown_security():
    with pytest.raises(ValueError, match="security"):
        ImapSettings("h", 993, "tls", "u", "p")  # type: ignore[arg-type]
