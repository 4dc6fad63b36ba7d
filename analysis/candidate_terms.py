"""An initiative's text as weighted terms: the concepts of analysis.candidate_lexicon it
names, and the Danish stems of its other content words. Pure; no model, no I/O.

Matching is done on folded text (æ -> ae, ø -> oe, å -> aa, accents dropped), so "Åbne",
"aabne" and "abne" written by a keyboard without Danish letters meet; what users see keeps
its spelling. Compounds are split against the lexicon: a word that begins with one concept's
form and ends with another's ("lobbyistregister") names both.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from hoering.analysis.candidate_lexicon import CONCEPTS, SPECIFIC, WHOLE, Concept
from hoering.danish_letters import DIGRAPHS

STEM_WEIGHT = 0.5  # a content word outside the lexicon
MIN_HEAD = 4  # a shorter form matches only a whole word ("api", "odf")
MIN_TAIL = 5  # a form that ends a compound must be this long ...
MIN_TAIL_PART = 4  # a lexicon form that ends a compound whose head is stemmed
MIN_REST = 3  # ... and leave this much of the word before it
MIN_STEM_WORD = 4  # shorter words outside the lexicon carry no meaning of their own
CONCEPT = "c:"  # term prefixes: a concept of the lexicon, or a stem
STEM = "s:"
GRAM = "g:"  # a character n-gram (analysis.candidate_grams)
DETAIL = 0.3  # share of its weight a term keeps when named only in a detail
LEAD = 1.1  # the first ask a text names, outside details, weighs this much more

_FOLD = str.maketrans({**DIGRAPHS, "ä": "ae", "ö": "oe", "ü": "ue"})
_TOKEN = re.compile(r"[a-z0-9]+")


# Function words and the words of asking ("we propose that ... should") in both languages:
# every initiative has them, so they would group everything with everything.
def _words(text: str) -> frozenset[str]:
    """A word list written as one string, as in analysis.language."""
    return frozenset(text.split())


STOPWORDS = _words(
    """
    og i at det er en til paa som de med af for ikke der har den vi jeg kan om et skal vaere
    ogsaa men eller fra sig saa vil boer blive bliver hvor naar alle deres dette disse meget
    efter ved hvis kun nu jeres mig os dem han hun man mod uden samt hvordan hvilke hvad selv
    fordi mere mindre andre anden blev vaeret faa faar giver tak venlig hilsen hermed se
    ingen forslag foreslaar foreslaa foreslaaet foreslag opfordr anbefal mener synes gerne
    kunne skulle ville eksempel fx bl dag idag mange flere alle hele helt enkelte enkelt
    saadan derfor desuden samtidig blandt inden over under mellem hver hvert
    the and of to in is that it for on with as be are this by we our from at or not an have
    has should would will can which their they you your all more also was were been into
    than other about these those there what when how propose proposal proposes suggest
    recommend first second third could must make like such many some every each very just
    """
)


# Words that bring in an example, an inclusion or a purpose: the rest of their clause is a
# detail of the ask ("herunder lobbyister", "especially purchasers", "so that one sees which
# lobbyists they meet"), not the ask. "Også"/"also" and "så" (so that) only when a clause
# after a comma begins with them (", også møder med lobbyister", ", så man kan se ..."):
# inside a clause, or beginning a sentence, "også" adds an ask ("vi foreslår også et
# lobbyregister"). Not "særlig(t)": it is also an adjective ("et særligt register").
# Abbreviations with full stops are read as one word first (f.eks. -> fx), since a full stop
# ends a clause, and so are phrases ("such as", "so that" -> eg).
_DETAIL_WORDS = _words(
    """
    herunder inklusive inkl isaer navnlig fx eksempelvis bla saasom
    including incl especially particularly notably eg
    """
)
_CLAUSE_DETAIL_WORDS = _DETAIL_WORDS | _words("ogsaa also saa")
# Words that begin a subordinate clause. Danish puts a comma before each one ("så man kan se,
# hvad der udledes nær de vandværker, der leverer drikkevandet"), so a comma followed by one
# goes on with the detail it is in; any other comma ends it.
_SUBORDINATORS = _words(
    """
    der som hvad hvilke hvilket hvem hvor hvorfor hvornaar naar at om hvis fordi mens
    which who whom whose where when whether
    """
)
_PHRASES = {
    "f.eks.": "fx", "f. eks.": "fx", "bl.a.": "bla", "bl. a.": "bla", "e.g.": "eg",
    "blandt andet": "bla", "for eksempel": "fx", "such as": "eg", "for example": "eg",
    "for instance": "eg", "so that": "eg", "in order to": "eg", "for at": "fx",
    "saa at": "fx", "saaledes at": "fx",
}  # fmt: skip
_PHRASE = re.compile(r"\b(?:" + "|".join(map(re.escape, _PHRASES)) + r")(?![a-z0-9])")
_NARROWS = {CONCEPT + c.name: CONCEPT + c.narrows for c in CONCEPTS if c.narrows}
_PIECE = re.compile(r"[a-z0-9]+|[,;:!?()\n]|\.(?=\s|$)")  # a word or a clause's end
_ENDS = frozenset(",;:!?()\n.")
_MARKS = _ENDS | _CLAUSE_DETAIL_WORDS


def _phrase(match: re.Match[str]) -> str:
    return _PHRASES[match.group()]


@dataclass(frozen=True)
class _Form:
    tokens: tuple[str, ...]
    concept: Concept
    whole: bool  # written with a trailing WHOLE: matches whole words only

    def starts(self, word: str, at: int = 0) -> bool:
        """Whether `word` is (or, unless whole, begins with) this form's token `at`."""
        return word == self.tokens[at] if self.whole else _starts(word, self.tokens[at])


