"""The independent labelled sets stay as frozen, and bench.bench_sets scores by its rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.bench_sets import (
    PARTS,
    SETS,
    People,
    coverage,
    part_of,
    report,
    score_initiatives,
    score_respondent,
)

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


def test_a_case_belongs_to_its_writers_part() -> None:
    parts = PARTS["replies"]
    assert [part_of(i, parts) for i in ("r001", "r064", "r065", "r104")] == ["a+b", "a+b", "c", "c"]


def _case(case_id: str, split: str) -> dict:
    label = {"type": "borger", "organisation": "", "short_forms": []}
    initiatives = [{"title": f"Labelled {case_id}", "text": "Et register", "key_words": []}]
    return {
        "id": case_id,
        "split": split,
        "mail": {"body_format": "plain"},
        "label": {"respondent": label, "initiatives": initiatives},
    }


def test_each_split_is_reported_per_part_and_pooled_without_sealed_details(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cases = [_case("r001", "tune"), _case("r070", "tune"), _case("r090", "sealed")]
    rows = {c["id"]: {"initiatives": [{"title": f"Found {c['id']}", "text": "x"}]} for c in cases}
    report(cases, rows, verbose=True, parts=PARTS["replies"])
    out = capsys.readouterr().out
    assert out.count("part a+b:") == 1 and out.count("part c:") == 2
    assert out.count("pooled:") == 2
    assert "Found r070" in out and "r090" not in out  # tune details only


def test_verbose_lists_a_tune_cases_missed_remark_and_never_a_sealed_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cases = [_case("r001", "tune"), _case("r090", "sealed")]
    for case in cases:
        case["label"]["remarks"] = [{"text": f"Vi savner en tidsplan for planen {case['id']}."}]
    rows = {c["id"]: {"text": "Et register.", "initiatives": []} for c in cases}
    report(cases, rows, verbose=True, parts=PARTS["replies"])
    out = capsys.readouterr().out
    assert "remark labelled, missed: 'Vi savner en tidsplan for planen r001.'" in out
    assert "r090" not in out
