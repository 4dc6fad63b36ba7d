# Frozen for migration 0006: hoering/analysis/language.py at 6196859; never edit.
"""Tell Danish from English (and from anything else) in reply text, offline and explainably.

A stopword count, not a model: replies are Danish or English prose of a few dozen words or
more, where the commonest function words decide reliably. lingua-language-detector was
considered and left out: its wheel is 96 MB for a three-way choice this handles. Swedish,
Norwegian and German get lists of their own words that the Danish list lacks, so they come
out as "other" rather than as Danish.
"""

from __future__ import annotations

import re

DANISH = "da"
ENGLISH = "en"
OTHER = "other"

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    """A word list written as one string: long lists stay readable and diffable."""
    return frozenset(text.split())


# Function words frequent in each language and rare in the others. Danish and Norwegian
# share most of theirs, so each of the neighbours lists only words that tell it apart.
_STOPWORDS: dict[str, frozenset[str]] = {
    DANISH: _words(
        "og i at det er en til på som de med af for ikke der har den vi jeg kan om et "
        "skal være også men eller fra sig så vil bør blive bliver hvor når alle deres "
        "dette disse meget efter ved hvis kun nu jeres mig os dem han hun man mod uden "
        "samt hvordan hvilke hvad selv fordi mere mindre andre anden blev været få får "
        "giver tak venlig hilsen hermed se vedhæftet vedhæftede ingen bemærkninger "
        "forslag"
    ),
    ENGLISH: _words(
        "the and of to in is that it for on with as be are this by we our from at or "
        "not an have has should would will can which their they you your all more "
        "also was were been into than other about these those there what when how "
        "regards kind dear please thank thanks proposal comments see find attached "
        "no"
    ),
    "sv": _words("och är inte att för från också mycket hur vår våra alla till"),
    "nb": _words(
        "av hva mye noe noen ble blitt blir enn ut opp gjør gjøre dere oss meg deg seg "
        "vært etter åpne åpen kanskje"
    ),
    "de": _words("und der die das ist nicht zu mit für auf eine ein wir ich sie"),
}
# Words the neighbours share with Danish would tie every Danish text: count them for Danish.
for _other in ("sv", "nb", "de"):
    _STOPWORDS[_other] = _STOPWORDS[_other] - _STOPWORDS[DANISH]

_DANISH_LETTERS = re.compile("[æø]")  # Danish or Norwegian; Swedish and German spell ä, ö
MIN_HITS = 2  # fewer telling words than this: too little text to tell
MIN_SHARE = 0.15  # of all words; below it the text is not prose in any listed language
# A neighbour's own words a third as often as Danish ones: it is that neighbour, since
# Danish prose hardly ever uses them.
NEIGHBOUR_RATIO = 3


def detect_language(text: str) -> str:
    """ "da", "en" or "other" (unknown languages, and texts too short or not prose)."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if not words:
        return OTHER
    hits = {lang: sum(word in stop for word in words) for lang, stop in _STOPWORDS.items()}
    # Short replies ("Se vedhæftede høringssvar.") have few stopwords; æ and ø tell too.
    hits[DANISH] = sum(
        word in _STOPWORDS[DANISH] or bool(_DANISH_LETTERS.search(word)) for word in words
    )
    best = max((DANISH, ENGLISH), key=lambda lang: hits[lang])
    if hits[best] < MIN_HITS or hits[best] / len(words) < MIN_SHARE:
        return OTHER
    neighbours = max(hits[lang] for lang in hits if lang not in (DANISH, ENGLISH))
    if neighbours >= MIN_HITS and neighbours * NEIGHBOUR_RATIO >= hits[best]:
        return OTHER
    return best
