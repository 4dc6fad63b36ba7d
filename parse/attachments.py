"""Turn one attachment's bytes into Attachments with text, whatever the bytes are.

Containers (zip, Outlook .msg, winmail.dat, mails inside them) come first, followed by
their members, each under "<container path>/", read with the same limits and budget.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from hoering.parse.extracted import Extracted, ExtractionError, Member
from hoering.parse.filenames import sanitize_filename, sanitize_member_path
from hoering.parse.formats import CONTAINERS, READERS, Job
from hoering.parse.limits import Budget, ExtractLimits
from hoering.parse.model import Attachment, AttachmentInput, Extractor
from hoering.parse.sniff import detect_type
from hoering.parse.textcap import cut_attachments
from hoering.parse.versions import extractor_version

# Reads a mail found inside a container into its Attachments, or None when the bytes hold no
# mail. parse.message supplies it: it imports this module, so this one cannot import it back.
MailReader = Callable[[bytes, str, str, Extractor], list[Attachment] | None]

_NO_TEXT = {"pdf": "pdf: no text layer and nothing to OCR", "docx": "docx: no text"}


def extract_tree(item: AttachmentInput, read_mail: MailReader) -> list[Attachment]:
    """The attachment and its container members, extracted in this process.

    Their texts are cut to the limits here, so a worker never hands back more.
    """
    limits = item.limits
    found = _extract_tree(item, Job(limits, Budget.of(limits)), read_mail)
    return cut_attachments(found, limits.text_chars, limits.message_text_chars)[0]


def extract_attachment(
    path: str,
    filename: str,
    declared_type: str,
    payload: bytes,
    charset: str | None = None,
    limits: ExtractLimits | None = None,
) -> Attachment:
    """Sniff, extract and describe one attachment (members not returned); never raises.

    `declared_type` may carry parameters ("text/plain; charset=iso-8859-1"); an explicit
    `charset` wins over one found there. Failures end up in `Attachment.error`.
    """
    limits = limits or ExtractLimits()
    item = AttachmentInput(path, filename, declared_type, payload, charset, limits)
    return _describe(item, Job(limits, Budget.of(limits)))[0]


def _extract_tree(item: AttachmentInput, job: Job, read_mail: MailReader) -> list[Attachment]:
    """The attachment, then each member's attachments, depth first."""
    attachment, members = _describe(item, job)
    found = [attachment]
    used: set[str] = set()
    for index, member in enumerate(members, 1):
        name = sanitize_member_path(member.name) or f"unavngivet-{index}"
        child = AttachmentInput(
            path=_unique(f"{attachment.path}/{name}", used),
            filename=name.rsplit("/", 1)[-1],
            declared_type=member.declared_type,
            payload=member.payload,
            limits=item.limits,
        )
        found += _member_tree(child, job.deeper(), read_mail)
    return found


def _member_tree(item: AttachmentInput, job: Job, read_mail: MailReader) -> list[Attachment]:
    """A member's attachments; a mail in an archive is parsed as a mail, with its own."""
    is_mail = detect_type(item.payload, item.filename) == "message"
    if is_mail and job.depth < job.limits.nesting_depth:
        inner = job.deeper()
        mail = read_mail(
            item.payload, item.path, item.filename, lambda i: _extract_tree(i, inner, read_mail)
        )
        if mail is not None:
            return mail
    return _extract_tree(item, job, read_mail)


def _describe(item: AttachmentInput, job: Job) -> tuple[Attachment, tuple[Member, ...]]:
    mime_type, declared_charset = _split_content_type(item.declared_type)
    filename = sanitize_filename(item.filename)
    kind = detect_type(item.payload, filename, mime_type)
    result = _extract(kind, item.payload, item.charset or declared_charset, job)
    attachment = Attachment(
        path=item.path,
        filename=filename,
        declared_type=mime_type,
        detected_type=kind,
        size=len(item.payload),
        sha256=hashlib.sha256(item.payload).hexdigest(),
        text=result.text,
        method=result.method,
        error=result.error,
        extractor_version=extractor_version(kind),
        content=item.payload,
    )
    return attachment, result.members


def _extract(kind: str, payload: bytes, charset: str | None, job: Job) -> Extracted:
    """What the reader for `kind` makes of the payload, errors prefixed with the kind."""
    if not payload:
        return Extracted("", "none", "empty")
    if kind not in READERS:
        return Extracted("", "none", f"unsupported type: {kind}")
    if kind in CONTAINERS and job.depth >= job.limits.nesting_depth:
        reason = f"not opened: nested deeper than {job.limits.nesting_depth} containers"
        return Extracted("", "none", f"{kind}: {reason}")
    try:
        result = READERS[kind](payload, charset, job)
    except ExtractionError as exc:
        return Extracted("", "none", f"{kind}: {exc}")
    except MemoryError:
        # Out of the worker's address space: the sandbox records the memory limit.
        raise
    except Exception as exc:
        # The one broad handler: third-party parsers meet hostile bytes here and raise
        # errors nobody listed; the message and its other attachments must still be stored.
        return Extracted("", "none", f"{kind}: extraction failed ({type(exc).__name__})")
    error = f"{kind}: {result.error}" if result.error else None
    if result.text or result.members or result.method == "none":
        return Extracted(result.text, result.method, error, result.members)
    # A reader that ran but found nothing: say so, so no empty text passes silently.
    return Extracted("", "none", error or _NO_TEXT.get(kind, f"{kind}: no text"))


def _unique(path: str, used: set[str]) -> str:
    """`path`, or "name (2).ext" and so on when a sibling already has it."""
    candidate, number = path, 1
    stem, dot, ext = path.rpartition(".")
    if "/" in ext:
        stem, dot, ext = path, "", ""
    while candidate in used:
        number += 1
        candidate = f"{stem} ({number}){dot}{ext}"
    used.add(candidate)
    return candidate


def _split_content_type(value: str) -> tuple[str, str | None]:
    """('type/subtype' in lower case, charset or None) from a Content-Type value."""
    mime_type, *params = value.split(";")
    charset = None
    for param in params:
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return mime_type.strip().lower(), charset
