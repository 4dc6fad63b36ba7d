"""From the raw bytes of one e-mail to a stdlib Message and its defects, repairing on the way
what mailers break (junk before the headers, "Subject :", unindented encoded words)."""

from __future__ import annotations

import contextlib
import email
import re
from email.message import Message

from mailparser import MailParser
from mailparser.const import EPILOGUE_DEFECTS
from mailparser.exceptions import MailParserRecursionError
from mailparser.utils import decode_header_part, find_between, mime_header_view

from hoering.errors import HoeringError
from hoering.header_syntax import FIELD_NAME_BYTES
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
        parser = DefectsOnly.from_bytes(data)
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


class DefectsOnly(MailParser):
    """mail-parser 4.8.0's parse cut to what read_mail reads, the message and its defects.

    Its `parse` also decodes every body, re-encodes every attachment to base64 and builds
    two dicts of the whole mail: about half of its cost (0.4 ms of a text reply's 0.9),
    none of it read here. Kept, in its order: the header diagnostics (`_reset`: address,
    Received and date headers), each part's MIME defects, the part recovered from an
    epilogue, and each part's MIME-header defects; the CharsetDecodeDefect lines it adds
    while decoding bodies are dropped by _defect_warnings anyway. The same expressions, so
    a mail that crashed mail-parser crashes this too (read_mail's fallback).
    tests/parse/test_mail_defects.py compares both over the corpus.
    """

    def parse(self) -> DefectsOnly:
        self._reset()
        if self.message is None:
            return self
        parts = []
        for part in self.message.walk():
            self._append_defects(part, part.get_content_type())
            parts.append(part)
        if self.defects_categories & EPILOGUE_DEFECTS:
            epilogue = find_between(
                self.message.epilogue,
                "--" + self.message.get_boundary(),
                "--" + self.message.get_boundary() + "--",
            )
            if epilogue is not None:
                with contextlib.suppress(Exception):  # mail-parser logs it and goes on
                    parts.append(email.message_from_string(epilogue))
        for index, part in enumerate(parts):
            metadata, found = mime_header_view(part)
            decode_header_part(metadata.get_filename(), defects=found)
            if found:
                self._has_defects = True
                self._defects_categories.add("MimeHeaderDefect")
                self._defects.append(
                    {"mime-headers": [f"MimeHeaderDefect: part {index}, {d}" for d in found]}
                )
        return self


def _stdlib_defects(msg: Message) -> list[str]:
    return [f"{p.get_content_type()}: {type(d).__name__}" for p in msg.walk() for d in p.defects]


_OBSOLETE_NAME = re.compile(rb"^(%s)[ \t]+:" % FIELD_NAME_BYTES, re.MULTILINE)


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


# A field's continuation line without its leading blank, between two fields: the NNTP
# gateway of lists.php.net unfolds "Received: from ..." / "by localhost ..." so (corpus
# phpmmp_issue84). The stdlib ends the header there; the Subject further down became body.
_FIELD = re.compile(rb"^%s:" % FIELD_NAME_BYTES)
_MAX_LOST = 20  # longer runs of lines that are no field are a body, not a folded field


def unindented_words_folded(data: bytes) -> bytes:
    """Indent bare encoded-word lines and continuations that lost their blank, in the header
    block, so they continue the field above."""
    end = _HEADER_END.search(data)
    head_end = end.start() if end else len(data)
    head = data[:head_end]
    if b"\n=?" in head:
        head = _BARE_WORD_LINE.sub(b" ", head)
    return _lost_indents_restored(head) + data[head_end:]


def _lost_indents_restored(head: bytes) -> bytes:
    lines = head.split(b"\n")
    index = 1
    while index < len(lines):
        if _in_field(lines[index]) or not _in_field(lines[index - 1]):
            index += 1
            continue
        run = index  # lines that are no field, after a field
        while run < len(lines) and lines[run].strip() and not _in_field(lines[run]):
            run += 1
        folded = lines[index:run]
        boundary = any(line.startswith(b"--") for line in folded)  # a body's MIME part
        if len(folded) <= _MAX_LOST and _two_fields_at(lines, run):
            lines[index:run] = folded if boundary else [b" " + line for line in folded]
        index = run + 1
    return b"\n".join(lines)


def _two_fields_at(lines: list[bytes], at: int) -> bool:
    """Does the header go on at `at`, a field and one more after it? One field alone after
    a line that is none may as well be body ("Header: ..." ending a mail without its empty
    line, corpus mime4j_malformedHeader-nocrlfcrlf)."""
    if at >= len(lines) or not _FIELD.match(lines[at]):
        return False
    # By index, not over a slice: a copy of the rest per run made a header of many such
    # runs quadratic (80,000 of them: 10 s). The scan stops at the next field.
    return any(_FIELD.match(lines[i]) for i in range(at + 1, len(lines)))


def _in_field(line: bytes) -> bool:
    """A field's first line or a continuation of one."""
    return line[:1] in (b" ", b"\t") or bool(_FIELD.match(line))


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
