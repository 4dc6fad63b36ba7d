"""Text of a Word altChunk: a file imported whole into a .docx ("Insert > Text from File",
docx4j and OpenXML SDK document generators). Word converts it when it opens the file; a
reader of the package must do the same or the text is missing."""

from __future__ import annotations

import email
import re
from email.message import Message

from hoering.parse.extracted import ExtractionError
from hoering.parse.rtf import extract_rtf_text
from hoering.parse.text import decode_text, html_to_text

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML = ("text/html", "application/xhtml+xml")
_RTF = ("application/rtf", "text/rtf")
_MHT = ("message/rfc822", "multipart/related")


def chunk_text(content_type: str, blob: bytes) -> str:
    """The chunk's text by its content type; "" for kinds that are not text (or damaged)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in _HTML:
        return _html(blob, None)
    if kind == "text/plain":
        return decode_text(blob, None)[0]
    if kind in _RTF:
        try:
            return extract_rtf_text(blob)
        except ExtractionError:
            return ""
    if kind in _MHT:
        return _mht(email.message_from_bytes(blob))
    return ""


def _html(blob: bytes, charset: str | None) -> str:
    if charset is None:
        found = _META_CHARSET.search(blob[:4096])
        charset = found.group(1).decode("ascii") if found else None
    return html_to_text(decode_text(blob, charset)[0])


def _mht(archive: Message) -> str:
    """The page of a web archive (.mht): its first HTML part, else its first text part."""
    parts = [part for part in archive.walk() if not part.is_multipart()]
    for wanted in ("text/html", "text/plain"):
        for part in parts:
            if part.get_content_type() == wanted:
                payload = part.get_payload(decode=True)
                data = payload if isinstance(payload, bytes) else b""
                if wanted == "text/html":
                    return _html(data, part.get_content_charset())
                return decode_text(data, part.get_content_charset())[0]
    return ""
