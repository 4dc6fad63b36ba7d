"""parse.identity: one message however it was transported; two messages however alike."""

from __future__ import annotations

from hoering.parse.identity import message_identity
from tests.kit.mails import make_mail

REPLY = make_mail(message_id="<svar-1@borgernet.example>")


def transported(data: bytes, *headers: str) -> bytes:
    """`data` with transport headers in front, as a relay or the final server adds them."""
    return "".join(f"{h}\r\n" for h in headers).encode() + data


def test_transport_headers_do_not_change_the_identity() -> None:
    # Postfix adds Received and Delivered-To, Dovecot's LDA Return-Path, Gmail ARC/DKIM and
    # SpamAssassin its scores; one copy in INBOX and one in a subfolder differ only there.
    copy = transported(
        REPLY,
        "Return-Path: <soren@borgernet.example>",
        "Delivered-To: rumth@digst.dk",
        "Received: from mx.borgernet.example by mx.digst.dk; Thu, 10 Aug 2017 10:15:02 +0200",
        "ARC-Seal: i=1; a=rsa-sha256; t=1502352902; cv=none; d=google.com; s=arc-20160816;",
        "DKIM-Signature: v=1; a=rsa-sha256; d=borgernet.example; s=mail; b=abc",
        "X-Spam-Score: -0.1",
        "X-Spam-Status: No, score=-0.1",
    )
    assert message_identity(copy).key == message_identity(REPLY).key


def test_mbox_bookkeeping_and_line_ends_do_not_change_the_identity() -> None:
    # GNU Mailutils imap4d shows X-IMAPbase/X-UID; mbox and Maildir files hold LF line ends.
    head, body = REPLY.split(b"\r\n\r\n", 1)
    copy = head + b"\r\nX-IMAPbase: 1796296296 3\r\nX-UID: 7\r\nStatus: RO\r\n\r\n" + body
    assert message_identity(copy.replace(b"\r\n", b"\n")).key == message_identity(REPLY).key


def test_a_rewritten_date_format_is_the_same_instant() -> None:
    one = REPLY.replace(b"Thu, 10 Aug 2017 10:15:00 +0200", b"Thu, 10 Aug 2017 08:15:00 +0000")
    assert one != REPLY
    assert message_identity(one).key == message_identity(REPLY).key


def test_same_message_id_with_another_body_is_another_message() -> None:
    # Broken mailers and web forms reuse one Message-ID for every mail they send.
    other = make_mail(message_id="<svar-1@borgernet.example>", body="Et helt andet forslag.\n")
    mine, theirs = message_identity(REPLY), message_identity(other)
    assert mine.message_id == theirs.message_id == "svar-1@borgernet.example"
    assert mine.key != theirs.key


def test_same_message_id_from_another_sender_is_another_message() -> None:
    other = make_mail(message_id="<svar-1@borgernet.example>", sender="Anna <anna@example.dk>")
    assert message_identity(other).key != message_identity(REPLY).key


def test_same_content_with_another_message_id_is_another_message() -> None:
    # Sent twice on purpose: two sends, two proposals (duplicates analysis groups them).
    other = make_mail(message_id="<svar-2@borgernet.example>")
    assert message_identity(other).key != message_identity(REPLY).key


def test_without_message_id_the_content_alone_decides() -> None:
    bare = make_mail(message_id=None)
    copy = transported(bare, "Received: from a by b; Thu, 10 Aug 2017 10:15:02 +0200")
    assert message_identity(bare).message_id is None
    assert message_identity(copy).key == message_identity(bare).key
    assert message_identity(make_mail(message_id=None, body="Andet\n")).key != (
        message_identity(bare).key
    )


def test_garbage_gets_an_identity_too() -> None:
    assert message_identity(b"").key.startswith("id:")
    assert message_identity(b"\xff\xfe no header at all").key != message_identity(b"").key
