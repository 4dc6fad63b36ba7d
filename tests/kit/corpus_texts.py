"""Every text the parse package gets out of ../shared/corpus, for detectors to run over."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from hoering.parse.message import UnparseableMessage, extract, parse_message
from hoering.parse.model import AttachmentInput
from tests.kit.paths import CORPUS


def manifest_files() -> list[Path]:
    """The corpus files MANIFEST.tsv lists, in its order."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as manifest:
        return [CORPUS / row["file"] for row in csv.DictReader(manifest, delimiter="\t")]


def texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for one corpus file: a mail's subject, sender, body and attachments,
    or a document and its members, as the pipeline would store them."""
    payload = path.read_bytes()
    if path.suffix == ".eml":
        try:
            message = parse_message(payload)
        except UnparseableMessage:
            return
        yield "subject", message.subject
        yield "sender", f"{message.sender_name} <{message.sender_email}>"
        yield "body", message.body_text
        for attachment in message.attachments:
            yield attachment.path, attachment.text
        return
    item = AttachmentInput(path.name, path.name, "application/octet-stream", payload)
    for attachment in extract(item):
        yield attachment.path, attachment.text
