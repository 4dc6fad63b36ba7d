"""Outlook .msg files (extract-msg): header lines and body, then the attachments as members."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import extract_msg
from extract_msg.enums import AttachmentType, ErrorBehavior
from extract_msg.exceptions import ExMsgBaseException

from hoering.parse.extracted import Extracted, ExtractionError, Member
from hoering.parse.rtf import extract_rtf_text
from hoering.parse.text import decode_text, html_to_text, normalize_text

# Read what can be read: a broken attachment or a standards violation must not cost the
# body and the other attachments.
_TOLERANT = (
    ErrorBehavior.ATTACH_NOT_IMPLEMENTED
    | ErrorBehavior.ATTACH_BROKEN
    | ErrorBehavior.RTFDE_MALFORMED
    | ErrorBehavior.RTFDE_UNKNOWN_ERROR
    | ErrorBehavior.STANDARDS_VIOLATION
    | ErrorBehavior.OLE_DEFECT_INCORRECT
    | ErrorBehavior.NAMED_NAME_STREAM
)
# What extract-msg raises on damaged streams, besides its own exceptions.
_UNREADABLE = (ExMsgBaseException, OSError, ValueError, KeyError, TypeError, UnicodeError)


def extract_msg_parts(data: bytes) -> Extracted:
    """Sender, date, subject and body as text; attachments (embedded .msg too) as members."""
    msg = _open(data)
    try:
        text = "\n\n".join(filter(None, [_header_block(msg), _body(msg)]))
        members, unread = _members(msg)
    finally:
        msg.close()
    error = f"{unread} attachment(s) unreadable" if unread else None
    return Extracted(normalize_text(text), "msg", error, tuple(members))


def _open(data: bytes) -> Any:
    try:
        return extract_msg.openMsg(data, errorBehavior=_TOLERANT, delayAttachments=True)
    except _UNREADABLE as exc:
        raise ExtractionError(f"not a readable Outlook message ({type(exc).__name__})") from None


def _header_block(msg: Any) -> str:
    """Fra/Dato/Emne lines, as for forwarded mails."""
    lines = []
    for label, name in (("Fra", "sender"), ("Dato", "date"), ("Emne", "subject")):
        value = _property(msg, name)
        if isinstance(value, datetime):
            value = value.isoformat(" ", "minutes")
        if value:
            lines.append(f"{label}: {' '.join(str(value).split())}")
    return "\n".join(lines)


def _body(msg: Any) -> str:
    """The plain-text body, else the HTML one as text, else the RTF one."""
    plain = _property(msg, "body")
    if isinstance(plain, str) and plain.strip():
        return plain
    html = _property(msg, "htmlBody")
    if isinstance(html, bytes) and html.strip():
        return html_to_text(decode_text(html, None)[0])
    rtf = _property(msg, "rtfBody")
    if isinstance(rtf, bytes) and rtf.strip():
        try:
            return extract_rtf_text(rtf)
        except ExtractionError:
            return ""
    return ""


def _property(msg: Any, name: str) -> Any:
    """One property; None when the stream holding it is damaged."""
    try:
        return getattr(msg, name, None)
    except _UNREADABLE:
        return None


def _members(msg: Any) -> tuple[list[Member], int]:
    """The attachments' bytes (embedded messages exported as .msg), and how many failed."""
    members: list[Member] = []
    unread = 0
    for attachment in _property(msg, "attachments") or []:
        try:
            member = _member(attachment)
        except _UNREADABLE:
            member = None
        if member is None:
            unread += 1
        else:
            members.append(member)
    return members, unread


def _member(attachment: Any) -> Member | None:
    name = attachment.longFilename or attachment.shortFilename or attachment.displayName or ""
    if attachment.type == AttachmentType.MSG:
        # An embedded message: its own .msg bytes go through extraction again.
        inner = attachment.data
        return Member(_with_suffix(name or inner.subject or "besked", ".msg"), inner.exportBytes())
    data = attachment.data
    if not isinstance(data, bytes):
        return None
    return Member(name, data, attachment.mimetype or "application/octet-stream")


def _with_suffix(name: str, suffix: str) -> str:
    return name if name.lower().endswith(suffix) else name + suffix
