"""Read the sender, dates and subject from header values, tolerating what real mailers send."""

from __future__ import annotations

import email.utils
import re
import unicodedata
from datetime import UTC, datetime
from email.message import Message

from mailparser.dates import parse_mail_date
from mailparser.utils import get_addresses

from hoering.parse.subject import decode_raw_header, decode_subject

# Longer display names are cut: the database column holds 500 characters, and the
# respondent rules read the name.
MAX_NAME_CHARS = 500
_HEADER_LINE = re.compile(rb"^subject[ \t]*:(.*)$", re.IGNORECASE | re.DOTALL)


def split_header_block(data: bytes) -> tuple[bytes, bytes]:
    """(header block up to and with its empty line, body) of a raw message, at the first
    empty line whichever line ending it has; a message without one is all header."""
    positions = [(data.find(sep), sep) for sep in (b"\r\n\r\n", b"\n\n")]
    found = [(pos, sep) for pos, sep in positions if pos != -1]
    if not found:
        return data, b""
    pos, sep = min(found)
    return data[: pos + len(sep)], data[pos + len(sep) :]


def header_block(data: bytes) -> bytes:
    """The header section of a raw message (up to the first empty line)."""
    return split_header_block(data)[0]


def subject_from_header_block(block: bytes) -> str:
    """Decoded Subject from a bare header block (IMAP HEADER.FIELDS (SUBJECT)); "" if absent."""
    lines = block.replace(b"\r\n", b"\n").split(b"\n")
    for index, line in enumerate(lines):
        found = _HEADER_LINE.match(line)
        if found:
            folded = [found.group(1)]
            for more in lines[index + 1 :]:
                if more[:1] not in (b" ", b"\t"):
                    break
                folded.append(more)
            return decode_subject(b"".join(folded))
    return ""


def raw_header(msg: Message, name: str) -> str | None:
    """First occurrence of a header as sent (8-bit bytes kept as surrogate escapes)."""
    wanted = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == wanted:
            return str(value)
    return None


def parse_address(value: str) -> tuple[str, str]:
    """(display name, lower-case address) of the first mailbox; ("", "") if there is none."""
    # NUL bytes (sent by broken web forms) stop the address scanner: name and address
    # came back empty, and `forget --sender` could not find the person.
    text = _restore_8bit(value).replace("\x00", "")
    name, address = _first_mailbox(text)
    if "@" not in address and "=?" in text:
        # A broken mailer encoded the whole 'Name <address>' as ONE encoded word,
        # so the address only appears after decoding (mailer not identified).
        name, address = _first_mailbox(decode_subject(text))
    if "=?" in name:
        # Some mailers put encoded words inside quotes (corpus mikel_invalid_subject_characters);
        # RFC 2047 forbids it, so mail-parser leaves them encoded.
        name = decode_subject(name)
    name = unicodedata.normalize("NFC", " ".join(name.split()).strip("\"' "))
    return name[:MAX_NAME_CHARS], address.strip().lower()


def _restore_8bit(value: str) -> str:
    """Raw 8-bit bytes (surrogate escapes) as text, read as subjects are (parse/subject.py):
    UTF-8, else Windows-1252 (Latin-1 mailers), word by word where the two are mixed."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return decode_raw_header(value.encode("utf-8", "surrogateescape"))
    return value


def _first_mailbox(value: str) -> tuple[str, str]:
    # mail-parser's scanner recovers display names and comments more carefully
    # than email.utils.parseaddr, and decodes unquoted encoded words.
    for name, address in get_addresses(value, decode_names=True):
        if address:
            return name, address
    return "", ""


def parse_date(value: str | None) -> datetime | None:
    """Timezone-aware datetime from an RFC 5322 date (in UTC); None if unreadable.

    A date without a zone is taken to be UTC rather than local time.
    """
    if not value or not value.strip():
        return None
    # mail-parser's parser handles comments, obsolete zones and "-0000" (which
    # the stdlib returns naive); the stdlib is laxer about "+02:00" or no zone.
    parsed = parse_mail_date(value).value or _lenient_date(value)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


# "+02:00" (corpus os2ds_weird-url.eml) and "GMT+0100": both parsers drop such a zone.
# Starts only where a run of spaces starts, with no two `\s*` side by side: the first form
# (`\s*(?:GMT|UTC)?\s*`) took 50 s on a Date header of 3,000 spaces, growing with the cube.
_ODD_ZONE = re.compile(r"(?<!\s)\s*(?:(?:GMT|UTC)\s*)?([+-]\d{2}):?(\d{2})\s*$", re.IGNORECASE)


def _lenient_date(value: str) -> datetime | None:
    zoned = _ODD_ZONE.sub(r" \1\2", value)
    if zoned != value and (parsed := parse_mail_date(zoned).value):
        return parsed
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def received_date(msg: Message) -> datetime | None:
    """Date the topmost (most recent) Received header gives after its last ';'."""
    received = raw_header(msg, "received")
    if received is None or ";" not in received:
        return None
    return parse_date(received.rsplit(";", 1)[1])
