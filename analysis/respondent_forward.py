"""Who wrote a forwarded mail: the "Fra:/From:" line of the header block a forward quotes,
and the words by which a mail says it passes on another's letter.

A library, a citizens' service or a colleague who forwards someone's mail does not speak:
the mail's author does. Only an author with an address counts ("Fra: Borgerservice" names
an office, not a writer the rules can read).
"""

from __future__ import annotations

import re

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.respondent_org import first_words
from hoering.analysis.respondent_words import FORWARD_VERB, FORWARDING_OFFICE, PASSED_ON

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


def passes_on(*texts: str) -> str:
    """The words by which the mail passes on another's letter ("en af vores lånere", "har
    bedt os om at sende"): a citizen's, unless it names the organisation it sends for."""
    return first_words(PASSED_ON, texts)


def forwarded_by_office(display: str, signature: str, text: str) -> str:
    """The words by which a library or citizens' service (named in the sender or the
    signature) says it forwards what a citizen handed in; else ""."""
    office = FORWARDING_OFFICE.search(display) or FORWARDING_OFFICE.search(signature)
    verb = FORWARD_VERB.search(text) or FORWARD_VERB.search(signature)
    return f"{office.group()} … {verb.group()}" if office and verb else ""
