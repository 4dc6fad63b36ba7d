"""Choose a message's body part and undo its transfer encoding; parse.text decodes the rest."""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections import Counter
from dataclasses import dataclass
from email.message import Message

from mailparser.utils import decode_base64_payload

from hoering.parse.text import decode_text, html_to_text

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Payload:
    """A part's bytes after transfer decoding, with what went wrong on the way."""

    data: bytes
    problem: str | None = None  # message for the warning list, or the attachment error
    damaged: bool = False  # True when bytes were lost, not merely mislabelled


# Misspellings from bulk mailers (corpus mikel_content_transfer_encoding_*).
_CTE_ALIASES = {
    "8bits": "8bit",
    "8-bit": "8bit",
    "7-bit": "7bit",
    "quoted printable": "quoted-printable",
}
_KNOWN_CTE = {"", "7bit", "8bit", "binary", "base64", "quoted-printable"}
_UU_CTE = {"x-uuencode", "uuencode", "uue", "x-uue"}
_BASE64_ALPHABET = re.compile(rb"[A-Za-z0-9+/]*")


def transfer_decode(part: Message) -> Payload:
    """Undo the Content-Transfer-Encoding of a leaf part; never raises."""
    header = str(part.get("content-transfer-encoding", "")).lower()
    cte = header.split(";")[0].strip()
    cte = _CTE_ALIASES.get(cte, cte)
    if cte == "base64":
        return decode_base64(_encoded_text(part))
    data = part.get_payload(decode=True) or b""
    if cte == "quoted-printable" and header != cte:  # stdlib only knows the exact spelling
        data = quopri.decodestring(data)
    if cte in _KNOWN_CTE or cte in _UU_CTE:
        return Payload(data)
    return Payload(data, f"unknown Content-Transfer-Encoding {cte!r}; payload kept as sent")


def _encoded_text(part: Message) -> bytes:
    try:
        text = part.get_payload(decode=False)
    except (LookupError, UnicodeError):  # the stdlib applies the charset to 8-bit junk
        return b""
    return text.encode("ascii", "replace") if isinstance(text, str) else b""


def decode_base64(encoded: bytes) -> Payload:
    """Decode base64 strictly; on damage recover what a mail client would show."""
    compact = b"".join(encoded.split())
    try:
        return Payload(base64.b64decode(compact, validate=True))
    except binascii.Error as exc:
        reason = str(exc)
    if _BASE64_ALPHABET.fullmatch(compact) and len(compact) % 4 in (2, 3):
        # Only the '=' padding is missing (eM Client, corpus phpmmp_m0028): no byte is lost.
        data = base64.b64decode(compact + b"=" * (-len(compact) % 4))
        return Payload(data, "base64 without padding")
    try:
        data = decode_base64_payload(compact.decode("ascii", "replace"))
    except binascii.Error:
        data = b""
    return Payload(data, f"damaged base64 ({reason}); {len(data)} bytes recovered", True)


@dataclass(frozen=True)
class Leaf:
    """A part that is not a container, with the nearest multipart/alternative around it."""

    part: Message
    alternative: Message | None


def leaf_parts(entity: Message) -> list[Leaf]:
    """Leaves in document order; message/* parts are leaves (never descended into)."""
    leaves: list[Leaf] = []
    stack: list[tuple[Message, Message | None]] = [(entity, None)]
    while stack:
        part, alternative = stack.pop()
        children = part.get_payload()
        if part.get_content_maintype() == "message" or not isinstance(children, list):
            leaves.append(Leaf(part, alternative))
            continue
        if part.get_content_type() == "multipart/alternative":
            alternative = part
        stack.extend((child, alternative) for child in reversed(children))
    return leaves


def is_body_candidate(part: Message) -> bool:
    """Inline text/plain or text/html without a file name."""
    return (
        part.get_content_type() in ("text/plain", "text/html")
        and part.get_content_disposition() != "attachment"
        and not part.get_filename()
    )


@dataclass(frozen=True)
class Body:
    """The chosen body and the parts that merely repeat it (its alternatives)."""

    text: str
    source: str  # "text/plain", "text/html" or "none"
    parts: tuple[Message, ...] = ()  # consumed: not to be listed as attachments
    warnings: tuple[str, ...] = ()


