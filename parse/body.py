"""Choose a message's body part, undo its transfer and charset encodings, render HTML as text."""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
import unicodedata
from dataclasses import dataclass
from email.message import Message

from bs4 import BeautifulSoup
from mailparser.utils import decode_base64_payload

# Labels mailers send that Python lacks or maps to the wrong codec.
_CHARSET_ALIASES = {
    # WHATWG: browsers read Latin-1 labels as Windows-1252 (curly quotes, €), as senders mean.
    "iso-8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ks_c_5601-1987": "cp949",  # Outlook's label; Python maps it to the smaller euc_kr
    "x-mac-cyrillic": "mac_cyrillic",  # Apple Mail
    "iso-8859-8-i": "iso-8859-8",  # logical-order Hebrew label
    "gb2312": "gb18030",  # Chinese mailers send GBK characters under this label
    "cp-1252": "cp1252",
}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def decode_text(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode with the declared charset, else UTF-8, else Windows-1252; never raises.

    Returns the text and a warning when the declared charset was unknown or wrong.
    """
    label = (charset or "").strip().strip("\"'").lower()
    if not label or label == "unknown-8bit":  # compat32's name for "undeclared"
        if data.isascii():  # only now: utf-7 and iso-2022-jp are 7-bit too
            return data.decode("ascii"), None
        text, used = _first_fit(data, [("utf-8", "strict"), ("cp1252", "strict")])
        return text, None if used == "utf-8" else f"undeclared 8-bit text read as {used}"
    codec = _CHARSET_ALIASES.get(label, label)
    if _is_single_byte(codec) and not data.isascii():
        # Valid multi-byte UTF-8 is almost never accidental in single-byte text, so such a
        # label is wrong (corpus phpmmp_issue230: UTF-8 bytes labelled x-mac-cyrillic).
        text = _try_decode(data, "utf-8")
        if text is not None:
            return text, f"charset {label!r} declared but the bytes are UTF-8"
    text = _try_decode(data, codec)
    if text is not None:
        return text, None
    attempts = [] if data.isascii() else [("utf-8", "strict")]  # 7-bit is never a UTF-8 mislabel
    if not _is_ascii(codec):
        # A known multi-byte codec that meets one bad sequence is still the best reading.
        attempts.append((codec, "replace"))
    text, used = _first_fit(data, [*attempts, ("cp1252", "strict")])
    return text, f"charset {label!r} unknown or wrong; read as {used}"


def _first_fit(data: bytes, attempts: list[tuple[str, str]]) -> tuple[str, str]:
    """Text from the first (codec, errors) pair that decodes; else Latin-1, which always does."""
    for codec, errors in attempts:
        text = _try_decode(data, codec, errors)
        if text is not None:
            return text, codec
    return data.decode("latin-1"), "latin-1"


_SINGLE_BYTE = re.compile(r"(cp12[5-9]\d|iso8859-\d+|koi8-\w+|mac-\w+|cp437|cp850)")


def _is_single_byte(codec: str) -> bool:
    try:
        return _SINGLE_BYTE.fullmatch(codecs.lookup(codec).name) is not None
    except LookupError:
        return False


def _is_ascii(codec: str) -> bool:
    try:
        return codecs.lookup(codec).name == "ascii"
    except LookupError:
        return False


def _try_decode(data: bytes, codec: str, errors: str = "strict") -> str | None:
    try:
        text = data.decode(codec, errors)
        text.encode("utf-8")  # utf-7/utf-16 can yield lone surrogates
    except (LookupError, UnicodeError):  # unknown label, non-text codec, bad bytes
        return None
    return text


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
    """Prefer the first inline text/plain, else the first inline text/html.

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
    consumed = [chosen.part]
    if chosen.alternative is not None:
        consumed += [c.part for c in candidates if c.alternative is chosen.alternative]
    return Body(text, chosen.part.get_content_type(), tuple(consumed), tuple(warnings))


def _unsplit_body(leaves: list[Leaf]) -> Body:
    """A multipart whose boundary never occurs is one block of text: better than no body."""
    broken = [leaf.part for leaf in leaves if leaf.part.get_content_maintype() == "multipart"]
    if not broken:
        return Body("", "none")
    text, warning = decode_text(transfer_decode(broken[0]).data, None)
    warnings = ["body: multipart boundary not found; raw text used"]
    warnings += [f"body: {warning}"] if warning else []
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
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
    if is_html:
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    warnings = [w for w in (payload.problem, warning) if w]
    return unicodedata.normalize("NFC", text.strip("\n")), [f"body: {w}" for w in warnings]


# Markers survive whitespace collapsing; HTML source newlines must not.
_BLOCK, _BREAK, _CELL, _ITEM = "\x00b", "\x00r", "\x00c", "\x00i"
_MARKER = re.compile("(\x00[brci])")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # not U+00A0: Outlook's &nbsp; lines are content
_DROP = ["script", "style", "head", "title", "noscript", "template"]
_BLOCKS = [
    "p", "div", "table", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "header", "footer", "address", "center",
    "form", "fieldset", "tr",
]  # fmt: skip


def html_to_text(html: str) -> str:
    """Render HTML as plain text: blocks and <br> as lines, list items, tab-separated cells."""
    soup = BeautifulSoup(html.replace("\x00", ""), "html.parser")
    for tag in soup.find_all(_DROP):
        if not tag.decomposed:  # a nested match dies with its parent
            tag.decompose()
    for tag in soup.find_all("pre"):
        for string in tag.find_all(string=True):
            string.replace_with(string.replace("\n", _BREAK))
    for tag in soup.find_all("br"):
        tag.replace_with(_BREAK)
    for tag in soup.find_all(["td", "th"]):
        tag.append(_CELL)
    for tag in soup.find_all("li"):
        tag.insert_before(_ITEM)
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(_BLOCK)
        tag.append(_BLOCK)
    lines = _lay_out(_HTML_SPACE.sub(" ", soup.get_text())).split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(map(_tidy, lines)))


def _tidy(line: str) -> str:
    line = re.sub(r" {2,}", " ", line.replace("\xa0", " "))
    return re.sub(r" *\t *", "\t", line).strip(" ").rstrip("\t")


def _lay_out(flat: str) -> str:
    """Turn markers into line breaks the way a browser does.

    A block edge ends the current line only if it has text, so nested <div>s add no
    blank lines; a <br> always ends one (Gmail's <div><br></div> is a blank line).
    """
    out: list[str] = []
    at_start = True
    for token in _MARKER.split(flat):
        if token == _BREAK or (token in (_BLOCK, _ITEM) and not at_start):
            out.append("\n")
            at_start = True
        if token == _ITEM:
            out.append("- ")
        elif token == _CELL and not at_start:
            out.append("\t")
        elif not token.startswith("\x00") and token.strip(" "):
            out.append(token.lstrip(" ") if at_start else token)
            at_start = False
    return "".join(out).strip("\n")
