"""Legacy Word documents (.doc, Word 6 to 2003) through Debian's catdoc.

catdoc rather than antiword: antiword refuses small files ("text stream of this file is
too small to handle") and Word 6/95 ones, which include short replies; catdoc reads both.
"""

from __future__ import annotations

import re
import subprocess

from hoering.parse.extracted import ExtractionError
from hoering.parse.sniff import OLE_MAGIC, ole_stream_names
from hoering.parse.text import normalize_text
from hoering.parse.tools import ToolMissing, run_tool

TIMEOUT_SECONDS = 60.0
# catdoc prints field instructions along with their results; hyperlinks are the common
# ones: ' HYPERLINK "http://x/" \h Text ' shows as 'Text'.
_HYPERLINK = re.compile(r' ?HYPERLINK +(?:\\l +)?"[^"]*"(?: +\\[a-z])* ?')


def extract_doc_text(data: bytes) -> str:
    """The document's text via `catdoc -w -d utf-8`; raises ExtractionError."""
    if not data.startswith(OLE_MAGIC):
        raise ExtractionError("not a Word 97-2003 file")
    if "EncryptedPackage" in ole_stream_names(data):
        raise ExtractionError("encrypted")
    try:
        result = run_tool(["catdoc", "-w", "-d", "utf-8"], data, TIMEOUT_SECONDS)
    except ToolMissing:
        raise ExtractionError("catdoc not installed (Debian package catdoc)") from None
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"catdoc took over {TIMEOUT_SECONDS:.0f} s") from None
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        reason = lines[0].split(". ")[0].rstrip(".")[:80] if lines else ""
        raise ExtractionError(f"damaged ({reason or 'catdoc failed'})")
    text = result.stdout.decode("utf-8", errors="replace")
    return normalize_text(_HYPERLINK.sub(" ", text))
