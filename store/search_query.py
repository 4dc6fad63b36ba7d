"""What a search query asks for, read the way a Danish reader means it.

A query is words and "quoted phrases". Every word and every phrase must occur (AND). Search
looks for substrings of the case-folded text (proposals.search_text), so a word also finds the
compounds and inflections that contain it: "lobby" finds "lobbyregistret", "sygehus" finds
"sygehusene", "kommune" finds "kommunernes". On top of that each word gets a few forms:

- æ/ø/å may be written ae/oe/aa and the other way round: "hoering" also finds "høring", and
  "høring" also finds "hoering". ø is never o: "sø" does not find "so".
- a final -er/-el/-en after a consonant drops its e, as Danish inflection does: "register"
  also finds "registret" (and so "lobbyregistret"), "regel" finds "reglerne".
- a plural or definite ending is taken off a word that has one: "sygehusene" finds "sygehus".

A phrase (or a single word in quotes) is matched as written: only case and runs of spaces
are folded, and it gets no other forms. Words shorter than
MIN_CHARS are skipped: a substring of one or two letters is in nearly every reply, and the
trigram indexes cannot look it up. Every form is a lookup of its own, so the desk-hold cap
MAX_TERMS counts forms, not words: a word whose forms would pass it is dropped, with the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoering.danish_letters import DIGRAPHS

# Every form is one index lookup: 2,000 terms ran past 30 s on the sample inbox (issue 20).
MAX_TERMS = 32
MIN_CHARS = 3  # the trigram indexes need 3 characters; shorter words are skipped
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\W_]+(?:[-\'][^\W_]+)*)')
_DIGRAPHS = tuple((digraph, letter) for letter, digraph in DIGRAPHS.items())
_CONSONANTS = set("bcdfghjklmnpqrstvwxz")
# Plural and definite endings, longest first; what is left must keep MIN_STEM letters.
_ENDINGS = ("ernes", "enes", "erne", "ene", "ets", "et")
MIN_STEM = 5


@dataclass(frozen=True)
class Term:
    """One required part of a query: found when the text holds any of `forms`."""

    forms: tuple[str, ...]
    phrase: bool = False


def parse(query: str) -> list[Term]:
    """The required terms of `query`, each once; at most MAX_TERMS forms in all."""
    found: list[Term] = []
    used = 0
    for phrase, word in _PHRASE_OR_WORD.findall(query):
        term = _phrase(phrase) if phrase else _word(word)
        if term is None or term in found:
            continue
        if used + len(term.forms) > MAX_TERMS:
            break
        found.append(term)
        used += len(term.forms)
    return found


def _phrase(text: str) -> Term | None:
    folded = " ".join(text.casefold().split())
    if len(folded) < MIN_CHARS:
        return None
    return Term((folded,), phrase=True)


def _word(word: str) -> Term | None:
    folded = word.casefold()
    if len(folded) < MIN_CHARS:
        return None
    forms: list[str] = []
    for spelling in _spellings(folded):
        for form in (spelling, _syncope(spelling), _stem(spelling)):
            if form and len(form) >= MIN_CHARS and form not in forms:
                forms.append(form)
    return Term(tuple(_fewest(forms)))


def _spellings(word: str) -> list[str]:
    """`word`, with ae/oe/aa as æ/ø/å, and with æ/ø/å as ae/oe/aa (those that differ)."""
    letters, digraphs = word, word
    for digraph, letter in _DIGRAPHS:
        letters = letters.replace(digraph, letter)
        digraphs = digraphs.replace(letter, digraph)
    return list(dict.fromkeys((word, letters, digraphs)))


def _syncope(word: str) -> str | None:
    """ "register" -> "registr": the e of a final -er/-el/-en after a consonant drops when
    an ending follows (registret, reglerne, åbne)."""
    if len(word) >= 4 and word[-2] == "e" and word[-1] in "rln" and word[-3] in _CONSONANTS:
        return word[:-2] + word[-1]
    return None


def _stem(word: str) -> str | None:
    """ "sygehusene" -> "sygehus": a plural or definite ending taken off."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return None


def _fewest(forms: list[str]) -> list[str]:
    """The forms that no shorter form is a substring of: "sygehus" covers "sygehusene"."""
    return [f for f in forms if not any(other != f and other in f for other in forms)]


def all_forms(terms: list[Term]) -> list[str]:
    """Every form of every term, longest first (for marking matches in a snippet)."""
    return sorted({form for term in terms for form in term.forms}, key=len, reverse=True)
