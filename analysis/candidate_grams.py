"""Character n-grams of an initiative's content words: a second, lexicon-free likeness.

Danish joins words into compounds and inflects them ("folkeafstemninger" beside "en
afstemning", "sagsbehandlingstider" beside "ventetider"), so two paraphrases of an ask the
lexicon does not know often share parts of words where they share no whole word or stem.
The n-grams of each content word (marked at its ends: "<afs", "ing>") meet there. They are
kept apart from the lexicon's terms and stems (the GRAM prefix): they do not find candidates
(analysis.candidates looks up by the other terms) and have a cosine of their own. Pure.

A word the lexicon reads as a theme word ("kommunerne", "offentliggøres", "data": a concept
below SPECIFIC) adds THEME of a count to its n-grams: every reply on a theme uses them, so at
full weight they made two asks on one theme alike and two paraphrases of one ask less alike
than the rest of their words say.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from hoering.analysis.candidate_lexicon import SPECIFIC
from hoering.analysis.candidate_terms import GRAM, MIN_STEM_WORD, STOPWORDS, tokens, word_concepts

SIZE = 4  # characters per n-gram, the word's end marks included
KEEP = 120  # the heaviest n-grams a candidate's representative keeps
THEME = 0.3  # what a theme word's occurrence counts for its n-grams
CACHED_CHARS = 40  # a longer word (no Danish compound is) is worked out each time


def grams(text: str) -> dict[str, float]:
    """GRAM-prefixed n-gram -> 1 + log(count) (or the count, below one), over the content
    words of `text` (the words analysis.candidate_terms reads as stems: long enough, no
    function word, no number); a theme word counts THEME."""
    found: list[str] = []
    themed: list[str] = []
    for word in tokens(text):
        parts, theme = _cached_grams(word) if len(word) <= CACHED_CHARS else _word_grams(word)
        if theme:
            themed += parts
        else:
            found += parts
    counts: dict[str, float] = Counter(found)  # counted once: Counter's C loop
    for gram, count in Counter(themed).items():
        counts[gram] = counts.get(gram, 0) + THEME * count
    return {
        gram: round(1.0 + math.log(count) if count >= 1.0 else count, 6)
        for gram, count in counts.items()
    }


def _word_grams(word: str) -> tuple[tuple[str, ...], bool]:
    """One folded word's GRAM-prefixed n-grams (none for a function word or a short one),
    and whether it is a theme word (names concepts, none of them SPECIFIC)."""
    if len(word) < MIN_STEM_WORD or word in STOPWORDS or word.isdigit():
        return (), False
    marked = f"<{word}>"
    parts = tuple(GRAM + marked[at : at + SIZE] for at in range(len(marked) - SIZE + 1))
    concepts = word_concepts(word)
    return parts, bool(concepts) and max(c.weight for c in concepts) < SPECIFIC


# Cached: a backlog's letters use the same words again and again. A run's process and each
# worker keep the cache for their life (a worker retires at 256 MiB of growth), so it is
# bounded in words and in their length: 200,000 words of 13 letters on average took 170 MiB,
# 100,000 take 94 MiB (on 2,000,000 words of a Zipf vocabulary, 10 % more time), and a word
# longer than CACHED_CHARS (a hex or base64 run in extracted text) is not kept: 500
# distinct ones of 2,048 characters, one message's text, kept 63 MiB.
_cached_grams = lru_cache(maxsize=100_000)(_word_grams)


def split(terms: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """(the terms without n-grams, the n-grams) of a vector."""
    words: dict[str, float] = {}
    parts: dict[str, float] = {}
    for term, weight in terms.items():
        (parts if term.startswith(GRAM) else words)[term] = weight
    return words, parts
