"""TNEF (winmail.dat, application/ms-tnef) from Outlook: body, then attachments as members."""

from __future__ import annotations

import struct

from tnefparse.tnef import TNEF

from hoering.parse.extracted import Extracted, ExtractionError, Member
from hoering.parse.rtf import extract_rtf_text
from hoering.parse.text import decode_text, html_to_text, normalize_text

# What tnefparse raises on cut or corrupt streams and unknown code pages.
_DAMAGED = (ValueError, struct.error, IndexError, KeyError, LookupError, UnicodeError)


def extract_tnef_parts(data: bytes) -> Extracted:
    """The body (plain, else HTML, else RTF) as text; the attached files as members."""
    try:
        tnef = TNEF(data)
    except _DAMAGED as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in tnefparse)") from None
    members = tuple(
        Member(attachment.long_filename() or attachment.name, attachment.data)
        for attachment in tnef.attachments
        if isinstance(attachment.data, bytes) and attachment.data
    )
    return Extracted(normalize_text(_body(tnef)), "tnef", None, members)


def _body(tnef: TNEF) -> str:
    if tnef.body:
        return _text(tnef.body)
    if tnef.htmlbody:
        return html_to_text(_text(tnef.htmlbody))
    try:
        rtf = tnef.rtfbody
    except _DAMAGED:  # compressed RTF that does not decompress
        return ""
    if not rtf:
        return ""
    try:
        return extract_rtf_text(rtf)
    except ExtractionError:
        return ""


def _text(value: str | bytes) -> str:
    if isinstance(value, bytes):
        return decode_text(value.rstrip(b"\0"), None)[0]
    return value.rstrip("\0")
