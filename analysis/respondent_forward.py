"""Who wrote a forwarded mail: the "Fra:/From:" line of the header block a forward quotes.

A library, a citizens' service or a colleague who forwards someone's mail does not speak:
the mail's author does. Only an author with an address counts ("Fra: Borgerservice" names
an office, not a writer the rules can read).
"""

from __future__ import annotations

import re

from hoering.analysis.cleaning import clean_reply

HEADER_LINES = 12  # the header block stands in the first lines of the forwarded part
MAX_FROM_CHARS = 500  # a "Fra:" line holds a name and an address
_FROM = re.compile(r"(?i)^\s*\*?(?:fra|from|von|från)\s*:\*?\s*(?P<value>.+)$")
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_HEADER = re.compile(
    r"(?i)^\s*\*?(?:fra|from|sendt|sent|dato|date|til|to|cc|emne|subject|vedr)\s*:\*?"
)


def forwarded_author(quoted: str) -> tuple[str, str] | None:
    """(display name, address) of the forwarded mail's author, else None."""
    for line in quoted.splitlines()[:HEADER_LINES]:
        match = _FROM.match(line)
        if not match:
            continue
        value = match.group("value")[:MAX_FROM_CHARS]
        address = _ADDRESS.search(value)
        if not address:
            return None
        name = value[: address.start()].replace("mailto:", "").strip(" <>[]\"'")
        return name, address.group().lower()
    return None


def forwarded_words(quoted: str) -> tuple[str, str]:
    """(own words, signature) of the forwarded mail below its header block."""
    lines = quoted.splitlines()
    start = next((n for n, line in enumerate(lines) if _FROM.match(line)), 0)
    while start < len(lines) and (not lines[start].strip() or _HEADER.match(lines[start])):
        start += 1
    cleaned = clean_reply("\n".join(lines[start:]))
    return cleaned.reply, cleaned.signature
