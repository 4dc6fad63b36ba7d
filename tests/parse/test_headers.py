"""Header helpers: subject from an IMAP header block, addresses, dates, Received."""

from __future__ import annotations

import base64
import email
import time
from datetime import UTC, datetime, timedelta, timezone

from hoering.parse.headers import (
    header_block,
    parse_address,
    parse_date,
    received_date,
    split_header_block,
    subject_from_header_block,
)


def test_header_block_subject_is_decoded() -> None:
    block = b"Subject: SV: =?iso-8859-1?Q?OGP-h=F8ring?=\r\n\r\n"
    assert subject_from_header_block(block) == "SV: OGP-høring"


def test_header_block_folded_subject_is_unfolded() -> None:
    block = b"Subject: =?utf-8?Q?OGP-h=C3=B8ring?=\r\n =?utf-8?Q?_om_=C3=A5bne_data?=\r\n\r\n"
    assert subject_from_header_block(block) == "OGP-høring om åbne data"


def test_header_block_raw_latin1_subject() -> None:
    # Outlook 2000 sends unencoded Latin-1 (corpus zbateson_m0001); servers return it as is.
    assert subject_from_header_block(b"Subject: OGP-h\xf8ring\r\n\r\n") == "OGP-høring"


def test_header_block_header_name_is_case_insensitive() -> None:
    assert subject_from_header_block(b"SUBJECT: OGP-h\xc3\xb8ring\r\n\r\n") == "OGP-høring"


def test_header_block_without_subject_gives_empty_string() -> None:
    # Servers answer a message without Subject with just the blank line.
    assert subject_from_header_block(b"\r\n") == ""


def test_header_block_with_bare_lf_line_ends() -> None:
    assert subject_from_header_block(b"Subject: OGP\n  -h\xc3\xb8ring\n\n") == "OGP -høring"


def test_address_with_plain_name() -> None:
    assert parse_address("Mette Lund <Mette.Lund@Borgernet.Example>") == (
        "Mette Lund",
        "mette.lund@borgernet.example",
    )


def test_address_with_quoted_name_containing_comma() -> None:
    assert parse_address('"Hansen, Jens" <jens@example.dk>') == ("Hansen, Jens", "jens@example.dk")


def test_address_with_encoded_latin1_name() -> None:
    value = "=?iso-8859-1?Q?S=F8ren_=C6r=F8?= <soren@example.dk>"
    assert parse_address(value) == ("Søren Ærø", "soren@example.dk")


def test_address_with_encoded_word_inside_quotes() -> None:
    # Quoted encoded words, which RFC 2047 forbids (corpus mikel_invalid_subject_characters).
    value = '"=?Windows-1252?Q?S=F8ren_=C6r=F8?=" <soren@example.dk>'
    assert parse_address(value) == ("Søren Ærø", "soren@example.dk")


def test_address_whole_mailbox_in_one_encoded_word() -> None:
    # A broken mailer encodes "Name <address>" as ONE encoded word; the address hides inside.
    word = base64.b64encode("Søren Ærø <Soren@Example.dk>".encode()).decode()
    assert parse_address(f"=?utf-8?B?{word}?=") == ("Søren Ærø", "soren@example.dk")


def test_address_with_raw_latin1_name() -> None:
    # Outlook 2000-style unencoded Latin-1 in From, kept by compat32 as surrogate escapes.
    value = b"S\xf8ren \xc6r\xf8 <soren@example.dk>".decode("ascii", "surrogateescape")
    assert parse_address(value) == ("Søren Ærø", "soren@example.dk")


def test_address_with_a_utf8_word_beside_raw_latin1_ones() -> None:
    # A forwarding service writes its own UTF-8 words around a Latin-1 mailer's name; read
    # as a whole in one charset, one of the two comes out garbled.
    value = b"S\xf8ren \xc6r\xf8 via H\xc3\xb8ringsportalen <soren@example.dk>"
    name = parse_address(value.decode("ascii", "surrogateescape"))[0]
    assert name == "Søren Ærø via Høringsportalen"


def test_address_without_name() -> None:
    assert parse_address("<soren@example.dk>") == ("", "soren@example.dk")


def test_address_with_name_in_comment() -> None:
    assert parse_address("soren@example.dk (Søren Ærø)") == ("Søren Ærø", "soren@example.dk")


def test_empty_address() -> None:
    assert parse_address("") == ("", "")


