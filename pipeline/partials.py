"""Join the fragments of a split mail (message/partial) that arrive in one import.

Outlook Express and Thunderbird can split a large mail into several ("del 1 af 3"); an
mbox or a folder of .eml files then holds every fragment as a message of its own. Parsed
alone, only the first one is partly readable, so an import holds fragments back until
every fragment of their id has come and yields the joined mail in their place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from hoering.ingest.raw import FolderChecked, RawMessage, SkippedMessage
from hoering.parse.limits import MIB
from hoering.parse.partial import Fragment, fragment, reassemble

log = logging.getLogger(__name__)

HELD_BYTES = 64 * MIB  # fragments held at once in the main process; beyond it they pass unjoined

Item = RawMessage | SkippedMessage | FolderChecked


def joined_partials(items: Iterable[Item], held_bytes: int = HELD_BYTES) -> Iterator[Item]:
    """`items` in order, except that message/partial fragments come out joined, at the
    place of the fragment that completed them; incomplete ones come out, as they are, last."""
    held: dict[str, list[tuple[Fragment, RawMessage]]] = {}
    size = 0
    for item in items:
        found = fragment(item.data) if isinstance(item, RawMessage) else None
        if found is None or size + len(item.data) > held_bytes:
            yield item
            continue
        group = held.setdefault(found.id, [])
        group.append((found, item))
        size += len(item.data)
        whole, warning = reassemble([piece for piece, _raw in group])
        if whole is not None and warning is None:
            del held[found.id]
            size -= sum(len(raw.data) for _piece, raw in group)
            log.info("joined %d fragments of split mail %s", len(group), found.id)
            first = next(raw for piece, raw in group if piece.number == 1)
            yield replace(first, data=whole)
    for group in held.values():
        log.warning("split mail %s: %d fragment(s) without the rest", group[0][0].id, len(group))
        yield from (raw for _piece, raw in group)
