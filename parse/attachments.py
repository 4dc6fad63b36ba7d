"""Turn one attachment's bytes into an Attachment with its text, whatever the bytes are."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from parse.docx import DocxError, extract_docx_text
from parse.filenames import sanitize_filename
from parse.limits import ExtractLimits
from parse.model import Attachment
from parse.pdf import PdfError, extract_pdf_text
from parse.sniff import detect_type
from parse.text import decode_text, html_to_text, normalize_text
from parse.versions import extractor_version


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


def extract(item: AttachmentInput) -> list[Attachment]:
    """The default Extractor: extraction in this process."""
    return [
        extract_attachment(
            item.path, item.filename, item.declared_type, item.payload, charset=item.charset
        )
    ]


_METHODS = {"pdf": "text-layer", "docx": "docx", "text": "decoded", "html": "html"}
_NO_TEXT = {"pdf": "pdf: no text layer (scanned?)", "docx": "docx: no text"}


def extract_attachment(
    path: str,
    filename: str,
    declared_type: str,
    payload: bytes,
    charset: str | None = None,
) -> Attachment:
    """Sniff, extract and describe one attachment; never raises for any payload.

    `declared_type` may carry parameters ("text/plain; charset=iso-8859-1"); an explicit
    `charset` wins over one found there. Failures end up in `Attachment.error`.
    """
    mime_type, declared_charset = _split_content_type(declared_type)
    filename = sanitize_filename(filename)
    kind = detect_type(payload, filename, mime_type)
    text, error = _extract(kind, payload, charset or declared_charset)
    return Attachment(
        path=path,
        filename=filename,
        declared_type=mime_type,
        detected_type=kind,
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        text=text,
        method=_METHODS[kind] if text else "none",
        error=error,
        extractor_version=extractor_version(kind),
        content=payload,
    )


def _extract(kind: str, payload: bytes, charset: str | None) -> tuple[str, str | None]:
    """(text, error) for one payload of a sniffed kind."""
    if not payload:
        return "", "empty"
    if kind not in _METHODS:
        return "", f"unsupported type: {kind}"
    try:
        text, error = _run_extractor(kind, payload, charset)
    except (PdfError, DocxError) as exc:
        return "", f"{kind}: {exc}"
    except Exception as exc:
        # The one broad handler: third-party parsers meet hostile bytes here and raise
        # errors nobody listed; the message and its other attachments must still be stored.
        return "", f"{kind}: extraction failed ({type(exc).__name__})"
    if not text and error is None:
        error = _NO_TEXT.get(kind, f"{kind}: no text")
    return text, error


def _run_extractor(kind: str, payload: bytes, charset: str | None) -> tuple[str, str | None]:
    if kind == "pdf":
        return extract_pdf_text(payload), None
    if kind == "docx":
        return extract_docx_text(payload), None
    decoded, warning = decode_text(payload, charset)
    text = html_to_text(decoded) if kind == "html" else normalize_text(decoded)
    # A charset guess is only worth reporting when bytes were lost.
    lossy = warning is not None and "replaced" in warning
    return text, f"{kind}: {warning}" if lossy else None


def _split_content_type(value: str) -> tuple[str, str | None]:
    """('type/subtype' in lower case, charset or None) from a Content-Type value."""
    mime_type, *params = value.split(";")
    charset = None
    for param in params:
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return mime_type.strip().lower(), charset
