"""Turn the bytes of one e-mail into a ParsedMessage: headers, body, attachments, forwards.

mail-parser 4.8.0 supplies the parsed object (with its recursion guard), the defect
list, date and address parsing and lenient base64 repair. The stdlib `email` tree it
exposes is walked here for the subject, body and attachments, where mail-parser loses
information (see the comments marked "mail-parser 4.8.0").
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from dataclasses import dataclass, field, replace
from email.generator import BytesGenerator
from email.message import Message

from hoering.header_syntax import FIELD_NAME_BYTES
from hoering.parse.attachments import extract_tree
from hoering.parse.body import (
    Body,
    Payload,
    decode_base64,
    leaf_parts,
    select_body,
    transfer_decode,
)
from hoering.parse.filenames import sanitize_filename
from hoering.parse.headers import parse_address, parse_date, raw_header, received_date
from hoering.parse.limits import ExtractLimits
from hoering.parse.message_read import UnparseableMessage as UnparseableMessage
from hoering.parse.message_read import (
    read_mail,
    read_top,
    strip_leading_junk,
    unindented_words_folded,
)
from hoering.parse.model import Attachment, AttachmentInput, Extractor, ParsedMessage
from hoering.parse.partial import Joined, fragment, joined_children, reassemble
from hoering.parse.subject import decode_subject
from hoering.parse.textcap import cut_message
from hoering.parse.versions import extractor_version

MAX_DEPTH = 5  # forwards inside forwards; deeper ones stay unopened attachments
FORWARD_NAME = "Videresendt besked.eml"
_FORWARD_TYPES = ("message/rfc822", "message/global")


@dataclass
class _Walk:
    """Where the walk is: nesting depth, path prefix, the paths given out, the extractor."""

    extract: Extractor
    depth: int = 0
    prefix: str = ""
    used: set[str] = field(default_factory=set)
    # message/partial parts of the top-level multipart, joined: (id, number) -> result
    joined: dict[tuple[str, int], Joined] = field(default_factory=dict)

    def inside(self, path: str) -> _Walk:
        return _Walk(self.extract, self.depth + 1, f"{path}/", self.used)


@dataclass(frozen=True)
class _Entity:
    body: Body
    attachments: tuple[Attachment, ...]
    notes: tuple[str, ...]  # about attachments, each starting with its full path


def extract(item: AttachmentInput) -> list[Attachment]:
    """The default Extractor: in this process, container members (mails too) included."""
    return extract_tree(item, attached_mail)


def parse_message(
    data: bytes, extract: Extractor = extract, limits: ExtractLimits | None = None
) -> ParsedMessage:
    """Parse one e-mail; raises UnparseableMessage only when there is nothing to use.

    `extract` turns each attachment into text; the default runs in this process. The text
    kept is cut to `limits` (text_chars per attachment, message_text_chars in all).
    """
    limits = limits or ExtractLimits()
    parsed = _parse_top(data, extract)
    body, attachments, cuts = cut_message(
        parsed.body_text, parsed.attachments, limits.text_chars, limits.message_text_chars
    )
    warnings = _unique([*parsed.warnings, *cuts])
    return replace(parsed, body_text=body, attachments=tuple(attachments), warnings=warnings)


def _parse_top(data: bytes, extract: Extractor) -> ParsedMessage:
    """parse_message before the text caps."""
    msg, defects = read_top(data)
    if msg.get_content_type() == "message/partial":
        # A fragment of a split mail (RFC 2046 5.2.2): read what it holds of the whole.
        found = fragment(unindented_words_folded(strip_leading_junk(data)))
        unnumbered = "message/partial without a fragment number; kept as it is"
        whole, warning = reassemble([found]) if found else (None, unnumbered)
        if whole is not None:
            parsed = _parse(whole, extract)
            return replace(parsed, warnings=_unique([*filter(None, [warning]), *parsed.warnings]))
        defects.append(warning or "")
    return _parsed(msg, defects, _Walk(extract, joined=_joined_fragments(msg, data)))


def _parse(data: bytes, extract: Extractor) -> ParsedMessage:
    """parse_message for a reassembled message: a fragment inside it is not opened again."""
    msg, defects = read_top(data)
    return _parsed(msg, defects, _Walk(extract))


def _joined_fragments(msg: Message, data: bytes) -> dict[tuple[str, int], Joined]:
    """message/partial parts directly inside the top-level multipart, joined per id."""
    boundary = msg.get_boundary() if msg.get_content_maintype() == "multipart" else None
    children = msg.get_payload() if boundary else None
    if not isinstance(children, list) or not any(
        part.get_content_type() == "message/partial" for part in children
    ):
        return {}
    return joined_children(unindented_words_folded(strip_leading_junk(data)), boundary)


def _parsed(msg: Message, defects: list[str], walk: _Walk) -> ParsedMessage:
    """The ParsedMessage of a message read by read_top."""
    entity = _parse_entity(msg, walk)
    name, address = parse_address(raw_header(msg, "from") or raw_header(msg, "sender") or "")
    return ParsedMessage(
        message_id=_message_id(raw_header(msg, "message-id")),
        subject=_subject(msg),
        sender_name=name,
        sender_email=address,
        sent_at=parse_date(raw_header(msg, "date")),
        received_at=received_date(msg),
        body_text=entity.body.text,
        body_source=entity.body.source,
        attachments=entity.attachments,
        warnings=_unique([*defects, *entity.body.warnings, *entity.notes]),
    )


def attached_mail(
    data: bytes, path: str, filename: str, extract: Extractor
) -> list[Attachment] | None:
    """A mail found in an archive or Outlook file: itself, then its attachments under
    "<path>/"; None when the bytes hold no mail."""
    mail = _parse_bytes(data)
    if mail is None:
        return None
    found, _notes = _forwarded(mail, data, path, filename, "message/rfc822", _Walk(extract))
    return found


def _subject(msg: Message) -> str:
    # mail-parser 4.8.0 drops the non-ASCII bytes of a raw 8-bit subject
    # ("OGP-h\xf8ring" becomes "OGP-hring"), so decode the bytes as sent.
    raw = raw_header(msg, "subject")
    return decode_subject(raw) if raw is not None else ""


def _message_id(raw: str | None) -> str | None:
    value = decode_subject(raw or "").strip("<> \t")
    return value or None


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _parse_entity(msg: Message, walk: _Walk) -> _Entity:
    """Body and attachments of a message or of a message forwarded inside it."""
    leaves = leaf_parts(msg)
    body = select_body(leaves)
    attachments: list[Attachment] = []
    notes: list[str] = []
    for index, leaf in enumerate(leaves, 1):
        if any(leaf.part is used for used in body.parts):
            continue
        joined = _joined(leaf.part, walk)
        if joined is None:
            found, found_notes = _leaf_attachments(leaf.part, index, walk)
        elif joined.consumed:
            continue  # its bytes are in the message joined at the first fragment
        else:
            found, found_notes = _fragment_attachments(leaf.part, joined, index, walk)
        attachments += found
        notes += found_notes
    return _Entity(body, tuple(attachments), tuple(notes))


def _joined(part: Message, walk: _Walk) -> Joined | None:
    """What joining made of a message/partial part of the top-level multipart, if it is one."""
    if not walk.joined or part.get_content_type() != "message/partial":
        return None
    number = str(part.get_param("number") or "").strip()
    key = (str(part.get_param("id") or ""), int(number) if number.isdigit() else 0)
    return walk.joined.get(key)


def _fragment_attachments(
    part: Message, joined: Joined, index: int, walk: _Walk
) -> tuple[list[Attachment], list[str]]:
    """The message joined from fragments, as if forwarded, at the place of the first one;
    a fragment that cannot be joined stays an attachment. Both with the joining's warning."""
    mail = _parse_bytes(joined.whole) if joined.whole is not None else None
    if mail is None or joined.whole is None:
        found, notes = _leaf_attachments(part, index, walk)
    else:
        path = _unique_path(walk, FORWARD_NAME)
        found, notes = _forwarded(mail, joined.whole, path, "", "message/rfc822", walk)
    warning = [f"{found[0].path}: {joined.warning}"] if joined.warning else []
    return found, warning + notes


