"""TNEF (winmail.dat, application/ms-tnef) from Outlook: body, then attachments as members."""

from __future__ import annotations

import struct

from tnefparse.tnef import TNEF

from hoering.parse.extracted import Extracted, ExtractionError, Member
from hoering.parse.rtf import extract_rtf_text
from hoering.parse.sniff import OLE_MAGIC, looks_like_bmp, ole_stream
from hoering.parse.text import decode_text, html_to_text, normalize_text

# IID_IStorage {0000000B-0000-0000-C000-000000000046}, as TNEF stores an OLE object.
_ISTORAGE = bytes.fromhex("0b00000000000000c000000000000046")
# What tnefparse raises on cut or corrupt streams and unknown code pages.
_DAMAGED = (ValueError, struct.error, IndexError, KeyError, LookupError, UnicodeError)


def extract_tnef_parts(data: bytes) -> Extracted:
    """The body (plain, else HTML, else RTF) as text; the attached files as members."""
    try:
        tnef = TNEF(data)
    except _DAMAGED as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in tnefparse)") from None
    members = tuple(
        _member(attachment.long_filename() or attachment.name, attachment.data)
        for attachment in tnef.attachments
        if isinstance(attachment.data, bytes) and attachment.data
    )
    return Extracted(normalize_text(_body(tnef)), "tnef", None, members)


def _member(name: str, data: bytes) -> Member:
    """An attached file as it is; an object pasted into an RTF mail ("Untitled Attachment":
    a picture, a Word document) is an OLE2 file after its interface id, and a picture is
    the bitmap in its CONTENTS stream."""
    if not (data.startswith(_ISTORAGE) and data[16:].startswith(OLE_MAGIC)):
        return Member(name, data)
    storage = data[16:]
    picture = ole_stream(storage, "CONTENTS")
    if picture is not None and looks_like_bmp(picture):
        return Member(f"{name}.bmp", picture)
    return Member(name, storage)


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
