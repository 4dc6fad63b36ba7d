"""message/partial (RFC 2046 5.2.2): one mail split into numbered fragments.

A fragment is of little use alone: the first one carries the enclosed message's headers
and the start of its body, the others only more body bytes. When every fragment of an id
is at hand they are joined as the RFC says; otherwise the first fragments in a row are
joined and parsed for what is readable in them, and the loss is stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser

from hoering.header_syntax import FIELD_NAME_BYTES

_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_FIELD_START = re.compile(rb"^%s[ \t]*:" % FIELD_NAME_BYTES, re.MULTILINE)
# Fields the enclosed message keeps; the others come from the first enclosing message.
_ENCLOSED = (b"content-", b"subject", b"message-id", b"encrypted", b"mime-version")
MAX_FRAGMENTS = 1000  # a "total" beyond this is not a real split


@dataclass(frozen=True)
class Fragment:
    """One message/partial entity: its parameters, its own header block and its body."""

    id: str
    number: int
    total: int | None
    head: bytes
    body: bytes


def fragment(data: bytes) -> Fragment | None:
    """The fragment a whole message/partial mail holds, or None for any other mail."""
    head, body = split_head(data)
    return fragment_of(BytesHeaderParser().parsebytes(head + b"\n\n"), head, body)


def fragment_of(entity: Message, head: bytes, body: bytes) -> Fragment | None:
    """The fragment an entity with these raw header and body bytes is, if it is one."""
    if entity.get_content_type() != "message/partial":
        return None
    number, total = _number(entity.get_param("number")), _number(entity.get_param("total"))
    if number is None or number < 1:
        return None
    return Fragment(str(entity.get_param("id") or ""), number, total, head, body)


def reassemble(fragments: Sequence[Fragment]) -> tuple[bytes | None, str | None]:
    """The enclosed message from fragments of one id, and a warning when some are missing.

    (None, warning) when the first fragment is missing: the rest cannot be read without it.
    """
    by_number = {item.number: item for item in fragments}
    total = max((item.total for item in fragments if item.total), default=None)
    label = f"message/partial id {fragments[0].id!r}"
    if 1 not in by_number:
        held = ", ".join(map(str, sorted(by_number)))
        return (
            None,
            f"{label}: fragment(s) {held} of {total or '?'} without the first; not readable",
        )
    count = _run(fragments)
    body = b"".join(by_number[number].body for number in range(1, count + 1))
    whole = _merged(by_number[1].head, body)
    if total is not None and count >= total:
        return whole, None
    absent = [n for n in range(count + 1, (total or count + 1) + 1) if n not in by_number]
    missing = ", ".join(map(str, absent[:10])) + (", ..." if len(absent) > 10 else "")
    kept = "1" if count == 1 else f"1-{count}"
    return whole, (
        f"{label}: fragment(s) {missing} of {total or '?'} missing; "
        f"what fragment(s) {kept} hold is kept"
    )


@dataclass(frozen=True)
class Joined:
    """What became of one fragment inside a multipart: the first one of a readable group
    carries the message, the others of its run are consumed; `warning` says what is lost."""

    whole: bytes | None
    warning: str | None
    consumed: bool = False


def joined_children(data: bytes, boundary: str) -> dict[tuple[str, int], Joined]:
    """The message/partial children of a top-level multipart, joined per id, keyed by
    (id, number). Read from the raw bytes: the stdlib re-encodes what it parses."""
    groups: dict[str, list[Fragment]] = {}
    for piece in _children(split_head(data)[1], boundary):
        found = fragment(piece)
        if found is not None:
            groups.setdefault(found.id, []).append(found)
    joined: dict[tuple[str, int], Joined] = {}
    for split_id, fragments in groups.items():
        whole, warning = reassemble(fragments)
        run = _run(fragments) if whole is not None else 0
        for item in fragments:
            if item.number == 1:
                joined[split_id, 1] = Joined(whole, warning)
            else:  # in the joined run, or beyond a gap and so unreadable
                joined[split_id, item.number] = Joined(None, warning, item.number <= run)
    return joined


def _children(body: bytes, boundary: str) -> list[bytes]:
    """The raw body parts between the delimiter lines of a multipart body."""
    marker = re.escape(boundary.encode("ascii", "replace"))
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + marker + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    pieces: list[bytes] = []
    start = None
    for match in delimiter.finditer(body):
        if start is not None:
            pieces.append(body[start : match.start()])
        if match.group(1):  # the close delimiter
            return pieces
        start = match.end()
    if start is not None:
        pieces.append(body[start:])
    return pieces


def _run(fragments: Sequence[Fragment]) -> int:
    """How many fragments from the first on are there without a gap."""
    numbers = {item.number for item in fragments}
    count = 0
    while count + 1 in numbers and count < MAX_FRAGMENTS:
        count += 1
    return count


def split_head(data: bytes) -> tuple[bytes, bytes]:
    """(header block, body) of raw message bytes, split at the first blank line."""
    end = _BLANK_LINE.search(data)
    return (data[: end.start()], data[end.end() :]) if end else (data, b"")


def _merged(outer_head: bytes, enclosed: bytes) -> bytes:
    """RFC 2046 5.2.2.1: the outer header's other fields, then the enclosed message."""
    inner_head, inner_body = split_head(enclosed)
    kept = [field for field in _fields(outer_head) if not _is_enclosed(field)]
    kept += [field for field in _fields(inner_head) if _is_enclosed(field)]
    return b"\r\n".join(field.rstrip(b"\r\n") for field in kept) + b"\r\n\r\n" + inner_body


def _fields(head: bytes) -> list[bytes]:
    """Header fields with their folded continuation lines."""
    starts = [match.start() for match in _FIELD_START.finditer(head)]
    return [head[start:end] for start, end in zip(starts, [*starts[1:], len(head)], strict=True)]


def _is_enclosed(field: bytes) -> bool:
    return field.lower().startswith(_ENCLOSED)


def _number(value: object) -> int | None:
    text = str(value).strip() if isinstance(value, str) else ""
    return int(text) if text.isdigit() and len(text) < 7 else None