def test_date_with_offset_is_aware() -> None:
    parsed = parse_date("Thu, 10 Aug 2017 10:15:00 +0200")
    assert parsed == datetime(2017, 8, 10, 8, 15, tzinfo=UTC)
    assert parsed.utcoffset() is not None


def test_date_with_comment_after_zone() -> None:
    assert parse_date("Thu, 10 Aug 2017 10:15:00 +0200 (CEST)") == datetime(
        2017, 8, 10, 10, 15, tzinfo=timezone(timedelta(hours=2))
    )


def test_date_minus_zero_zone_is_utc_not_naive() -> None:
    # RFC 5322 "-0000" (unknown local zone); the stdlib returns it naive.
    assert parse_date("10 Aug 2017 10:15:00 -0000") == datetime(2017, 8, 10, 10, 15, tzinfo=UTC)


def test_date_without_zone_is_taken_as_utc() -> None:
    assert parse_date("10 Aug 2017 10:15") == datetime(2017, 8, 10, 10, 15, tzinfo=UTC)


def test_date_with_colon_in_offset() -> None:
    # Corpus os2ds_weird-url.eml: "+02:00", which both parsers would read as UTC.
    assert parse_date("Wed, 25 Jan 2023 14:07:00 +02:00") == datetime(
        2023, 1, 25, 12, 7, tzinfo=UTC
    )


def test_unreadable_date_is_none() -> None:
    assert parse_date("i morgen") is None


def test_missing_date_is_none() -> None:
    assert parse_date(None) is None


def _message(headers: bytes) -> email.message.Message:
    return email.message_from_bytes(headers + b"\r\nbody\r\n")


def test_received_date_from_topmost_header() -> None:
    msg = _message(
        b"Received: from mx.example.dk by imap.digst.dk; Thu, 10 Aug 2017 10:16:00 +0200\r\n"
        b"Received: from a.example by mx.example.dk; Thu, 10 Aug 2017 10:15:30 +0200\r\n"
    )
    assert received_date(msg) == datetime(2017, 8, 10, 8, 16, tzinfo=UTC)


def test_received_date_uses_text_after_last_semicolon() -> None:
    # A Received header may hold several semicolons; the date follows the last one.
    msg = _message(
        b"Received: from a (a [10.0.0.1]) by b with ESMTPS id 1;\r\n"
        b"\t for <rumth@digst.dk>; Thu, 10 Aug 2017 10:16:00 +0000 (UTC)\r\n"
    )
    assert received_date(msg) == datetime(2017, 8, 10, 10, 16, tzinfo=UTC)


def test_received_date_missing_header_is_none() -> None:
    assert received_date(_message(b"Subject: x\r\n")) is None


def test_received_date_without_semicolon_is_none() -> None:
    assert received_date(_message(b"Received: from a by b\r\n")) is None


def test_nul_bytes_in_from_leave_name_and_address_readable() -> None:
    # A web form's mailer that pads fields with NUL (seen in the wild; PostgreSQL refuses
    # NUL in text): the address scanner stopped at the first NUL and found nothing.
    assert parse_address("Søren\x00 Ærø <soren\x00@example.dk>") == (
        "Søren Ærø",
        "soren@example.dk",
    )


def test_a_display_name_is_cut_at_500_characters() -> None:
    name, address = parse_address(f'"{"a" * 100_000}" <lang@example.dk>')
    assert len(name) == 500 and address == "lang@example.dk"


def test_a_date_of_many_spaces_is_read_in_linear_time() -> None:
    # A hang guard: the zone pattern took 50 s on 3,000 spaces, growing with the cube.
    started = time.process_time()
    assert parse_date(" " * 30_000 + "x") is None
    assert parse_date("Mon, 1 Jan 2017 10:00:00" + " " * 30_000 + "+0200") is not None
    assert time.process_time() - started < 2


def test_the_header_block_ends_at_the_first_empty_line_whatever_its_line_ending() -> None:
    # Headers in LF, a body in CRLF: the old split preferred CRLF and took the body's first
    # paragraph as headers too.
    data = b"Subject: OGP-h\xc3\xb8ring\n\nFirst paragraph.\r\n\r\nSecond.\r\n"
    assert header_block(data) == b"Subject: OGP-h\xc3\xb8ring\n\n"
    assert split_header_block(data)[1] == b"First paragraph.\r\n\r\nSecond.\r\n"
    assert header_block(b"Subject: no body\r\n") == b"Subject: no body\r\n"
