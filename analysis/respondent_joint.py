"""A joint reply: "Høringssvar fra Danske Medier, Dansk Journalistforbund og Foreningen for
Undersøgende Journalistik" names every body that speaks, in a list that ends in "og"; the
notat lists them together as the party. Each name must be a body the rules recognise; a
list that breaks off ("fra KL, som repræsenterer ...") names the first body alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SEPARATOR = re.compile(r"^\s*(?:,\s*|\s+(?:og|and|samt|&)\s+)", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_LIST_WORDS = frozenset({"og", "and", "samt", "&"})
MAX_NAME_WORDS = 8  # as respondent_org.MAX_PART_WORDS: longer is a sentence, not a name


def joint_bodies(first: str, after: str, recognise: Callable[[str], str]) -> str:
    """`first`, or "first, B og C" when `after` (the text after the first name) goes on
    with a list of recognised bodies ending in "og"/"and". `recognise(part)` is the body's
    name as written, or "" for none."""
    names = [first]
    while separator := _SEPARATOR.match(after):
        after = after[separator.end() :]
        found = _leading_body(after, recognise)
        if not found:
            break
        names.append(found[0])
        after = after[found[1] :]
        if "," not in separator.group():  # "... og C": the list is complete
            return f"{', '.join(names[:-1])} og {names[-1]}"
    return first


def _leading_body(text: str, recognise: Callable[[str], str]) -> tuple[str, int] | None:
    """The longest run of leading words of `text` that is a body: (its name, where it ends).
    The run stops at the list's next "og": "B og C" is two bodies, not one."""
    words = list(_WORD.finditer(text))[:MAX_NAME_WORDS]
    ends = [n for n, word in enumerate(words) if word.group().casefold() in _LIST_WORDS]
    words = words[: ends[0]] if ends else words
    for end in range(len(words), 0, -1):
        name = recognise(" ".join(word.group().rstrip(",") for word in words[:end]))
        if name:
            return name, words[end - 1].end()
    return None
