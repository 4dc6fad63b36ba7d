"""Limits that keep one hostile attachment from exhausting the machine during extraction."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

MIB = 1024 * 1024

# What extracting one attachment may cost in its sandbox worker: [extract] in the config
# overrides these, and pipeline.sandbox enforces them.
EXTRACT_TIMEOUT_SECONDS = 60.0  # wall time per attachment
EXTRACT_MEMORY_MB = 1024  # address space one extraction may add to its worker
MAX_ATTACHMENT_MB = 50.0  # larger attachments are listed, not extracted


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds for one attachment's extraction; the sandbox fills them from [extract] config.

    Archive limits count every member of every archive nested in the attachment, so a
    zip of zips shares one budget. A limit hit is recorded on the container as a reason.
    """

    archive_total_bytes: int = 200 * MIB  # uncompressed bytes read out of archives
    archive_entries: int = 1000  # members opened, summed over nested archives
    nesting_depth: int = 3  # containers (zip, msg, winmail.dat, attached mail) inside one
    compression_ratio: int = 100  # larger members packed tighter than this are skipped
    ocr: bool = True  # False: scanned pages and images are recorded as "ocr disabled"
    ocr_pages: int = 30  # pages (PDF pages, TIFF frames) OCR'd per attachment
    ocr_languages: str = "dan+eng"  # Tesseract language data to use
    ocr_page_seconds: float = 60.0  # one Tesseract run; a hung page must not stall the rest
    # Text kept per attachment, and per message (body and every attachment together); the
    # rest is cut and the cut recorded (parse.textcap). About 400 and 800 pages of prose.
    text_chars: int = 1_000_000
    message_text_chars: int = 2_000_000
    # Wall time OCR may run into, counted from the start of the attachment's extraction:
    # the sandbox sets it below its own limit, so a long scan keeps the pages it read
    # instead of being killed with all of them. None: no limit (in-process extraction).
    ocr_seconds: float | None = None


@dataclass
class Budget:
    """What is left of the archive limits while one attachment and its members are read."""

    bytes_left: int
    entries_left: int
    ocr_deadline: float | None = field(default=None)  # time.monotonic() value

    @classmethod
    def of(cls, limits: ExtractLimits) -> Budget:
        deadline = None if limits.ocr_seconds is None else time.monotonic() + limits.ocr_seconds
        return cls(limits.archive_total_bytes, limits.archive_entries, deadline)

    def take(self, size: int) -> str | None:
        """Count one member of `size` bytes; the limit it would break, or None."""
        if self.entries_left <= 0:
            return "entry limit reached"
        if size > self.bytes_left:
            return "total size limit reached"
        self.entries_left -= 1
        self.bytes_left -= size
        return None
