"""Candidates for the bruttoliste: initiatives from different replies that propose the same
thing, grouped one initiative at a time. Pure; the store keeps what is decided here.

An initiative is a weighted term vector (analysis.candidate_terms). A candidate is kept as
its representative: the summed vectors of its members, cut to their REPRESENTATIVE_TERMS
heaviest terms. A new initiative looks up the candidates that share one of its LOOKUP_TERMS
heaviest terms (an inverted index of each candidate's INDEX_TERMS heaviest ones, at most
MAX_CANDIDATES of them), and joins the most similar if the cosine reaches JOIN_AT, or
JOIN_WEAK when they share SHARED_STEMS_WEAK stems (a paraphrase of an ask the lexicon does
not know, in a longer text: many content words in common are evidence the cosine misses),
or if the character n-grams of their words are alike (GRAM_AT; analysis.candidate_grams:
compounds and inflections, "borgerrådgiver" beside "rådgiver for borgerne", that share
parts of words but few whole ones); else it starts a candidate. The n-grams ride in the
same vector (their own prefix) but neither find candidates nor count in the terms' cosine;
a representative keeps candidate_grams.KEEP of them. The work per initiative is bounded, so
placing n initiatives costs O(n).

The order matters (a candidate's representative grows with its members): initiatives are
placed in the order their replies were stored, both at poll/import and when `hoering
analyse` places every one again, so both give the same grouping.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hoering.analysis import candidate_grams
from hoering.analysis.candidate_grams import split
from hoering.analysis.candidate_lexicon import CONCEPTS, SPECIFIC
from hoering.analysis.candidate_terms import CONCEPT, GRAM, STEM, signature

JOIN_AT = 0.45  # cosine with a candidate's representative to join it
JOIN_WEAK = 0.30  # ... or this, if it shares SHARED_STEMS_WEAK stems (and asks, if any)
GRAM_AT = 0.36  # ... or its words' n-grams reach this cosine,
GRAM_WORDS = 12  # for an initiative of this many terms: a few words alike are no evidence
REPRESENTATIVE_TERMS = 40
INDEX_TERMS = 12
LOOKUP_TERMS = 8
MAX_CANDIDATES = 50
SUMMARY_CHARS = 300
PROMINENT = 0.5  # share of a text's main ask that another ask must weigh to count as one
SHARED_STEMS = 2  # stems an initiative must share with a candidate that shares no ask
SHARED_STEMS_WEAK = 5  # stems it must share to join below JOIN_AT
# The concepts that name an ask (a lobby register, citizens' initiatives), not a theme.
ASKS = frozenset(CONCEPT + concept.name for concept in CONCEPTS if concept.weight >= SPECIFIC)

Vector = Mapping[str, float]


@dataclass(frozen=True)
class Existing:
    """A candidate as the assigner sees it: its id and representative vector."""

    id: int
    terms: Vector


def initiative_terms(title: str, text: str) -> dict[str, float]:
    """The vector an initiative is compared by: its terms and its words' n-grams."""
    read = text if title in text else f"{title}\n{text}"
    return signature(title, text) | candidate_grams.grams(read)


def lookup_terms(terms: Vector) -> list[str]:
    """The terms whose candidates an initiative is compared with: its heaviest, concepts
    before stems on a tie, then by name (so the choice does not depend on dict order)."""
    return _heaviest(terms, LOOKUP_TERMS)


def index_terms(terms: Vector) -> list[str]:
    """The terms a candidate is found by."""
    return _heaviest(terms, INDEX_TERMS)


def _heaviest(terms: Vector, limit: int) -> list[str]:
    """The `limit` heaviest terms that are no n-gram."""
    words = [(term, weight) for term, weight in terms.items() if not term.startswith(GRAM)]
    ranked = sorted(words, key=lambda kv: (-kv[1], not kv[0].startswith(CONCEPT), kv[0]))
    return [term for term, _ in ranked[:limit]]


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    norms = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norms if norms else 0.0


def choose(terms: Vector, existing: Iterable[Existing]) -> int | None:
    """The id of the candidate the initiative joins, or None: it starts one.

    The most similar by the terms' cosine of those it may join (_joins); on a tie, the
    oldest (lowest id)."""
    best: tuple[float, int] | None = None
    mine = split(terms)
    for candidate in existing:
        theirs = split(candidate.terms)
        score = round(cosine(mine[0], theirs[0]), 9)
        if not _joins(mine, theirs, score):
            continue
        if best is None or (score, -candidate.id) > (best[0], -best[1]):
            best = (score, candidate.id)
    return None if best is None else best[1]


def _joins(mine: tuple[Vector, Vector], theirs: tuple[Vector, Vector], score: float) -> bool:
    """Whether an initiative's terms and n-grams (`mine`) may join a candidate's (`theirs`;
    the terms' cosine `score`): a cosine of JOIN_AT, or n-grams alike (GRAM_AT) in a text of
    GRAM_WORDS terms, with an ask in common (shares_an_ask); or JOIN_WEAK with many stems
    in common. On the grouping sets' tune halves (theme words' n-grams counting
    candidate_grams.THEME) GRAM_AT 0.33 put a log of who looked up one's data with its hard
    negative, and 0.32 with following one's own case as well; 0.34-0.38 did not, and 0.39
    or more left paraphrases apart. The n-grams' cosine is worked out only when it decides."""
    (words, parts), (their_words, their_parts) = mine, theirs
    if score >= JOIN_AT or (
        len(words) >= GRAM_WORDS and round(cosine(parts, their_parts), 9) >= GRAM_AT
    ):
        return shares_an_ask(words, their_words)
    return score >= JOIN_WEAK and shares_an_ask(words, their_words, weak=True)


