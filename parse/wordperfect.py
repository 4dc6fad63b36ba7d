"""WordPerfect documents (4.2 to X-series) through Debian's libwpd-tools (`wpd2text`).

wpd2text seeks in its input, so a pipe will not do: the bytes go to a temporary file that
lives only as long as the run.
"""

from __future__ import annotations

import subprocess
import tempfile

from hoering.parse.extracted import ExtractionError
from hoering.parse.text import normalize_text
from hoering.parse.tools import ToolMissing, run_tool

TIMEOUT_SECONDS = 60.0


def extract_wordperfect_text(data: bytes) -> str:
    """The document's text via `wpd2text`; raises ExtractionError."""
    with tempfile.NamedTemporaryFile(prefix="hoering-", suffix=".wpd") as file:
        file.write(data)
        file.flush()
        try:
            result = run_tool(["wpd2text", file.name], b"", TIMEOUT_SECONDS)
        except ToolMissing:
            raise ExtractionError("wpd2text not installed (Debian package libwpd-tools)") from None
        except subprocess.TimeoutExpired:
            raise ExtractionError(f"wpd2text took over {TIMEOUT_SECONDS:.0f} s") from None
    if result.returncode != 0:
        message = result.stderr.strip().removeprefix("ERROR: ").rstrip("!")
        if "password" in message.lower():
            raise ExtractionError("encrypted")
        raise ExtractionError(f"damaged ({message[:80] or 'wpd2text failed'})")
    return normalize_text(result.stdout.decode("utf-8", errors="replace"))
