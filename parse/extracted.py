"""What a format extractor hands back: text, how it was read, and any files found inside."""

from __future__ import annotations

from dataclasses import dataclass, field

from hoering.errors import HoeringError


class ExtractionError(HoeringError):
    """The file could not be read; the message is a short reason ("encrypted", ...)."""


@dataclass(frozen=True)
class Member:
    """A file found inside a container (archive member, Outlook or TNEF attachment)."""

    name: str  # as the container names it: may hold directories, "..", anything
    payload: bytes = field(repr=False)
    declared_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Extracted:
    """One file's text, the method that produced it, a partial-failure reason, its members."""

    text: str
    method: str
    error: str | None = None  # set when the text is incomplete (limit hit, OCR missing, ...)
    members: tuple[Member, ...] = ()