def fold(text: str) -> str:
    """Lower case without Danish or other accents, for matching only."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    # Char by char gives the same as translating and decomposing the whole text (both work
    # on single characters, and every combining mark is dropped), and only the few
    # non-ASCII ones take the slow path: 8 times faster on a Danish letter, and every
    # initiative is folded when it is placed in a candidate.
    return _NON_ASCII.sub(_fold_match, folded)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=1)
def _forms() -> tuple[tuple[_Form, ...], dict[str, list[_Form]]]:
    """Single-word forms longest first; multi-word ones by their first token's head."""
    forms = [
        _Form(tuple(tokens(f)), c, f.endswith(WHOLE))
        for c in CONCEPTS
        for f in c.forms
        if tokens(f)
    ]
    words = (f for f in forms if len(f.tokens) == 1)
    single = tuple(sorted(words, key=lambda f: -len(f.tokens[0])))
    multi: dict[str, list[_Form]] = {}
    for form in sorted((f for f in forms if len(f.tokens) > 1), key=lambda f: -len(f.tokens)):
        multi.setdefault(form.tokens[0][:MIN_HEAD], []).append(form)
    return single, multi


def _starts(word: str, form: str) -> bool:
    return word == form or (len(form) >= MIN_HEAD and word.startswith(form))


def _multi_at(words: list[str], at: int, multi: dict[str, list[_Form]]) -> _Form | None:
    # Keys are a first token's first MIN_HEAD letters: a longer word is found by its head.
    for form in multi.get(words[at][:MIN_HEAD], ()):
        span = words[at : at + len(form.tokens)]
        if len(span) == len(form.tokens) and all(
            form.starts(token, i) for i, token in enumerate(span)
        ):
            return form
    return None


@lru_cache(maxsize=200_000)
def word_concepts(word: str) -> tuple[Concept, ...]:
    """The concepts one folded word names: its head's and its tail's (a compound)."""
    single, _ = _forms()
    head = next((f for f in single if f.starts(word)), None)
    covered = len(head.tokens[0]) if head else 0
    tail = next(
        (
            f
            for f in single
            if len(f.tokens[0]) >= MIN_TAIL
            and not f.whole
            and len(word) - len(f.tokens[0]) >= max(MIN_REST, covered)
            and word.endswith(f.tokens[0])
        ),
        None,
    )
    found = [form.concept for form in (head, tail) if form is not None]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def term_counts(text: str) -> tuple[Counter[tuple[str, float]], Counter[tuple[str, float]]]:
    """(term, weight) -> how often the text names it, outside details and in them. A detail
    is the rest of a clause after a word that brings in an example, an inclusion or a purpose
    (_DETAIL_WORDS): "the ministers' calendars, including meetings with lobbyists" names
    lobbyists on the way."""
    _, multi = _forms()
    # Words and clause ends in one pass; a multi-word form never matches across an end (an
    # end is no word of a form), and an end names no term.
    pieces = _PIECE.findall(_PHRASE.sub(_phrase, fold(text)))
    main: list[tuple[str, float]] = []  # counted once at the end: Counter's C loop
    aside: list[tuple[str, float]] = []
    bounds = _detail_bounds(pieces)  # where details begin and end, in turn
    into, turn = main, bounds.pop() if bounds else len(pieces)
    at = 0
    while at < len(pieces):
        while at >= turn:  # a plain int test per word: most texts have no detail at all
            into = aside if into is main else main
            turn = bounds.pop() if bounds else len(pieces)
        word = pieces[at]
        form = _multi_at(pieces, at, multi) if word[:MIN_HEAD] in multi else None
        if form is not None:
            into.append((CONCEPT + form.concept.name, form.concept.weight))
            at += len(form.tokens)
            continue
        at += 1
        into += _word_terms(word)
    return Counter(main), Counter(aside)