def _leaf_attachments(part: Message, index: int, walk: _Walk) -> tuple[list[Attachment], list[str]]:
    """One attachment, or a forwarded message followed by its own attachments."""
    declared = part.get_content_type()
    filename = _filename(part)
    payload = _leaf_payload(part)
    path = _unique_path(walk, filename or _fallback_name(part, index))
    embedded = _embedded_mail(part, payload.data, filename)
    if embedded is not None and walk.depth < MAX_DEPTH:
        return _forwarded(*embedded, path, filename, declared, walk)
    notes = [f"{path}: {payload.problem}"] if payload.problem and not payload.damaged else []
    if embedded is not None:
        notes.append(f"{path}: forwarded messages nested deeper than {MAX_DEPTH}; not opened")
    item = AttachmentInput(path, filename, declared, payload.data, part.get_content_charset())
    first, *members = walk.extract(item)
    if payload.damaged:
        # mail-parser 4.8.0 hands back damaged base64 undecoded, failing only when the
        # caller decodes it; transfer_decode does it here and the damage is recorded.
        error = "; ".join(filter(None, [payload.problem, first.error]))
        first = replace(first, error=error)
    return [first, *members], notes


def _filename(part: Message) -> str:
    # compat32 decodes RFC 2231 parameters but not the RFC 2047 words many mailers
    # put in quoted names, nor raw 8-bit names; decode_subject handles both.
    raw = part.get_filename()
    return sanitize_filename(decode_subject(raw)) if raw else ""


