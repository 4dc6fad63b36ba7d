"""Why initiatives of one proposal stay apart: the grouping sets' TUNE cases only, placed by
analysis.candidates the way rules.candidates places them (labelled texts, cases in order,
the same inverted index and representatives; no database, no splitter), and for each pair
of one proposal left in two candidates, what blocked it:

    .venv/bin/python -m bench.candidate_misses grouping-d grouping-e

For each such pair (the earlier initiative's candidate, as it stood when the later one was
placed): the terms' cosine against JOIN_AT, the n-grams' cosine against GRAM_AT, the later
one's terms (GRAM_WORDS), the stems in common and each side's asks, and the blocker:
`lookup` (the candidate was never compared: no lookup term of the later one indexes it),
`ask` (a cosine was reached but shares_an_ask said no), `length` (the n-grams reached
GRAM_AT in a text of fewer than GRAM_WORDS terms), `weak` (JOIN_WEAK reached, too few stems
or asks apart), `threshold` (no cosine reached), `other` (it could join, but chose a more
similar candidate). Sealed cases are never read: the tune ids come from each case's split.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.bench_sets import SETS
from hoering.analysis import candidates as analysis
from hoering.analysis.candidate_grams import split
from hoering.analysis.candidate_terms import STEM

Vector = dict[str, float]
# The tune cases of each grouping set are its first ones (each set's README): g001-g016,
# and 001-020 of the others.
TUNE_CASES = {"grouping": 16}
TUNE_CASES_DEFAULT = 20


@dataclass(frozen=True)
class Labelled:
    case: str
    proposal: str
    text: str


@dataclass
class Placement:
    """Each initiative's candidate, and what it met when it was placed."""

    chosen: list[int] = field(default_factory=list)
    terms: list[Vector] = field(default_factory=list)
    compared: list[set[int]] = field(default_factory=list)  # candidates it was compared with
    before: list[dict[int, Vector]] = field(default_factory=list)  # representatives then


def tune_initiatives(name: str) -> list[Labelled]:
    """The labelled initiatives of a set's tune cases, in case order. Tune cases are chosen
    by their number (TUNE_CASES) before any file is opened: a sealed case is never read."""
    found: list[Labelled] = []
    last = TUNE_CASES.get(name, TUNE_CASES_DEFAULT)
    for path in sorted((SETS / name / "cases").glob("*.toml")):
        if not path.stem[1:].isdigit() or int(path.stem[1:]) > last:
            continue
        case = tomllib.loads(path.read_text("utf-8"))
        if case.get("split") != "tune":
            raise SystemExit(f"{path}: numbered as tune but split {case.get('split')!r}")
        for label in case["label"].get("initiatives", []):
            found.append(Labelled(case["id"], label["proposal"], label["text"]))
    return found


def place(initiatives: Sequence[Labelled]) -> Placement:
    """Place one by one as rules.candidates does: look up, choose, start or join, reindex."""
    done = Placement()
    vectors: dict[int, Vector] = {}
    index: dict[str, set[int]] = {}
    for initiative in initiatives:
        terms = analysis.initiative_terms("", initiative.text)
        shared = Counter(c for t in analysis.lookup_terms(terms) for c in index.get(t, ()))
        nearby = sorted(shared, key=lambda c: (-shared[c], c))[: analysis.MAX_CANDIDATES]
        chosen = analysis.choose(terms, [analysis.Existing(c, vectors[c]) for c in nearby])
        done.terms.append(terms)
        done.compared.append(set(nearby))
        done.before.append(dict(vectors))
        if chosen is None:
            chosen = len(vectors) + 1
            vectors[chosen] = {}
        for term in analysis.index_terms(vectors[chosen]):
            index[term].discard(chosen)
        vectors[chosen] = analysis.representative(vectors[chosen], terms)
        for term in analysis.index_terms(vectors[chosen]):
            index.setdefault(term, set()).add(chosen)
        done.chosen.append(chosen)
    return done


def blocker(terms: Vector, candidate: Vector, compared: bool) -> tuple[str, str]:
    """What kept `terms` out of `candidate`, and the figures that say so."""
    (words, parts), (their_words, their_parts) = split(terms), split(candidate)
    score, grams = analysis.cosine(words, their_words), analysis.cosine(parts, their_parts)
    stems = sum(term.startswith(STEM) for term in words.keys() & their_words.keys())
    asks = (sorted(analysis._asks(words)), sorted(analysis._asks(their_words)))
    figures = (
        f"cos {score:.2f}/{analysis.JOIN_AT} grams {grams:.2f}/{analysis.GRAM_AT} "
        f"terms {len(words)} stems {stems} asks {asks[0]} | {asks[1]}"
    )
    long_enough = len(words) >= analysis.GRAM_WORDS
    if not compared:
        why = "lookup"
    elif score >= analysis.JOIN_AT or (long_enough and grams >= analysis.GRAM_AT):
        why = "other" if analysis.shares_an_ask(words, their_words) else "ask"
    elif grams >= analysis.GRAM_AT:
        why = "length"
    else:
        why = "weak" if score >= analysis.JOIN_WEAK else "threshold"
    return why, figures


def misses(name: str) -> Counter[str]:
    """Print each pair of one proposal left apart in set `name`'s tune cases; the blockers."""
    initiatives = tune_initiatives(name)
    done = place(initiatives)
    print(f"set {name}: {len(initiatives)} tune initiatives, {len(set(done.chosen))} candidates")
    blockers: Counter[str] = Counter()
    for later, initiative in enumerate(initiatives):
        for earlier in range(later):
            first = initiatives[earlier]
            apart = done.chosen[earlier] != done.chosen[later]
            if first.proposal != initiative.proposal or not apart:
                continue
            candidate = done.chosen[earlier]
            why, figures = blocker(
                done.terms[later], done.before[later][candidate], candidate in done.compared[later]
            )
            blockers[why] += 1
            print(f"  {initiative.proposal} {first.case} -> {initiative.case}: {why:<9} {figures}")
    print(f"  blockers: {dict(sorted(blockers.items()))}")
    return blockers


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", help="grouping set folders under bench/sets")
    args = parser.parse_args(argv)
    for name in args.sets:
        misses(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
