"""analysis.candidates: what an initiative asks for decides its candidate. Asks named on the
way (in an inclusion or an example, or as the broader kind of a narrower ask) and the asks a
long text names in passing do not join it to another ask's candidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoering.analysis.candidate_lexicon import load
from hoering.analysis.candidate_terms import DETAIL, LEAD, signature
from hoering.analysis.candidates import Existing, choose, initiative_terms, representative


def joins(*texts: str) -> bool:
    """Whether the last text joins the candidate the others make (placed one by one)."""
    vector: dict[str, float] = {}
    for text in texts[:-1]:
        vector = representative(vector, initiative_terms("", text))
    return choose(initiative_terms("", texts[-1]), [Existing(1, vector)]) == 1


LOBBY_REGISTER = (
    "Indfør et obligatorisk lobbyregister, hvor alle der lobbyer over for Folketinget og "
    "ministerierne skal registrere sig og oplyse, hvem de arbejder for."
)


def test_calendars_including_meetings_with_lobbyists_stay_apart_from_a_lobby_register() -> None:
    assert not joins(
        LOBBY_REGISTER,
        "Ministrenes kalendere bør lægges ud hver uge, så man kan se hvem de mødes med, "
        "herunder lobbyister, og hvad møderne handler om.",
    )


def test_an_afterthought_clause_beginning_with_ogsaa_is_a_detail() -> None:
    assert not joins(
        LOBBY_REGISTER,
        "Offentliggør ministrenes mødeplaner med deltagere og emne, også møder med lobbyister.",
    )
    # Inside a clause, or beginning a sentence, "også" adds an ask: it is no detail.
    for text in ("Vi foreslår også et lobbyregister.", "Også et lobbyregister er nødvendigt."):
        assert signature("", text)["c:lobby"] == pytest.approx(3.0 * LEAD)


def test_a_purpose_clause_is_a_detail() -> None:
    # What the calendars are for (seeing the lobbyists) is not what is asked for.
    assert not joins(
        LOBBY_REGISTER,
        "Offentliggør ministrenes kalendere, så man kan se hvilke lobbyister de mødes med.",
    )
    assert not joins(
        LOBBY_REGISTER,
        "Ministers' diaries should be published so that anyone can see which lobbyists they meet.",
    )


def test_a_purpose_clause_goes_on_over_the_subordinate_clauses_after_its_commas() -> None:
    # Danish sets a comma before "hvilke", "der", "hvad" ...: grammar, not the detail's end.
    text = "Kalenderne skal offentliggøres, så man kan se, hvilke lobbyister ministrene møder."
    assert signature("", text)["c:lobby"] == pytest.approx(3.0 * DETAIL)
    assert not joins(LOBBY_REGISTER, text)
    # Any other comma ends it: what follows is said outside the detail.
    text = "Kalenderne skal offentliggøres, så man kan se dem, og lobbyister skal registreres."
    assert signature("", text)["c:lobby"] == pytest.approx(3.0)


def test_of_two_asks_named_as_often_the_first_named_is_the_main_one() -> None:
    terms = signature("", "Ministrenes kalendere og møder med lobbyister skal være offentlige.")
    assert terms["c:kalender"] == pytest.approx(3.0 * LEAD)
    assert terms["c:lobby"] == 3.0
    assert not joins(
        LOBBY_REGISTER, "Ministrenes kalendere og møder med lobbyister skal være offentlige."
    )


def test_an_example_after_f_eks_weighs_as_a_detail() -> None:
    terms = signature("", "Undervisning i integritet for ansatte, f.eks. indkøbere.")
    assert terms["c:udbud"] == pytest.approx(3.0 * DETAIL)
    assert terms["c:kursus"] == pytest.approx(3.0 * LEAD)


def test_training_especially_for_purchasers_stays_apart_from_open_procurement_data() -> None:
    assert not joins(
        "Alle offentlige udbud og kontrakter udgives som åbne data med leverandør og beløb.",
        "Offentligt ansatte, især indkøbere og ledere, skal have obligatorisk undervisning i "
        "korruption, habilitet og gaver.",
    )


def test_a_citizens_budget_carved_from_the_municipal_budget_stays_apart_from_open_budgets() -> None:
    # A citizens' budget narrows a budget (candidate_concepts.toml): the municipal budget it
    # is carved from is named on the way.
    terms = signature("", "Afsæt en del af kommunens budget til et borgerbudget.")
    assert terms["c:borgerbudget"] > terms["c:regnskab"]
    assert not joins(
        "Kommunernes budgetter og regnskaber bør udgives som åbne data på kontoniveau.",
        "Afsæt en del af kommunens budget, hvor borgerne selv stiller forslag til projekter og "
        "stemmer om dem (borgerbudget).",
    )


def test_a_long_text_naming_an_ask_in_passing_does_not_join_its_candidate() -> None:
    # A whole reply (the splitter missed its parts) about whistleblowers that names training
    # once, beside a training candidate that names whistleblowers once: each names the
    # other's ask, but not as prominently as its own, so they do not glue together.
    training = [
        "Obligatoriske kurser i antikorruption for offentligt ansatte, så de kender "
        "whistleblowerordningen.",
        "Undervisning i integritet og habilitet for ledere.",
    ]
    reply = (
        "Vi foreslår lovfæstede whistleblowerordninger i stat, regioner og kommuner. En "
        "whistleblowerordning skal være uafhængig og beskytte mod repressalier. "
        "Indberetninger skal kunne ske anonymt. Ordningen kan suppleres med kurser for "
        "lederne i antikorruption og integritet."
    )
    assert not joins(*training, reply)


def test_a_concepts_file_whose_narrows_names_no_concept_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "concepts.toml"
    path.write_text(
        '[[concept]]\nname = "a"\nweight = "specific"\nforms = ["a"]\nnarrows = "b"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="narrows"):
        load(path)


def test_a_phrase_that_brings_in_a_detail_is_read_only_as_whole_words() -> None:
    # "for at" (in order to) is a phrase; "for attesterende revisorer" holds none.
    terms = signature("", "Kurser for attesterende revisorer.")
    assert any(term.startswith("s:attest") for term in terms)
    assert terms["c:kursus"] == pytest.approx(3.0 * LEAD)
