"""Decode Subject headers and recognise the consultation's subject markers."""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Sequence

from hoering.parse.text import decode_text

_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_FOLD = re.compile(rb"\r?\n(?=[ \t])")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_BASE64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")
_WORDS = re.compile(rb"(\s+)")


def decode_subject(value: str | bytes) -> str:
    """Decode a raw or RFC 2047-encoded header value into clean, NFC-normalised text.

    Raw 8-bit bytes are read as UTF-8, else Windows-1252; folding and runs of
    whitespace collapse to single spaces.
    """
    raw = _to_bytes(value)
    raw = _FOLD.sub(b"", raw).replace(b"\r", b" ").replace(b"\n", b" ")
    text = "".join(_decode_pieces(raw))
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _to_bytes(value: str | bytes) -> bytes:
    if isinstance(value, bytes):
        return value
    # compat32 carries raw 8-bit header bytes as surrogate escapes; this restores them.
    try:
        return value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace")


def _decode_pieces(raw: bytes) -> list[str]:
    """Decode plain runs and encoded words; adjacent words lose the space between them."""
    pieces: list[str] = []
    pending: list[tuple[str, bytes]] = []  # consecutive encoded words, decoded to bytes
    pos = 0
    for match in _ENCODED_WORD.finditer(raw):
        gap = raw[pos : match.start()]
        if gap.strip() or not pending:
            pieces.append(_flush(pending))
            pieces.append(decode_raw_header(gap))
        word = _decode_word(match)
        if word is None:  # undecodable: keep the literal text
            pieces.append(_flush(pending))
            pieces.append(match.group(0).decode("ascii", "replace"))
        else:
            pending.append(word)
        pos = match.end()
    pieces.append(_flush(pending))
    pieces.append(decode_raw_header(raw[pos:]))
    return pieces


def decode_raw_header(raw: bytes) -> str:
    """Undeclared 8-bit header text: as a whole where it reads as one charset, else word by word.

    A gateway or forwarding rule that prefixes a UTF-8 tag to a Latin-1 subject (or a
    forwarder's UTF-8 note to a Latin-1 display name) leaves both in one header; read as a
    whole, windows-1252 garbles the UTF-8 words ("OGP-hÃ¸ring") and the subject marker is missed.
    """
    words = _WORDS.split(raw)
    if raw.isascii() or not any(_is_utf8_text(word) for word in words):
        return decode_text(raw, None)[0]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(
            word.decode("utf-8") if _is_utf8_text(word) else word.decode("cp1252", "replace")
            for word in words
        )


def _is_utf8_text(word: bytes) -> bool:
    """Non-ASCII bytes that are valid UTF-8 (plain ASCII says nothing about the charset)."""
    if word.isascii():
        return False
    try:
        word.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _flush(pending: list[tuple[str, bytes]]) -> str:
    """Decode collected words, joining same-charset bytes so split multibyte characters survive."""
    out: list[str] = []
    while pending:
        charset, data = pending.pop(0)
        while pending and pending[0][0] == charset:
            data += pending.pop(0)[1]
        out.append(decode_text(data, charset)[0])
    return "".join(out)


def _decode_word(match: re.Match[bytes]) -> tuple[str, bytes] | None:
    # RFC 2231 lets the charset carry a language suffix: "utf-8*da".
    charset = match.group(1).decode("ascii", "replace").split("*")[0].lower()
    payload = match.group(3)
    if match.group(2) in (b"Q", b"q"):
        return charset, _QP_ESCAPE.sub(_unhex, payload.replace(b"_", b" "))
    data = _BASE64_JUNK.sub(b"", payload)
    try:
        return charset, base64.b64decode(data + b"=" * (-len(data) % 4))
    except binascii.Error:  # a lone trailing character: no byte can be recovered
        return None


def _unhex(match: re.Match[bytes]) -> bytes:
    return bytes([int(match.group(1), 16)])


# Letters Danes write in ASCII: ø as o/oe, æ as ae, å as aa. Folding both the
# subject and the markers to one spelling makes every variant compare equal.
_LETTERS = str.maketrans({"æ": "a", "ø": "o", "œ": "o", "ß": "ss"})
_DIGRAPHS = re.compile(r"ae|oe|aa")
_SEPARATOR_CLASS = r"[\s\-\u2010-\u2015\u2212]"
_SEPARATORS = re.compile(_SEPARATOR_CLASS + "+")


def _fold(text: str) -> str:
    """Lower-case, NFKC-compatible form with accents dropped and æ/ø/å digraphs unified."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    return _DIGRAPHS.sub(lambda m: m.group(0)[0], kept.translate(_LETTERS))


class SubjectMatcher:
    """Tells whether a subject names the consultation, whatever its spelling or reply prefix."""

    def __init__(self, markers: Sequence[str]) -> None:
        patterns = [_marker_pattern(m) for m in markers]
        patterns = [p for p in patterns if p]
        if not patterns:
            raise ValueError("no usable subject marker")
        self._regex = re.compile("|".join(patterns))

    def matches(self, subject: str) -> bool:
        """True if any marker occurs in the subject (reply prefixes need no stripping)."""
        return self._regex.search(_fold(subject)) is not None


def _marker_pattern(marker: str) -> str:
    """Words of the marker in order, any dash, space or nothing between them.

    Only the start is anchored: letters may follow the last word, because
    "OGP-høringssvar" is a reply to the consultation, not another subject.
    """
    text = unicodedata.normalize("NFC", marker.casefold())
    words = [_word_pattern(w) for w in _SEPARATORS.split(text) if _fold(w)]
    if not words:
        return ""
    return r"(?<!\w)" + (_SEPARATOR_CLASS + "*").join(words)


# Stock Cyrus (munge8bit, on by default) turns each raw 8-bit header byte into "X": "ø" sent
# as raw UTF-8 arrives as "XX", as Latin-1 as "X". Other servers and gateways put "?" or
# U+FFFD in their place. Only the marker's non-ASCII letters may arrive so.
_MUNGED = "[x?\ufffd]{1,2}"
_NON_ASCII = re.compile(r"([^\x00-\x7f])")


def _word_pattern(word: str) -> str:
    """One marker word: ASCII runs folded as the subject is, each other letter also munged."""
    parts: list[str] = []
    for piece in _NON_ASCII.split(word):
        folded = _fold(piece)
        if not piece.isascii():
            parts.append(f"(?:{re.escape(folded)}|{_MUNGED})" if folded else "")
        elif folded:
            parts.append(re.escape(folded))
    return "".join(parts)
