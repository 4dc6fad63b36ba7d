"""What makes two copies one message: its Message-ID and what its sender wrote.

Pure: a parsed header block and the body bytes in, an Identity out. Transport and server
headers (Received, Delivered-To, Return-Path, DKIM/ARC signatures, spam scores, the
X-UID/X-IMAPbase/Status lines mbox servers such as GNU Mailutils imap4d show) differ between
copies of one mail and are left out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from hoering.parse.envelope import Envelope, read_envelope
from hoering.parse.headers import parse_date
from hoering.parse.subject import decode_subject

KEY_PREFIX = "id:"  # raw_messages.dedup_key of this scheme; older keys were "mid:"/"sha256:"


@dataclass(frozen=True)
class Identity:
    """Message-ID (None if absent) and the digest that makes a copy the same message."""

    message_id: str | None
    content_sha256: str  # From, Date, Subject and body, normalised
    key: str  # "id:" + sha256 of Message-ID and content_sha256: raw_messages.dedup_key


def message_identity(data: bytes, envelope: Envelope | None = None) -> Identity:
    """The identity of one message's bytes; never raises. `envelope`: their headers, when
    the caller has read them already."""
    envelope = envelope or read_envelope(data)
    message_id = message_id_of(envelope.header("message-id"))
    fields = [
        _collapse(decode_subject(envelope.header("from") or "")),
        _date(envelope.header("date")),
        _collapse(envelope.subject),
    ]
    body = envelope.body
    if message_id is None and not any(fields):
        body = data  # no header worth the name (garbage, a fragment): all bytes decide
    fields.append(_body(body))
    content = hashlib.sha256(json.dumps(fields).encode("utf-8", "surrogatepass")).hexdigest()
    both = json.dumps([message_id or "", content]).encode("utf-8", "surrogatepass")
    return Identity(message_id, content, KEY_PREFIX + hashlib.sha256(both).hexdigest())


def message_id_of(raw: str | None) -> str | None:
    """The Message-ID without angle brackets, as proposals show it; None if empty."""
    value = decode_subject(raw or "").strip("<> \t")
    return value or None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _date(raw: str | None) -> str:
    """The instant, so a relay that rewrites the format does not make another message."""
    parsed = parse_date(raw)
    return parsed.astimezone(UTC).isoformat() if parsed is not None else _collapse(raw or "")


def _body(body: bytes) -> str:
    """Body bytes with line ends, trailing blanks and trailing empty lines normalised (mbox
    and Maildir servers store LF, IMAP gives CRLF; some relays strip trailing spaces)."""
    lines = [line.rstrip(b" \t\r") for line in body.split(b"\n")]
    while lines and not lines[-1]:
        lines.pop()
    return hashlib.sha256(b"\n".join(lines)).hexdigest()
