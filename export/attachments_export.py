"""Export the original attachment files: DIR/<proposal id>/<safe name>.

The bytes come from the stored raw message, parsed again without text extraction (the
originals are wanted, not their text). Names are sanitized file names as the sender gave
them, made valid on Windows ("NUL.txt" becomes "NUL_.txt"), never a path from the mail; a
missing name becomes "bilag-N" with the type as extension (a nameless forwarded mail
"Videresendt besked.eml", as `show`, the desk and the other exports call it), and a name
taken twice in one folder is numbered: "svar.pdf", "svar (2).pdf".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hoering.parse.filenames import portable_filename, sanitize_filename
from hoering.parse.message import FORWARD_NAME, UnparseableMessage, parse_message
from hoering.parse.model import Attachment, AttachmentInput
from hoering.parse.sniff import detect_type
from hoering.store.models import Proposal

# Detected types whose name is no usual file extension.
EXTENSIONS = {"message": "eml", "text": "txt", "image": "bin"}


@dataclass(frozen=True)
class ExportedFile:
    proposal_id: int
    path: Path
    size: int
    sha256: str


def _originals(item: AttachmentInput) -> list[Attachment]:
    """An Extractor that only keeps the bytes: no text, no container members."""
    kind = detect_type(item.payload, item.filename)
    return [
        Attachment(
            path=item.path,
            filename=sanitize_filename(item.filename),
            declared_type=item.declared_type.split(";")[0].strip().lower(),
            detected_type=kind,
            size=len(item.payload),
            sha256=hashlib.sha256(item.payload).hexdigest(),
            content=item.payload,
        )
    ]


def safe_name(attachment: Attachment, index: int, taken: set[str]) -> str:
    """A file name for the attachment that is unique (case-insensitively) in `taken` and
    can be written on a Windows share (the drafting team's)."""
    name = portable_filename(attachment.filename)
    if not name and attachment.detected_type == "message":
        name = FORWARD_NAME
    if not name:
        kind = attachment.detected_type
        extension = EXTENSIONS.get(kind, kind if kind.isalnum() and kind != "unknown" else "bin")
        name = f"bilag-{index}.{extension}"
    stem, dot, suffix = name.rpartition(".")
    if not stem:
        stem, dot, suffix = name, "", ""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number}){dot}{suffix}"
    taken.add(candidate.casefold())
    return candidate


def attachments_of(proposal: Proposal) -> list[Attachment]:
    """The proposal's attachments with their original bytes, from the stored raw message;
    none when `hoering purge --raw-before` dropped it."""
    if proposal.raw_message.purged_at is not None:
        return []
    try:
        parsed = parse_message(proposal.raw_message.data, _originals)
    except UnparseableMessage:
        return []
    return [att for att in parsed.attachments if att.content]


def export_attachments(proposals: Iterable[Proposal], folder: Path) -> list[ExportedFile]:
    """Write every attachment of the proposals below `folder`; returns what was written."""
    written = []
    for proposal in proposals:
        target = folder / str(proposal.id)
        taken: set[str] = set()
        for index, att in enumerate(attachments_of(proposal), start=1):
            target.mkdir(parents=True, exist_ok=True)
            path = target / safe_name(att, index, taken)
            path.write_bytes(att.content)
            written.append(ExportedFile(proposal.id, path, att.size, att.sha256))
    return written
