"""From the raw bytes of one e-mail to a stdlib Message and its defects, repairing on the way
what mailers break (junk before the headers, "Subject :", unindented encoded words)."""

from __future__ import annotations

import re
from email.message import Message

import mailparser
from mailparser.exceptions import MailParserRecursionError

from hoering.errors import HoeringError
from hoering.parse.mime_depth import MAX_MIME_DEPTH, cut_note, parse_guarded


class UnparseableMessage(HoeringError):
    """The bytes hold nothing usable as an e-mail (empty, or no header at all)."""


def read_top(data: bytes) -> tuple[Message, list[str]]:
    """The parsed message and its defects; UnparseableMessage when no header is found."""
    data = unindented_words_folded(strip_leading_junk(data))
    if not data.strip():
        raise UnparseableMessage("empty input")
    msg, defects = read_mail(data)
    if len(msg) == 0:  # Message.__len__ counts header fields
        msg, defects = read_mail(_obsolete_colons_fixed(data))
    if len(msg) == 0:
        raise UnparseableMessage("no header fields: not an e-mail")
    return msg, defects


def read_mail(data: bytes) -> tuple[Message, list[str]]:
    """mail-parser's parse and defect list, or the stdlib's where mail-parser crashes."""
    try:
        parser = mailparser.parse_from_bytes(data)
    except MailParserRecursionError:
        msg, cut = parse_guarded(data)
        return msg, [cut_note(MAX_MIME_DEPTH)] if cut else []
    except (AttributeError, TypeError):
        # mail-parser 4.8.0's epilogue recovery (parse() -> find_between) assumes that the
        # root is a multipart with a boundary and an epilogue. When a nested multipart's
        # boundary never starts (a truncated message) it raises one of these instead.
        msg, cut = parse_guarded(data)
        crash = "mail-parser crashed on this structure; parsed with the stdlib alone"
        return msg, [crash, *([cut_note(MAX_MIME_DEPTH)] if cut else []), *_stdlib_defects(msg)]
    return parser.message, _defect_warnings(parser.defects)


def _stdlib_defects(msg: Message) -> list[str]:
    return [f"{p.get_content_type()}: {type(d).__name__}" for p in msg.walk() for d in p.defects]


_OBSOLETE_NAME = re.compile(rb"^([!-9;-~]+)[ \t]+:", re.MULTILINE)


def _obsolete_colons_fixed(data: bytes) -> bytes:
    """RFC 822 allowed "Subject :"; the stdlib then finds no header at all."""
    head, sep, rest = (
        data.partition(b"\r\n\r\n") if b"\r\n\r\n" in data else data.partition(b"\n\n")
    )
    return _OBSOLETE_NAME.sub(rb"\1:", head) + sep + rest


# An encoded word alone on a header line, without the leading space that makes it a
# continuation: Exchange Online (Japan) folds long subjects this way (corpus
# msgreader_UTF-8_Test). The stdlib ends the header there and reads the rest as body.
_BARE_WORD_LINE = re.compile(rb"^(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=[ \t]*\r?$)", re.MULTILINE)
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def unindented_words_folded(data: bytes) -> bytes:
    """Indent bare encoded-word lines in the header block so they continue the field above."""
    end = _HEADER_END.search(data)
    head_end = end.start() if end else len(data)
    head = data[:head_end]
    if b"\n=?" not in head:
        return data
    return _BARE_WORD_LINE.sub(b" ", head) + data[head_end:]


def strip_leading_junk(data: bytes) -> bytes:
    # A BOM or blank lines before the first header would make every header body text.
    return data.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")


def _defect_warnings(defects: list[dict[str, list[str]]]) -> list[str]:
    """One line per MIME or header defect mail-parser found, without its long docstrings."""
    lines = []
    for group in defects:
        for where, items in group.items():
            for item in items:
                name, _, detail = item.partition(": ")
                if name == "CharsetDecodeDefect":
                    continue  # bodies are decoded here, with our own fallback warnings
                text = detail if where.endswith("-headers") else name
                lines.append(f"{where}: {text}"[:300])
    return lines
