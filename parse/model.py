"""Plain values produced by parsing. No I/O, no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from hoering.parse.limits import ExtractLimits


@dataclass(frozen=True)
class Attachment:
    """One attachment (or forwarded message) and the text extracted from it.

    `path` names where it sits: "svar.pdf" at top level, "Fwd.eml/bilag.docx" inside a
    forwarded message. Forwarded messages are flattened into the list in document order.
    """

    path: str  # sanitized, human-readable position, unique within the message
    filename: str  # sanitized file name as the sender gave it ("" if none)
    declared_type: str  # Content-Type header, lower case, e.g. "application/octet-stream"
    detected_type: str  # sniffed from the bytes: pdf, docx, text, html, message, unknown, ...
    size: int  # decoded payload size in bytes
    sha256: str  # of the decoded payload
    text: str = ""
    # How text was obtained: text-layer, ocr, text-layer+ocr, docx, fallback, odf (each of
    # these three with "+ocr" when pictures inside gave text), rtf, catdoc, wpd2text, msg,
    # tnef, zip, xlsx, xls, pptx, decoded, html or none.
    method: str = "none"
    error: str | None = None  # why no (or only partial) text was extracted
    extractor_version: str = ""  # "pdf/2": parse.versions, so reparse can find old rows
    content: bytes = field(default=b"", repr=False, compare=False)


@dataclass(frozen=True)
class ParsedMessage:
    """One e-mail as the drafting team needs it."""

    message_id: str | None  # without angle brackets; None when missing
    subject: str  # decoded, NFC-normalized
    sender_name: str
    sender_email: str  # lower case
    sent_at: datetime | None  # Date header, timezone-aware
    received_at: datetime | None  # topmost Received header, timezone-aware
    body_text: str
    body_source: str  # "text/plain", "text/html" or "none"
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[str, ...] = ()  # recoverable oddities (charset fallbacks, undecodable parts)


@dataclass(frozen=True)
class AttachmentInput:
    """One attachment's decoded bytes and what its MIME headers say, ready for extraction."""

    path: str
    filename: str
    declared_type: str
    payload: bytes = field(repr=False)
    charset: str | None = None
    limits: ExtractLimits = field(default_factory=ExtractLimits)


# Turns one attachment into one or more Attachments (archives and mails add their members).
# parse_message takes one, so the pipeline can run extraction in a sandboxed process.
Extractor = Callable[[AttachmentInput], list[Attachment]]
