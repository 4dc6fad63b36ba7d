"""The concepts initiatives are grouped by: Danish and English words for one ask, folded.

A concept is a name, a weight and the folded word forms (æ -> ae, ø -> oe, å -> aa) that
express it. A form matches a whole word, a word it begins (a compound's head: "lobbyregister")
or, when long enough, a word it ends (a compound's tail: "udbudsregister"); a form with a
space matches those words in a row ("citizens assembly"); a form that ends in WHOLE
matches whole words only ("kilder=" are sources; "datakilder" are not). A longer form wins
over the forms inside it, so "borgerbudget" is its own concept and not "borger" plus "budget".

Weights say how much sharing a concept means: the specific asks weigh most; the words every
reply on a theme uses ("data", "åben", "offentlig") weigh little, so two asks on one theme
(open procurement data, open municipal budgets) are kept apart by what differs.

The words are data, the rules are code: the concepts live in candidate_concepts.toml (beside
this module), read once when it is imported; this module says what they mean.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPECIFIC = 3.0  # an ask's own words
RELATED = 1.5  # words that narrow the theme
GENERIC = 0.4  # words every reply on the theme uses
WEIGHTS = {"specific": SPECIFIC, "related": RELATED, "generic": GENERIC}
WHOLE = "="  # a form's last character: whole words only
CONCEPTS_FILE = Path(__file__).with_name("candidate_concepts.toml")


@dataclass(frozen=True)
class Concept:
    name: str
    weight: float
    forms: tuple[str, ...]
    narrows: str = ""  # the ask this one is a kind of: a citizens' budget is a budget


def load(path: Path = CONCEPTS_FILE) -> tuple[Concept, ...]:
    """The concepts of a concepts file, in its order; a malformed file is a programming
    error here (it ships with the package), so its KeyError or TOMLDecodeError is raised."""
    with path.open("rb") as handle:
        tables: list[dict[str, Any]] = tomllib.load(handle)["concept"]
    concepts = tuple(
        Concept(
            table["name"],
            WEIGHTS[table["weight"]],
            tuple(table["forms"]),
            table.get("narrows", ""),
        )
        for table in tables
    )
    names = {concept.name for concept in concepts}
    unknown = [c.narrows for c in concepts if c.narrows and c.narrows not in names]
    if unknown or len(names) != len(concepts):
        raise ValueError(f"{path}: duplicate names or unknown 'narrows': {unknown}")
    return concepts


CONCEPTS: tuple[Concept, ...] = load()
