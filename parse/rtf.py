"""Rich Text Format: plain RTF with striprtf, HTML encapsulated in RTF (Outlook) with RTFDE."""

from __future__ import annotations

import codecs
import re

from lark.exceptions import LarkError
from RTFDE.deencapsulate import DeEncapsulator
from RTFDE.exceptions import UnsupportedRTFFormat
from striprtf.striprtf import charset_map, rtf_to_text

from hoering.parse.extracted import ExtractionError
from hoering.parse.text import decode_text, html_to_text, normalize_text

_ANSICPG = re.compile(rb"\\ansicpg(\d{3,5})")
_CHARSET0 = re.compile(r"\\fcharset0(?![0-9])")
# \fcharset numbers by code page, to make "charset 0" fonts follow \ansicpg (see below).
_FCHARSET = {codec: number for number, codec in charset_map.items() if number not in (0, 42)}


def extract_rtf_text(data: bytes) -> str:
    """The document's text; \\'xx escapes decoded per \\ansicpg (default windows-1252)."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ExtractionError("not an RTF file")
    if b"\\fromhtml1" in data[:4096]:
        html = _deencapsulated_html(data)
        if html is not None:
            return html_to_text(decode_text(html, None)[0])
    codec = _codec(data)
    # Raw 8-bit bytes are rare in RTF but mean the document's code page when present.
    text = _ansi_fonts_follow(data.decode(codec, errors="replace"), codec)
    plain = rtf_to_text(text, encoding=codec, errors="replace")
    return normalize_text(_pair_surrogates(plain))


def _codec(data: bytes) -> str:
    """The code page the header declares (\\ansicpgN, \\mac, \\pc, \\pca), else cp1252."""
    head = data[:2048]
    match = _ANSICPG.search(head)
    candidates = [f"cp{match.group(1).decode()}"] if match else []
    if re.match(rb"\{\\rtf1?\\mac", head):
        candidates.append("mac_roman")
    elif re.match(rb"\{\\rtf1?\\pca", head):
        candidates.append("cp850")
    elif re.match(rb"\{\\rtf1?\\pc", head):
        candidates.append("cp437")
    for codec in candidates:
        try:
            return codecs.lookup(codec).name
        except LookupError:
            continue
    return "cp1252"


def _ansi_fonts_follow(text: str, codec: str) -> str:
    """Make \\fcharset0 fonts use the document code page rather than always windows-1252.

    striprtf maps charset 0 to windows-1252, but charset 0 means "the ANSI code page",
    which \\ansicpg sets: Outlook writes \\ansicpg1250 or \\ansicpg936 with charset-0 fonts.
    """
    number = _FCHARSET.get(codec)
    return _CHARSET0.sub(f"\\\\fcharset{number}", text) if number is not None else text


def _pair_surrogates(text: str) -> str:
    """Join \\u surrogate pairs into one character; lone halves become U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _deencapsulated_html(data: bytes) -> bytes | None:
    """The HTML Outlook wrapped in RTF (\\fromhtml1), or None if RTFDE cannot unwrap it."""
    try:
        unwrapped = DeEncapsulator(data)
        unwrapped.deencapsulate()
    # RTFDE's own errors derive from TypeError; lark raises on RTF its grammar rejects.
    except (TypeError, UnsupportedRTFFormat, LarkError, ValueError, UnicodeError, IndexError):
        return None
    html = unwrapped.html if unwrapped.content_type == "html" else None
    return html if isinstance(html, bytes) else None