def shares_an_ask(a: Vector, b: Vector, weak: bool = False) -> bool:
    """Whether two vectors may be one ask. When both name asks, a main ask of each (its
    heaviest concept of ASKS; on a tie, one of them) is prominent in the other (weighs at
    least PROMINENT of the other's main ask): two asks that mention each other (ministers'
    calendars that show meetings with lobbyists) stay two, and so does a long text (a whole
    reply, several asks) beside a candidate whose ask it names in passing. Otherwise they
    share SHARED_STEMS stems: theme words alone ("register", "åben", "kommune", "digital
    selvbetjening") make short texts alike ("the register is public"), and an ask on one
    side does not make up for that (user testing of self-service beside personal help with
    it), or every ask added to the lexicon would loosen the grouping of texts that lack
    it. A text that describes an ask without its words ("who the ministers meet") joins by
    the cosine and the stems it shares. `weak` (a cosine below JOIN_AT): SHARED_STEMS_WEAK
    stems are shared as well, whatever the asks."""
    asks_a, asks_b = _asks(a), _asks(b)
    stems = sum(term.startswith(STEM) for term in a.keys() & b.keys())
    if weak and stems < SHARED_STEMS_WEAK:
        return False
    if asks_a and asks_b:
        return _prominent(asks_a, asks_b) and _prominent(asks_b, asks_a)
    return stems >= SHARED_STEMS


def _asks(terms: Vector) -> dict[str, float]:
    """The concepts of ASKS in `terms`, with their weights."""
    return {term: terms[term] for term in ASKS.intersection(terms)}


def _prominent(mine: Mapping[str, float], other: Mapping[str, float]) -> bool:
    """Whether a main ask of `mine` (its heaviest; on a tie, one of them) weighs at least
    PROMINENT of the heaviest ask in `other`."""
    top, bar = max(mine.values()), PROMINENT * max(other.values())
    return any(
        other.get(term, 0.0) >= bar - 1e-9 for term, weight in mine.items() if weight >= top - 1e-9
    )


def representative(terms: Vector, joined: Vector | None = None) -> dict[str, float]:
    """A candidate's vector after `joined` (an initiative's) is added; its heaviest terms."""
    summed = dict(terms)
    for term, weight in (joined or {}).items():
        summed[term] = summed.get(term, 0.0) + weight
    parts = sorted((t for t in summed if t.startswith(GRAM)), key=lambda t: (-summed[t], t))
    kept = _heaviest(summed, REPRESENTATIVE_TERMS) + parts[: candidate_grams.KEEP]
    return {term: round(summed[term], 6) for term in sorted(kept)}


def summary_of(text: str, title: str = "") -> str:
    """The first sentences of a text read as prose (summary_lines), up to SUMMARY_CHARS, cut
    at a word; without the text's lead when that is its `title` ("Aktindsigt: ...")."""
    flat = " ".join(" ".join(summary_lines(text)).split())
    for mark in (":", "."):
        lead = f"{title.strip()}{mark} "
        if title.strip() and flat.casefold().startswith(lead.casefold()):
            flat = flat[len(lead) :]
            flat = flat[:1].upper() + flat[1:]
    if len(flat) <= SUMMARY_CHARS:
        return flat
    cut = flat[:SUMMARY_CHARS]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end >= SUMMARY_CHARS // 3:
        return cut[: end + 1]
    return cut.rsplit(" ", 1)[0] + " …"


# A list item's mark: a bullet, or a number before a capital ("4. Aktindsigt"; not "1. maj").
_LIST_MARK = re.compile(r"^\s*(?:[-–•*▪·]\s+|\(?\d{1,2}[.)]\s+(?=[A-ZÆØÅ\"“„«]))")
_ROW_NUMBER = re.compile(r"^\(?\d{1,3}[.)]?$")
_ENDS = ".!?:;,"  # a line ending so needs no mark of its own


def summary_lines(text: str) -> list[str]:
    """The text's lines as prose for a summary: list items without their marks (a number was
    the item's place in one reply), the first capitalised and one followed by another ended
    with ";"; a table row ("4 | Titel | Tema", as extraction writes one) as its cells but
    the row's number, ended as a sentence so the next line does not run on."""
    lines: list[str] = []
    items: list[bool] = []
    said = False  # a line with text came before (kept as a flag: joining them was quadratic)
    for line in text.splitlines():
        if " | " in line:
            cells = [cell.strip() for cell in line.split(" | ")]
            row = " – ".join(cell for cell in cells if cell and not _ROW_NUMBER.match(cell))
            lines.append(row if not row or row[-1] in _ENDS else f"{row}.")
            items.append(False)
            said = said or bool(row.strip())
            continue
        item = _LIST_MARK.sub("", line).strip()
        if lines and items[-1] and item != line.strip() and lines[-1][-1:] not in _ENDS:
            lines[-1] += ";"  # "Vi foreslår: at data åbnes; at koden deles"
        if item != line.strip() and not said:
            item = item[:1].upper() + item[1:]
        lines.append(item)
        said = said or bool(item)
        # A line after an item, before a blank one, is the item's wrapped rest.
        items.append(item != line.strip() or bool(item and items and items[-1]))
    return lines


def merged_list(values: Sequence[str], more: Iterable[str]) -> list[str]:
    """`values` then those of `more` not in it yet: a candidate's themes as members join."""
    return list(dict.fromkeys([*values, *(value for value in more if value)]))
