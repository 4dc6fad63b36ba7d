"""analysis.candidate_grams and its use in analysis.candidates: two paraphrases of an ask the
lexicon does not know, whose words share parts (compounds, inflections) more than whole
words, join through their character n-grams; another ask on the same theme, or a fragment
of a few words, does not."""

from __future__ import annotations

import hashlib
import math
import tracemalloc

from pytest import MonkeyPatch

from hoering.analysis import candidate_grams
from hoering.analysis.candidate_grams import grams, split
from hoering.analysis.candidate_terms import GRAM
from hoering.analysis.candidates import (
    GRAM_AT,
    REPRESENTATIVE_TERMS,
    Existing,
    choose,
    cosine,
    index_terms,
    initiative_terms,
    lookup_terms,
    representative,
)

SCHOOL_MEALS = (
    "Vi foreslår, at skolernes madordninger beskrives åbent med leverandør, pris pr. måltid og "
    "andel af økologiske råvarer, så forældrebestyrelserne kan sammenligne skolemaden på "
    "tværs af kommunerne.",
    "Prisen på et skolemåltid, hvem der leverer maden og hvor stor en del af råvarerne der er "
    "økologiske, bør stå på hver skoles hjemmeside, så forældre kan sammenligne "
    "madordningerne.",
)
SCHOOL_AIR = (
    "Målinger af indeklimaet i skolernes klasselokaler, temperatur og CO2 time for time, bør "
    "stå på hver skoles hjemmeside, så forældre kan se, hvor luften er dårligst."
)


def joins(first: str, second: str) -> bool:
    existing = Existing(1, representative({}, initiative_terms("", first)))
    return choose(initiative_terms("", second), [existing]) == 1


def test_grams_are_the_marked_ends_and_parts_of_content_words() -> None:
    found = grams("Skolemåltider og de 3 skolemåltider i 2017")
    assert found[GRAM + "<sko"] > 1.0  # named twice
    assert GRAM + "der>" in found and GRAM + "aalt" in found  # folded: å -> aa
    assert not any(gram in found for gram in (GRAM + "<og>", GRAM + "<de>", GRAM + "<201"))


def test_paraphrases_that_share_parts_of_words_join_through_their_grams() -> None:
    first, second = (initiative_terms("", text) for text in SCHOOL_MEALS)
    (words, parts), (their_words, their_parts) = split(first), split(second)
    assert cosine(words, their_words) < 0.3  # few whole words in common
    assert cosine(parts, their_parts) > 0.5
    assert joins(*SCHOOL_MEALS)


def test_another_ask_on_the_same_theme_stays_apart() -> None:
    assert not joins(SCHOOL_MEALS[0], SCHOOL_AIR)
    assert not joins(SCHOOL_MEALS[1], SCHOOL_AIR)


def test_a_fragment_of_a_few_words_does_not_join_by_grams() -> None:
    assert not joins(
        "- en fælles skabelon for beskrivelse af formål, datagrundlag og test",
        "2. at registret beskriver formål, datagrundlag og validering",
    )


def test_grams_neither_find_candidates_nor_crowd_out_the_terms() -> None:
    vector: dict[str, float] = {}
    for text in (*SCHOOL_MEALS, SCHOOL_AIR):
        vector = representative(vector, initiative_terms("", text))
    words, parts = split(vector)
    assert len(words) <= REPRESENTATIVE_TERMS and len(parts) == candidate_grams.KEEP
    assert not any(term.startswith(GRAM) for term in index_terms(vector) + lookup_terms(vector))


# Two asks on one theme whose words in common are all theme words of the lexicon.
THEME_ONLY = (
    "Kommunerne bør offentliggøre åbne data om, hvor mange elever der får "
    "specialundervisning på hver skole, år for år.",
    "Kommunerne bør offentliggøre åbne data om, hvor mange borgere der venter på en "
    "plejebolig i hvert distrikt, år for år.",
)


def test_a_theme_word_adds_a_share_of_a_count_to_its_grams() -> None:
    found = grams("kommunerne skolemåltider")
    assert found[GRAM + "<kom"] == candidate_grams.THEME  # "kommune": a theme concept
    assert found[GRAM + "<sko"] == 1.0
    four = grams("kommunerne " * 4)[GRAM + "<kom"]
    assert four == round(1.0 + math.log(4 * candidate_grams.THEME), 6)  # a count from 1 on


def test_theme_words_alone_do_not_make_two_asks_alike(monkeypatch: MonkeyPatch) -> None:
    first, second = (grams(text) for text in THEME_ONLY)
    assert cosine(first, second) < GRAM_AT / 2
    monkeypatch.setattr(candidate_grams, "THEME", 1.0)  # counted as any other word
    assert cosine(grams(THEME_ONLY[0]), grams(THEME_ONLY[1])) > GRAM_AT


def test_a_text_of_long_unbroken_runs_leaves_no_n_grams_behind() -> None:
    # Extracted text may hold long runs of letters and digits (a hex dump, a key pasted in
    # base64): their n-grams are worked out for the text, not kept for the rest of the run.
    runs = [hashlib.sha512(str(n).encode()).hexdigest() * 16 for n in range(500)]
    tracemalloc.start()
    try:
        found = grams(" ".join(runs))
        assert found
        del found
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept < 4 * 2**20
