"""The stdlib MIME parser with a nesting guard, for mail nested too deep for mail-parser.

mail-parser 4.8.0 raises MailParserRecursionError, and the stdlib's feedparser a
RecursionError, on a few hundred levels of multipart or message/rfc822 (a mail loop that
forwards a mail into itself, or a crafted mail): the whole reply was lost although its text
sits at the top. Here parts deeper than `max_depth` are not parsed; each is kept, headers
and all, as one text attachment, and the cut is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.feedparser import FeedParser, NeedMoreData
from email.message import Message

MAX_MIME_DEPTH = 50  # real mail nests a handful of levels; a forward of a forward, 10 or so
CUT_NAME = "dybere-mime-dele.txt"
_CHUNK = 8192


def cut_note(depth: int) -> str:
    return f"nesting cut at depth {depth}: deeper parts kept unparsed as {CUT_NAME}"


class _GuardedParser(FeedParser):
    """A FeedParser that stops descending at `max_depth` nested entities."""

    def __init__(self, max_depth: int) -> None:
        # FeedParser.__init__ already starts the parse generator, which reads these.
        self.max_depth = max_depth
        self.cut = False
        super().__init__()

    def _parsegen(self) -> Iterator[object]:
        # The private generator FeedParser recurses into for every nested entity
        # (CPython 3.11-3.13); _msgstack holds the entities enclosing this one.
        if len(self._msgstack) < self.max_depth:
            return super()._parsegen()
        return self._unparsed()

    def _unparsed(self) -> Iterator[object]:
        """The rest of this entity, up to its enclosing boundary, as one text attachment."""
        self._new_message()
        self.cut = True
        lines = []
        for line in self._input:
            if line is NeedMoreData:
                yield NeedMoreData
                continue
            lines.append(line)
        self._cur.set_payload("".join(lines))
        self._cur["Content-Type"] = "text/plain"
        self._cur["Content-Disposition"] = f'attachment; filename="{CUT_NAME}"'


def parse_guarded(data: bytes, max_depth: int = MAX_MIME_DEPTH) -> tuple[Message, bool]:
    """The message parsed as email.message_from_bytes would, to `max_depth` levels; and
    whether anything was cut."""
    parser = _GuardedParser(max_depth)
    # As email.parser.BytesParser: 8-bit bytes survive as surrogate escapes.
    text = data.decode("ascii", "surrogateescape")
    for start in range(0, len(text), _CHUNK):
        parser.feed(text[start : start + _CHUNK])
    return parser.close(), parser.cut
