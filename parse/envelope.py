"""A message's header block, parsed once: what identity, the automatic-mail check and the
listing of automatic mail read, instead of each parsing the headers again.

Pure: bytes in, an Envelope out. The full MIME parse (mail-parser, for bodies and
attachments) is separate and runs later, in a parse worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser

from hoering.parse.headers import parse_address, raw_header, split_header_block
from hoering.parse.subject import decode_subject


@dataclass(frozen=True)
class Envelope:
    """The headers of one message (as sent, 8-bit bytes kept) and the bytes after them."""

    headers: Message
    body: bytes

    def header(self, name: str) -> str | None:
        """First occurrence of header `name` as sent; None if absent."""
        return raw_header(self.headers, name)

    @property
    def sender(self) -> tuple[str, str]:
        """(display name, lower-case address) of From; ("", "") without one."""
        return parse_address(self.header("from") or "")

    @property
    def subject(self) -> str:
        """The decoded Subject; "" without one."""
        return decode_subject(self.header("subject") or "")


def read_envelope(data: bytes) -> Envelope:
    """The envelope of a raw message; never raises (a message without headers has an
    empty header block and all its bytes as body)."""
    head, body = split_header_block(data)
    return Envelope(BytesHeaderParser(policy=policy.compat32).parsebytes(head), body)
