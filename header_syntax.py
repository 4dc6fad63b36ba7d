"""The name of a mail header field, as RFC 5322 spells it (section 3.6.8): printable US-ASCII
but the colon. Ingest matches it to tell a mail file from other files, parse to sniff,
repair and reassemble header blocks; this is its one spelling.

The part after the name differs by purpose and stays with each pattern: whether white space
may stand before the colon (RFC 822's obsolete "Subject :", RFC 5322 section 4.5.8).
It imports nothing, so every package may use it.
"""

from __future__ import annotations

FIELD_NAME = r"[!-9;-~]+"  # for patterns over text
FIELD_NAME_BYTES = FIELD_NAME.encode("ascii")  # for patterns over a message's bytes
