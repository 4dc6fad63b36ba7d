"""analysis.candidates: paraphrases of one ask join one candidate; different asks on one
theme (the grouping set's hard negatives) stay apart."""

from __future__ import annotations

import unicodedata

from hoering.analysis.candidate_terms import fold, word_concepts
from hoering.analysis.candidates import Existing, choose, initiative_terms, representative


def joins(first: str, second: str) -> bool:
    existing = Existing(1, representative({}, initiative_terms("", first)))
    return choose(initiative_terms("", second), [existing]) == 1


def test_danish_compound_and_english_paraphrase_join_one_candidate() -> None:
    assert joins(
        "Vi foreslår et obligatorisk lobbyregister for Folketinget og ministerierne.",
        "A public register of lobbyists, listing their clients and the issues they work on.",
    )


def test_open_procurement_data_and_open_municipal_budgets_stay_apart() -> None:
    assert not joins(
        "Offentliggør alle udbud, vindere og kontraktsummer som åbne data.",
        "Kommunernes budgetter og regnskaber skal udgives som åbne data.",
    )


def test_open_source_and_open_document_formats_stay_apart() -> None:
    assert not joins(
        "Open source som standard: myndighederne vælger fri software ved it-anskaffelser.",
        "Myndighederne skal udgive dokumenter i åbne filformater som ODF og PDF/A.",
    )


def test_citizen_panels_and_citizen_budgets_stay_apart() -> None:
    assert not joins(
        "Borgerpaneler med lodtrukne borgere, der giver anbefalinger til politikerne.",
        "Borgerbudgetter, hvor beboerne stemmer om, hvilke projekter pengene går til.",
    )


def test_a_compound_names_its_head_and_its_tail() -> None:
    assert [c.name for c in word_concepts(fold("lobbyistregister"))] == ["lobby", "register"]


def test_a_whole_word_concept_is_not_split() -> None:
    assert [c.name for c in word_concepts(fold("borgerbudgetter"))] == ["borgerbudget"]


def test_no_candidate_near_enough_starts_a_new_one() -> None:
    assert choose(initiative_terms("", "Klart sprog i breve."), []) is None


def test_citizens_initiatives_in_danish_and_english_join_one_candidate() -> None:
    assert joins(
        "Borgerne skal kunne stille borgerforslag på kommunens hjemmeside, og byrådet skal "
        "svare, når et forslag har fået nok underskrifter.",
        "An e-petition system: once a petition has enough signatures, the council must "
        "debate it and give the petitioners a reasoned answer.",
    )


def test_parliament_voting_records_and_voting_at_16_stay_apart() -> None:
    assert not joins(
        "Afstemningerne i Folketinget skal udgives som data: hvordan hvert medlem har stemt.",
        "Valgretsalderen bør sænkes til 16 år, så de unge får en stemme ved afstemningerne.",
    )


def test_source_protection_that_names_access_to_documents_stays_apart_from_deadlines() -> None:
    # Its main ask is the sources; access to documents is named on the way.
    assert not joins(
        "Myndighederne skal overholde fristen for svar på aktindsigt.",
        "Journalisters kilder skal beskyttes bedre, så myndighederne ikke via aktindsigt "
        "eller logning kan finde frem til kilderne.",
    )


def test_a_sub_point_sharing_only_theme_words_starts_its_own_candidate() -> None:
    assert not joins(
        "Et offentligt, søgbart register over erhvervsstøtte og tilskud til virksomheder.",
        "Registret skal være offentligt tilgængeligt.",
    )


def test_a_whole_word_form_does_not_match_inside_a_compound() -> None:
    assert [c.name for c in word_concepts(fold("kilder"))] == ["kildebeskyttelse"]
    assert [c.name for c in word_concepts(fold("datakilder"))] == ["data"]


def test_folding_char_by_char_equals_folding_the_whole_text() -> None:
    # fold works on the few non-ASCII characters only; the whole text translated and
    # decomposed at once is what it must equal, marks in any order and ligatures included.
    text = "Kære ÅSE – “Café” naïve Straße ﬁl ™ Ørsted æble a\u0323\u0301 \u0301x Œuvre"
    whole = unicodedata.normalize("NFKD", text.casefold().translate(str.maketrans({
        "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})))  # fmt: skip
    expected = "".join(ch for ch in whole if not unicodedata.combining(ch))
    assert fold(text) == expected
    assert fold("Åbne data") == "aabne data"


def test_giving_notice_of_changes_is_not_whistleblowing() -> None:
    # "varsle ændringer" is to give notice; a whistleblower scheme is "varslerordning".
    assert not joins(
        "Stabile API'er til offentlige data: myndighederne skal varsle ændringer mindst seks "
        "måneder i forvejen og dokumentere alle API'er i et fælles katalog.",
        "Vi foreslår en lovfæstet whistleblowerordning i hele den offentlige sektor.",
    )
    assert joins(
        "En varslerordning, så offentligt ansatte kan slå alarm om fejl uden at frygte følger.",
        "Vi foreslår en lovfæstet whistleblowerordning i hele den offentlige sektor.",
    )
