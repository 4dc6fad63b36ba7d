"""bench.candidate_misses: tune cases only, placed as rules.candidates places them, and each
pair of one proposal left apart with what blocked it."""

from __future__ import annotations

from pytest import CaptureFixture

from bench.candidate_misses import TUNE_CASES, blocker, misses, place, tune_initiatives
from hoering.analysis.candidates import initiative_terms, representative

SCHOOL_MEALS = (
    "Skolernes madordninger bør beskrives åbent med leverandør, pris pr. måltid og andel af "
    "økologiske råvarer, så forældrebestyrelserne kan sammenligne skolemaden.",
    "Prisen på et skolemåltid, hvem der leverer maden og hvor stor en del af råvarerne der er "
    "økologiske, bør stå på hver skoles hjemmeside, så forældre kan sammenligne.",
)


def test_only_tune_cases_are_read() -> None:
    cases = {initiative.case for initiative in tune_initiatives("grouping")}
    assert cases and max(cases) <= f"g{TUNE_CASES['grouping']:03d}"
    assert max(i.case for i in tune_initiatives("grouping-d")) <= "d020"


def test_placing_the_labelled_texts_groups_as_the_candidates_do() -> None:
    done = place(tune_initiatives("grouping"))
    assert len(done.chosen) == len(done.terms) == len(done.compared) == len(done.before)
    assert len(set(done.chosen)) < len(done.chosen)  # some join


def test_a_blocker_names_what_kept_an_initiative_out() -> None:
    first, second = (initiative_terms("", text) for text in SCHOOL_MEALS)
    candidate = representative({}, first)
    assert blocker(second, candidate, compared=False)[0] == "lookup"
    assert blocker(second, candidate, compared=True)[0] == "other"  # it may join
    unrelated = initiative_terms("", "Kommunernes vejarbejder skal stå på et kort.")
    assert blocker(unrelated, candidate, compared=True)[0] == "threshold"


def test_misses_prints_each_pair_left_apart(capsys: CaptureFixture[str]) -> None:
    blockers = misses("grouping-d")
    printed = capsys.readouterr().out
    assert printed.startswith("set grouping-d:") and sum(blockers.values()) > 0
    assert all(f"{why}" in printed for why in blockers)
