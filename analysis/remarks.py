"""A reply's general remarks (issue 18 item 2): what it says outside its initiatives.

Support, criticism and remarks on the process carry no concrete proposal, yet the
høringsnotat reports them under "Generelle bemærkninger". They are the reply's sentences
that no initiative holds, less what says nothing (greetings, thanks, "se vedhæftede",
letterhead, headings), as whole sentences in reading order. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hoering.analysis.cleaning import NO_COMMENTS_PATTERN
from hoering.analysis.summary import content_free, fit, is_boilerplate, substance_units

REMARKS_LIMIT = 600  # characters: a paragraph of the notat, not the reply again
MIN_WORDS = 6  # a shorter sentence is a heading, a label or a fragment
_LIST_ITEM = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[-•*–·▪]|[a-z][.)])\s+")
_SENTENCE_END = re.compile(r"[.!?][\"”»)]?$")
_REMOVED = re.compile(r"\[[^\]]{0,40}\bfjernet\]")


def general_remarks(
    text: str, initiative_texts: Sequence[str] = (), no_comments: bool = False
) -> str:
    """The sentences of `text` that say something and belong to no initiative, or ""."""
    if no_comments:
        return ""
    proposed = _plain(" ".join(initiative_texts))
    kept = [
        unit
        for unit in substance_units(text)
        if _says_something(unit) and _plain(unit) not in proposed
    ]
    return _within_limit(kept)


def _says_something(unit: str) -> bool:
    if _LIST_ITEM.match(unit) or not _SENTENCE_END.search(unit):
        return False  # list items are proposals or headings; a sentence ends
    if len(unit.split()) < MIN_WORDS or _REMOVED.search(unit):
        return False
    return not (is_boilerplate(unit) or content_free(unit) or NO_COMMENTS_PATTERN.search(unit))


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _within_limit(units: list[str]) -> str:
    """Whole sentences up to REMARKS_LIMIT; one longer first sentence is cut at a word."""
    kept: list[str] = []
    for unit in units:
        joined = " ".join([*kept, unit])
        if len(joined) > REMARKS_LIMIT:
            break
        kept.append(unit)
    if not kept and units:
        return fit(units[0], REMARKS_LIMIT)
    return " ".join(kept)