_EXTENSIONS = {
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/html": ".html",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def _fallback_name(part: Message, index: int) -> str:
    # mail-parser 4.8.0 names unnamed parts with a random string on every parse,
    # which breaks dedup; a name from the part's position is stable.
    if part.get_content_type() in _FORWARD_TYPES:
        return FORWARD_NAME
    return f"unavngivet-{index}{_EXTENSIONS.get(part.get_content_type(), '.bin')}"


def _unique_path(walk: _Walk, name: str) -> str:
    path, number = walk.prefix + name, 1
    stem, dot, ext = name.rpartition(".")
    while path in walk.used:
        number += 1
        path = f"{walk.prefix}{stem} ({number}).{ext}" if dot else f"{walk.prefix}{name} ({number})"
    walk.used.add(path)
    return path


def _leaf_payload(part: Message) -> Payload:
    # mail-parser 4.8.0 returns every attachment payload as a base64 str; the
    # bytes are taken from the stdlib part instead.
    if part.is_multipart():  # message/* parts hold parsed messages, not bytes
        return Payload(b"".join(_serialize(sub) for sub in part.get_payload()))
    return transfer_decode(part)


def _serialize(msg: Message) -> bytes:
    """The message as bytes again (compat32 generator; deterministic, no From-mangling)."""
    buffer = io.BytesIO()
    # A header charset the generator cannot apply, or message/rfc822 nested deeper than
    # the recursion limit (it recurses once per level): keep what was written so far.
    with contextlib.suppress(LookupError, UnicodeError, RecursionError):
        BytesGenerator(buffer, mangle_from_=False).flatten(msg)
    return buffer.getvalue()


_HEADER_START = re.compile(rb"%s[ \t]*:" % FIELD_NAME_BYTES)
_MAIL_HEADERS = {b"from", b"date", b"subject", b"message-id", b"received", b"to", b"mime-version"}


def _embedded_mail(part: Message, data: bytes, filename: str) -> tuple[Message, bytes] | None:
    """The message inside a message/rfc822 part or an attached .eml file, and its bytes."""
    if part.get_content_type() in _FORWARD_TYPES and part.is_multipart():
        cte = str(part.get("content-transfer-encoding", "")).strip().lower()
        if cte != "base64":
            return part.get_payload(0), data
        # A base64 message/rfc822 (GroupWise; forbidden by RFC 2046) is parsed by the
        # stdlib as a headerless text holding the base64, so decode that and parse it.
        data = decode_base64(data).data
    elif not (filename.lower().endswith(".eml") or _looks_like_mail(part, data)):
        return None
    mail = _parse_bytes(data)
    return (mail, data) if mail is not None else None


def _looks_like_mail(part: Message, data: bytes) -> bool:
    """An octet-stream whose first lines are mail headers (a .eml saved without its name)."""
    if part.get_content_type() != "application/octet-stream" or not _HEADER_START.match(data):
        return False
    head = data[:4096].split(b"\n\n")[0].split(b"\r\n\r\n")[0]
    names = {line.split(b":")[0].strip().lower() for line in head.splitlines()}
    return len(names & _MAIL_HEADERS) >= 2


def _parse_bytes(data: bytes) -> Message | None:
    try:
        msg = read_mail(strip_leading_junk(data))[0]
    except UnparseableMessage:  # nested too deep
        return None
    return msg if len(msg) else None


def _forwarded(
    mail: Message, content: bytes, path: str, filename: str, declared: str, walk: _Walk
) -> tuple[list[Attachment], list[str]]:
    """The forwarded message as one attachment, then its attachments under "<path>/"."""
    # mail-parser 4.8.0 flattens a forwarded message into the outer body and gives it a
    # random file name on every parse; parsing it as its own entity keeps it apart.
    inner = _parse_entity(mail, walk.inside(path))
    text = "\n\n".join(filter(None, [_forward_header_block(mail), inner.body.text]))
    method = {"text/plain": "decoded", "text/html": "html"}.get(inner.body.source, "none")
    attachment = Attachment(
        path=path,
        filename=filename,
        declared_type=declared,
        detected_type="message",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        text=text,
        method=method,
        extractor_version=extractor_version("message"),
        content=content,
    )
    notes = [f"{path}: {warning}" for warning in inner.body.warnings]
    return [attachment, *inner.attachments], notes + list(inner.notes)


def _forward_header_block(mail: Message) -> str:
    lines = []
    for label, name in (("Fra", "from"), ("Dato", "date"), ("Emne", "subject")):
        raw = raw_header(mail, name)
        if raw is not None and raw.strip():
            lines.append(f"{label}: {decode_subject(raw)}")
    return "\n".join(lines)
