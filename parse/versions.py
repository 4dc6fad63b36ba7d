"""Which version of extraction produced a stored text, per sniffed type.

Bump a type's number whenever a change alters what its extraction returns (text, method
or error), so `hoering reparse --outdated` can find the rows made by older code.
"""

from __future__ import annotations

# parse_message's own output (subject, sender, body, warnings, attachment paths); bump
# when that changes. Attachments have their own numbers below.
PARSER_VERSION = "1"

EXTRACTOR_VERSIONS: dict[str, int] = {
    "pdf": 2,  # 2: OCR of image-only pages
    "docx": 3,  # 2: footnotes, endnotes, comments; XML fallback for Strict OOXML; 3: "# ", "- "
    "xlsx": 1,
    "pptx": 1,  # not extracted yet: "unsupported type"
    "odt": 2,  # 2: headings "# ", list items "- " (light Markdown)
    "ods": 1,
    "odp": 1,
    "rtf": 1,
    "doc": 1,
    "msg": 1,
    "tnef": 1,
    "zip": 1,
    "ole": 1,  # other OLE2 files (e.g. .xls): "unsupported type"
    "html": 1,
    "text": 2,  # 2: charset guessed with charset-normalizer when none is declared
    "message": 1,
    "png": 2,  # 2: OCR
    "jpeg": 2,
    "gif": 2,
    "tiff": 2,
    "unknown": 1,
}


def extractor_version(kind: str) -> str:
    """The version string stored with a text, e.g. "pdf/2"; unlisted types are version 1."""
    return f"{kind}/{EXTRACTOR_VERSIONS.get(kind, 1)}"
