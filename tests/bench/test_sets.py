"""The independent labelled sets stay as frozen, and bench.bench_sets scores by its rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.bench_sets import SETS, People, coverage, score_initiatives, score_respondent

FREEZES = sorted(SETS.glob("*/FROZEN*.sha256"))


@pytest.mark.parametrize("freeze", FREEZES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_frozen_set_is_unchanged(freeze: Path) -> None:
    # Labels are written and frozen before rules are tuned on them; a changed label would
    # make the figures measure the labeller's second thoughts instead of the tool.
    for line in freeze.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        path = freeze.parent / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path} changed"


def test_every_case_file_is_frozen() -> None:
    frozen = {
        (freeze.parent / line.split(maxsplit=1)[1]).resolve()
        for freeze in FREEZES
        for line in freeze.read_text(encoding="utf-8").splitlines()
    }
    assert set(p.resolve() for p in SETS.glob("*/cases/*.toml")) <= frozen


LABEL = {"text": "Et offentligt lobbyregister over møder med ministre", "key_words": ["lobby"]}


def test_a_found_text_holding_key_words_and_most_words_matches() -> None:
    found = "1. Et offentligt lobbyregister over alle møder med ministre og embedsmænd."
    assert coverage(found, LABEL) == 1.0


def test_a_found_text_without_a_key_word_does_not_match() -> None:
    assert coverage("Et offentligt register over møder med ministre", LABEL) == 0.0


def test_matching_is_one_to_one() -> None:
    # One found text holding two labels matches one of them: the other is missed.
    other = {"text": "Open source som standard", "key_words": ["open source"]}
    tally = score_initiatives([LABEL["text"] + " " + other["text"]], [LABEL, other])
    assert (tally.found, tally.labelled, tally.matched, tally.exact) == (1, 2, 1, 0)


def test_a_citizen_exported_with_an_organisation_is_counted() -> None:
    people = People()
    label = {"type": "borger", "organisation": "", "short_forms": []}
    score_respondent({"respondent_type": "borger", "organisation": "KL"}, label, people, "x")
    assert people.citizens_as_organisation == 1 and people.organisation_right == 0


def test_a_short_form_counts_as_the_organisation() -> None:
    people = People()
    label = {"type": "organisation", "organisation": "Kommunernes Landsforening",
             "short_forms": ["KL"]}  # fmt: skip
    row = {"respondent_type": "organisation", "organisation": "KL"}
    score_respondent(row, label, people, "x")
    assert people.type_right == people.organisation_right == 1
