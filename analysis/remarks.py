"""A reply's general remarks (issue 18 item 2): what it says outside its initiatives.

Support, criticism and remarks on the process carry no concrete proposal, yet the
høringsnotat reports them under "Generelle bemærkninger". They are the reply's sentences
that no initiative holds and that take a stance (an opinion, support, criticism, a concern,
a "bør" outside any proposal) or ask about the process, as whole sentences in reading
order. Greetings, thanks, letterhead, headings, "about us", announcements of the proposals
below and offers to take part ("står gerne til rådighed") take no stance and stay out.
Pure: text in, text out.
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
# Words that say what the writer thinks of something, Danish and English.
_STANCE = re.compile(
    r"(?i)\b(?:synes|mener|finder\s+det|støtte[rs]?|bakke[rs]?\s+(?:\w+\s+)?op|opbakning"
    r"|savne[rs]?|mangle[rsd]?|kriti\w*|bekymr\w*|bemærke[rs]?|understrege[rs]?|påpege[rs]?"
    r"|opfordre[rs]?|anbefale[rs]?|håbe[rs]?|ønske[rs]?|oplev\w*|glæde[rs]?|glad|positiv\w*"
    r"|vigtig\w*|skuffe\w*|ærgerlig\w*|desværre|utilfreds|tilfreds|svært|for\s+kort"
    r"|bør|burde|ambitiøs\w*|fint|godt\s+(?:initiativ|tiltag|at)"
    r"|support\w*|welcome[sd]?|concern\w*|regret\w*|urge[sd]?|believe[sd]?|should|must"
    r"|important|disappoint\w*)\b"
)
# Offers to take part and pleasantries: a stance word in them is politeness, not a stance.
_OFFER = re.compile(
    r"(?i)\bgerne\b.*\b(?:til\s+rådighed|deltage[rs]?|indgå[rs]?|bidrage[rs]?|dialog\w*"
    r"|uddyb\w*|møde)\b|\bser\s+(?:\w+\s+)?frem\s+til\b|\bønske[rs]?\s+(?:jer|dig|dem)\b"
    r"|\bstår\s+(?:gerne\s+)?til\s+rådighed\b"
)


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
    if is_boilerplate(unit) or content_free(unit) or NO_COMMENTS_PATTERN.search(unit):
        return False
    # "støtter ... og ser frem til den videre proces": the stance, not the pleasantry, counts.
    return unit.endswith("?") or bool(_STANCE.search(_OFFER.sub(" ", unit)))


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
