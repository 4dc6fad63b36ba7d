"""OCR of the pictures inside a document (DOCX, ODT): a scanned letter pasted into Word, a
photographed page in a LibreOffice file. Logos and icons are skipped as in parse.image."""

from __future__ import annotations

from collections.abc import Iterable

from hoering.parse.extracted import Extracted, ExtractionError
from hoering.parse.image import extract_image_text
from hoering.parse.limits import ExtractLimits
from hoering.parse.sniff import detect_type

_RASTER = frozenset({"png", "jpeg", "gif", "tiff"})  # EMF/WMF drawings hold no scan
LABEL = "[Billede]"  # the line before each picture's text in the combined text


def with_image_text(
    result: Extracted,
    images: Iterable[bytes],
    limits: ExtractLimits,
    deadline: float | None,
) -> Extracted:
    """`result` with the OCR text of its pictures appended, method "<method>+ocr" when any
    picture gave text, and the reason when pictures were not (all) read."""
    texts, error = _ocr(images, limits, deadline)
    blocks = [result.text, *(f"{LABEL}\n{text}" for text in texts)]
    method = f"{result.method}+ocr" if texts else result.method
    errors = "; ".join(filter(None, [result.error, error])) or None
    return Extracted("\n\n".join(b for b in blocks if b), method, errors, result.members)


def _ocr(
    images: Iterable[bytes], limits: ExtractLimits, deadline: float | None
) -> tuple[list[str], str | None]:
    """Texts of the pictures worth reading, up to limits.ocr_pages of them."""
    texts: list[str] = []
    read = disabled = 0
    for blob in images:
        if detect_type(blob) not in _RASTER:
            continue
        if read >= limits.ocr_pages:
            return texts, f"ocr: only first {limits.ocr_pages} pictures"
        try:
            found = extract_image_text(blob, limits, deadline)
        except ExtractionError:  # a damaged picture; the document's text still stands
            continue
        error = found.error or ""
        if found.text:
            read += 1
            texts.append(found.text)
            if error.startswith("ocr partial"):  # a fax cut short: the rest is out of time
                return texts, error
        elif error == "ocr disabled":
            disabled += 1
        elif error.startswith(("ocr unavailable", "ocr partial")):
            return texts, error
        elif error == "ocr found no text":
            read += 1  # a photo or a chart without words; logos never get this far
    return texts, f"ocr disabled; {disabled} picture(s) not read" if disabled else None