def _detail_bounds(pieces: list[str]) -> list[int]:
    """Where each detail begins and ends (the clause end after it), last first (for pop)."""
    bounds: list[int] = []
    clause_start = -1  # where a clause after a comma begins
    for at, piece in [(at, piece) for at, piece in enumerate(pieces) if piece in _MARKS]:
        if piece in _ENDS:
            if len(bounds) % 2 and not (piece == "," and _subordinate(pieces, at + 1)):
                bounds.append(at)
            clause_start = at + 1 if piece == "," else -1
        elif not len(bounds) % 2 and (
            piece in _DETAIL_WORDS or (at == clause_start and piece in _CLAUSE_DETAIL_WORDS)
        ):
            bounds.append(at)
    bounds.reverse()
    return bounds


def _subordinate(pieces: list[str], at: int) -> bool:
    """Whether a subordinate clause begins at `at`: a comma before it is grammar, not the
    end of what the clause before it says."""
    return at < len(pieces) and pieces[at] in _SUBORDINATORS


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[tuple[str, float], ...]:
    """The terms one word names on its own: its concepts, else its stem if it carries
    meaning; and a compound's head (_head_stem). Cached: placing a backlog reads the same
    words again and again."""
    concepts = word_concepts(word)
    if concepts:
        found = tuple((CONCEPT + concept.name, concept.weight) for concept in concepts)
        return found + _head_stem(word)
    if len(word) >= MIN_STEM_WORD and word not in STOPWORDS and not word.isdigit():
        return ((STEM + _stem(word), STEM_WEIGHT), *_head_stem(word))
    return ()


def _head_stem(word: str) -> tuple[tuple[str, float], ...]:
    """The stem of a compound's head when it begins with no lexicon form and ends with one:
    "luftkvalitetsdata" names "luftkvalitet" as "data om luftkvalitet" does, so two
    paraphrases of an ask the lexicon does not know share it. A linking s goes."""
    single, _ = _forms()
    if any(form.starts(word) for form in single):
        return ()
    tail = next(
        (
            form.tokens[0]
            for form in single
            if not form.whole
            and len(form.tokens[0]) >= MIN_TAIL_PART
            and len(word) - len(form.tokens[0]) >= MIN_STEM_WORD
            and word.endswith(form.tokens[0])
        ),
        None,
    )
    if tail is None:
        return ()
    head = word[: -len(tail)]
    if head.endswith("s") and len(head) > MIN_STEM_WORD:
        head = head[:-1]
    return () if head in STOPWORDS else ((STEM + _stem(head), STEM_WEIGHT),)


def signature(title: str, text: str) -> dict[str, float]:
    """Term -> weight for one initiative: the lexicon's weight (or STEM_WEIGHT) grown with
    the log of how often they are named; a title the text does not hold is read too. A term
    named only in details weighs DETAIL of that: it narrows the ask, it is not what is asked
    for; once named outside them, its mentions in details do not add to it. A text that names
    an ask that narrows another (a citizens' budget is a budget) names the broader one as a
    detail. The first ask named outside details weighs LEAD more: a proposal names what it
    asks for first ("the ministers' calendars and their meetings with lobbyists"), so two
    asks named as often are not a tie."""
    main, aside = term_counts(f"{title}\n{text}" if title not in text else text)
    # In the order first named (a Counter keeps it): the lead is the first ask.
    weights = {term: weight * (1.0 + math.log(count)) for (term, weight), count in main.items()}
    lead = next((term for term, weight in main if weight >= SPECIFIC), None)
    if lead is not None:
        weights[lead] *= LEAD
    for (term, weight), count in aside.items():
        if term not in weights:
            weights[term] = weight * DETAIL * (1.0 + math.log(count))
    for narrow, broad in _NARROWS.items():
        if narrow in weights and broad in weights:
            weights[broad] *= DETAIL  # named on the way to the narrower ask
    return {term: round(weights[term], 6) for term in sorted(weights)}
