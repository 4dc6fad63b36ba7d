"""Recognise mail a machine sent: auto-replies, bounces, read receipts, the account's own mail.

Pure: a parsed header block in, a reason (or None) out. The pipeline decides what to do with it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from email.message import Message

from hoering.parse.envelope import Envelope
from hoering.parse.headers import raw_header

# Subject prefixes mail clients and servers put on what they send by themselves, in Danish and
# English: Outlook/Exchange ("Automatisk svar:", "Automatic reply:", older "Fraværende:",
# "Out of Office:"), Danish webmail ("Autosvar:"), Exchange bounces ("Kan ikke leveres:",
# "Undeliverable:"), Postfix and Gmail bounces, Outlook read receipts ("Læst:", "Read:").
_MACHINE_SUBJECT = re.compile(
    r"^\s*(automatisk svar|autosvar|auto-svar|fraværende|ikke til stede|"
    r"automatic reply|auto-?reply|auto reply|out of office(?: autoreply)?|"
    r"kan ikke leveres|ikke leveret|undeliverable|undelivered mail returned to sender|"
    r"delivery status notification|mail delivery failed|returned mail|"
    r"læst|ulæst|read|not read)\s*:",
    re.IGNORECASE,
)
_MACHINE_SENDERS = ("mailer-daemon", "postmaster")


def automatic_reason(envelope: Envelope, own_addresses: Collection[str] = ()) -> str | None:
    """Why the message was sent by a machine and is no reply, or None for a person's mail.

    `own_addresses`: the polled accounts' own addresses (lower case); their mail is not a reply.
    """
    for rule in (_report, _auto_headers):
        reason = rule(envelope.headers)
        if reason:
            return reason
    _name, address = envelope.sender
    if address.partition("@")[0] in _MACHINE_SENDERS:
        return f"delivery status notification (from {address})"
    found = _MACHINE_SUBJECT.match(envelope.subject)
    if found:
        return f"automatic mail (subject starts {found.group(0).strip()!r})"
    if address and address in own_addresses:
        return f"sent from the polled account itself ({address})"
    return None


def sender_and_subject(envelope: Envelope) -> tuple[str, str]:
    """("Name <address>", decoded subject) of a message, for listing automatic mail."""
    name, address = envelope.sender
    sender = f"{name} <{address}>" if name and address else (address or name)
    return sender, envelope.subject


def _report(msg: Message) -> str | None:
    """RFC 6522 reports: bounces (delivery-status), read receipts (disposition-notification)."""
    if msg.get_content_type() != "multipart/report":
        return None
    kind = str(msg.get_param("report-type", "") or "").strip().lower()
    if kind == "delivery-status":
        return "delivery status notification (multipart/report; report-type=delivery-status)"
    if kind == "disposition-notification":
        return "read receipt (multipart/report; report-type=disposition-notification)"
    return f"automatic report (multipart/report; report-type={kind or 'none'})"


def _auto_headers(msg: Message) -> str | None:
    """RFC 3834 Auto-Submitted, and the older headers auto-responders still set."""
    submitted = _value(msg, "auto-submitted")
    if submitted and submitted.split(";")[0].strip().lower() != "no":
        return f"auto-reply (Auto-Submitted: {submitted})"
    for name in ("X-Autoreply", "X-Autorespond"):
        value = _value(msg, name)
        if value is not None and value.lower() != "no":
            return f"auto-reply ({name}: {value})"
    precedence = _value(msg, "precedence")
    if precedence and precedence.lower() == "auto_reply":
        return "auto-reply (Precedence: auto_reply)"
    return None


def _value(msg: Message, name: str) -> str | None:
    raw = raw_header(msg, name)
    return " ".join(raw.split())[:200] if raw is not None else None
