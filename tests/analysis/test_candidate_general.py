"""analysis.candidates and candidate_terms: paraphrases of an ask the lexicon does not know
join by their content words alone. A compound's head is a stem of its own when its tail is a
lexicon form ("luftkvalitetsdata" and "data om luftkvalitet" share "luftkvalitet"), and a
text joins below JOIN_AT when it shares many stems (SHARED_STEMS_WEAK) with the candidate;
fewer shared stems on one theme stay apart."""

from __future__ import annotations

from hoering.analysis.candidate_grams import split
from hoering.analysis.candidate_terms import STEM, signature
from hoering.analysis.candidates import (
    JOIN_AT,
    JOIN_WEAK,
    SHARED_STEMS_WEAK,
    Existing,
    choose,
    cosine,
    initiative_terms,
)

AIR = (
    "Kommunerne bør udgive målinger af luftkvalitetsdata fra alle målestationer, time for "
    "time, så forældre kan se forureningen ved skoler og børnehaver."
)


def stems(terms: dict[str, float]) -> set[str]:
    return {term for term in terms if term.startswith(STEM)}


def test_the_head_of_a_compound_ending_in_a_lexicon_form_is_a_stem() -> None:
    compound = signature("", "Luftkvalitetsdata skal være åbne.")
    phrase = signature("", "Data om luftkvalitet skal være åbne.")
    assert STEM + "luftkvalit" in stems(compound) & stems(phrase)


def test_many_shared_stems_join_below_the_cosine_threshold() -> None:
    air = initiative_terms("", AIR)
    other = initiative_terms(
        "",
        "Jeg cykler med mine børn forbi en stor vej hver morgen. Målestationernes tal for "
        "luftkvalitet bør ligge på nettet time for time, også ved skoler og børnehaver, så "
        "forældre kan vælge en anden rute til institutionen.",
    )
    assert JOIN_WEAK <= cosine(split(air)[0], split(other)[0]) < JOIN_AT
    assert len(stems(air) & stems(other)) >= SHARED_STEMS_WEAK
    assert choose(other, [Existing(1, air)]) == 1


def test_few_shared_stems_on_one_theme_stay_apart_below_the_threshold() -> None:
    air = initiative_terms("", AIR)
    noise = initiative_terms(
        "",
        "Kommunerne bør måle støj fra målestationer ved skoler og børnehaver og lægge tallene "
        "åbent på nettet time for time.",
    )
    assert JOIN_WEAK <= cosine(split(air)[0], split(noise)[0]) < JOIN_AT
    assert len(stems(air) & stems(noise)) < SHARED_STEMS_WEAK
    assert choose(noise, [Existing(1, air)]) is None