def select_body(leaves: list[Leaf]) -> Body:
    """Prefer the first inline text/plain, else the first inline text/html; of a
    multipart/alternative, its HTML when that shows the text part's words.

    An empty or blank candidate (a placeholder plain part beside the real HTML) is passed over.
    """
    candidates = [leaf for leaf in leaves if is_body_candidate(leaf.part)]
    candidates.sort(key=lambda leaf: leaf.part.get_content_subtype() != "plain")  # stable
    if not candidates:
        return _unsplit_body(leaves)
    for chosen in candidates:
        text, warnings = part_text(chosen.part)
        if text.strip():
            break
    else:
        chosen = candidates[0]
        text, warnings = part_text(chosen.part)
    chosen, text, warnings = _richer_alternative(chosen, candidates, text, warnings)
    consumed = [chosen.part]
    if chosen.alternative is not None:
        consumed += [c.part for c in candidates if c.alternative is chosen.alternative]
    return Body(text, chosen.part.get_content_type(), tuple(consumed), tuple(warnings))


_WORD = re.compile(r"[^\W\d_]+")
# What a text part writes that its HTML shows otherwise: link targets, and the placeholders
# for pictures (Outlook's "[cid:image001.png@01D2...]", Gmail's "[image: logo.png]").
_NOT_SHOWN = re.compile(r"<?(?:https?://|mailto:|www\.)\S+|\[(?:cid|image):[^\]]*\]", re.I)
_SAME_WORDS = 0.95


def _richer_alternative(
    chosen: Leaf, candidates: list[Leaf], text: str, warnings: list[str]
) -> tuple[Leaf, str, list[str]]:
    """The HTML alternative to a chosen text/plain part when it shows the same words.

    Mail programs show the HTML; the text part is the sender's program flattening it: list
    levels, Outlook's list numbers and paragraph spacing are lost there. An HTML part that
    lacks the text part's words (a picture of the text, a newsletter's other content) is
    not what the sender wrote: then the text part stays.
    """
    if chosen.alternative is None or chosen.part.get_content_subtype() != "plain":
        return chosen, text, warnings
    for leaf in candidates:
        if leaf.alternative is chosen.alternative and leaf.part.get_content_subtype() == "html":
            html_text, html_warnings = part_text(leaf.part)
            if _shows_words_of(html_text, text):
                return leaf, html_text, html_warnings
            break
    return chosen, text, warnings


def _shows_words_of(shown: str, plain: str) -> bool:
    wanted = Counter(w.casefold() for w in _WORD.findall(_NOT_SHOWN.sub(" ", plain)))
    have = Counter(w.casefold() for w in _WORD.findall(shown))
    total = sum(wanted.values())
    return total > 0 and sum((wanted & have).values()) >= _SAME_WORDS * total


def _unsplit_body(leaves: list[Leaf]) -> Body:
    """A multipart whose boundary never occurs is one block of text: better than no body."""
    broken = [leaf.part for leaf in leaves if leaf.part.get_content_maintype() == "multipart"]
    if not broken:
        return Body("", "none")
    text, warning = decode_text(transfer_decode(broken[0]).data, None)
    warnings = ["body: multipart boundary not found; raw text used"]
    warnings += [f"body: {warning}"] if warning else []
    return Body(text.strip("\n"), "text/plain", (broken[0],), tuple(warnings))


def part_text(part: Message) -> tuple[str, list[str]]:
    """Readable text of a text/plain or text/html part, newlines normalised, NFC."""
    payload = transfer_decode(part)
    charset = part.get_content_charset()
    is_html = part.get_content_subtype() == "html"
    if is_html and not charset:
        found = _META_CHARSET.search(payload.data[:4096])
        charset = found.group(1).decode("ascii") if found else None
    # Not get_content(): under policy.default it raises LookupError on an unknown
    # charset ("x-unknown"), losing the whole body; decode_text falls back instead.
    text, warning = decode_text(payload.data, charset)
    text = html_to_text(text) if is_html else text.replace("\x00", "")
    warnings = [w for w in (payload.problem, warning) if w]
    return text.strip("\n"), [f"body: {w}" for w in warnings]
