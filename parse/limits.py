"""Limits that keep one hostile attachment from exhausting the machine during extraction."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


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


@dataclass
class Budget:
    """What is left of the archive limits while one attachment and its members are read."""

    bytes_left: int
    entries_left: int

    @classmethod
    def of(cls, limits: ExtractLimits) -> Budget:
        return cls(limits.archive_total_bytes, limits.archive_entries)

    def take(self, size: int) -> str | None:
        """Count one member of `size` bytes; the limit it would break, or None."""
        if self.entries_left <= 0:
            return "entry limit reached"
        if size > self.bytes_left:
            return "total size limit reached"
        self.entries_left -= 1
        self.bytes_left -= size
        return None
