"""analysis.candidates: paraphrases of one ask in the words a drafting team meets, Danish or
English, join one candidate (candidate_concepts.toml): the courts by instance, physical
planning asked for without the word "lokalplan", council meetings recorded, a regional
council beside a municipal one; and the new concepts keep apart the asks beside them."""

from __future__ import annotations

from hoering.analysis.candidates import Existing, choose, initiative_terms, representative


def joins(*texts: str) -> bool:
    """Whether the last text joins the candidate the others make (placed one by one)."""
    vector: dict[str, float] = {}
    for text in texts[:-1]:
        vector = representative(vector, initiative_terms("", text))
    return choose(initiative_terms("", texts[-1]), [Existing(1, vector)]) == 1


COURT_RULINGS = (
    "All judgments of Danish courts should be published online free of charge, searchable "
    "and anonymised.",
    "Offentliggør dommene: i dag kan man kun læse et fåtal af dem.",
)
LOCAL_PLANS = (
    "Kommunen bør lægge forslag til lokalplaner ud på et interaktivt kort, hvor borgerne kan "
    "kommentere direkte.",
    "Draft local plans should be put on an online map where residents can comment early.",
)
COUNCIL_VIDEO = (
    "Alle byrådsmøder bør sendes direkte på nettet og gemmes som video ved dagsordenens punkter.",
    "Council meetings should be streamed live and archived as video.",
)


def test_rulings_named_by_the_courts_that_gave_them_join_court_rulings() -> None:
    assert joins(
        *COURT_RULINGS,
        "Byretternes og landsretternes afgørelser skal være tilgængelige i en søgbar database, "
        "evt. startende med Højesteret.",
    )
    assert joins(*COURT_RULINGS, "Alle domsafgørelser skal være offentlige og gratis.")


def test_physical_planning_without_the_word_local_plan_joins_local_plans() -> None:
    assert joins(
        *LOCAL_PLANS,
        "Vi ønsker en digital borgerdialog om den fysiske planlægning tidligt i processen, ikke "
        "kun i den formelle høringsperiode for kommuneplanen.",
    )
    assert joins(
        *LOCAL_PLANS,
        "Når der bygges nyt i et kvarter, skal naboerne kunne se byggeplanerne på nettet og "
        "skrive deres mening direkte på et kort.",
    )


def test_local_plans_stay_apart_from_council_meetings_on_video() -> None:
    assert not joins(*COUNCIL_VIDEO, *LOCAL_PLANS[:1])
    assert not joins(*LOCAL_PLANS, *COUNCIL_VIDEO[:1])


def test_local_plans_stay_apart_from_open_map_data() -> None:
    # Map data names the plans among the data it asks for; planning is another ask.
    assert not joins(
        "Kommunernes geodata, tekniske kort og ledningsoplysninger skal være frie data.",
        "Kortdata fra kommunerne skal være åbne og gratis, også ortofoto og matrikelkort.",
        *LOCAL_PLANS[:1],
    )


def test_a_regional_council_recorded_joins_council_meetings_on_video() -> None:
    assert joins(
        *COUNCIL_VIDEO,
        "Regionsrådets møder skal optages på video og lægges på nettet, så borgerne kan følge "
        "debatten.",
    )


def test_testing_with_real_users_joins_user_testing() -> None:
    assert joins(
        "New public self-service solutions should go through user testing before launch.",
        "Nye digitale blanketter skal afprøves af rigtige brugere, også ældre, inden de sættes "
        "i drift.",
    )


def test_ministers_meetings_published_join_ministers_calendars() -> None:
    assert joins(
        "Ministrenes kalendere skal offentliggøres, så man kan se, hvem de mødes med.",
        "Publish ministers' diaries every month: who they met, when and about what.",
        "Offentliggør ministrenes møder med lobbyister og interesseorganisationer hver måned.",
    )


def test_ministers_meetings_published_stay_apart_from_a_lobby_register() -> None:
    assert not joins(
        "Lobbyister, der mødes med ministre, skal registreres i et offentligt register.",
        "Danmark skal have et lobbyregister som EU's åbenhedsregister.",
        "Offentliggør ministrenes møder med lobbyister og interesseorganisationer hver måned.",
    )


def test_jobs_after_leaving_office_join_a_cooling_off_period() -> None:
    cooling_off = (
        "Der skal være karenstid for ministre, før de kan blive lobbyister.",
        "Introduce a two-year cooling-off period for former ministers before they can lobby.",
    )
    assert joins(
        *cooling_off,
        "Når ministre går af, bør de ikke kunne tage job i en virksomhed, de har reguleret, de "
        "første to år.",
    )
    assert not joins(
        *cooling_off,
        "Gaver og rejser, som ministre og folketingsmedlemmer får, skal offentliggøres løbende.",
    )


def test_testing_with_older_citizens_joins_user_testing_not_accessibility() -> None:
    user_testing = (
        "Før en ny selvbetjeningsløsning gøres obligatorisk, skal den brugertestes, og "
        "testrapporten offentliggøres.",
        "Digitaliseringsstyrelsen bør kræve, at alle nye løsninger testes med ældre borgere og "
        "borgere med handicap inden lancering.",
    )
    assert joins(*user_testing)
    assert not joins(
        *user_testing,
        "Alle offentlige hjemmesider skal overholde WCAG 2.0 AA, og det skal kontrolleres "
        "uafhængigt.",
    )


def test_planning_proposals_in_english_join_local_plans() -> None:
    assert joins(
        *LOCAL_PLANS[:1],
        "Residents should be able to comment on planning proposals on an online map early in "
        "the process.",
    )


def test_tap_water_joins_drinking_water() -> None:
    assert joins(
        "Analyser af drikkevandet fra alle vandværker skal være åbne data.",
        "I want to see what is in my tap water: nitrate and pesticide residues, as open data.",
    )


def test_entered_in_a_register_is_not_recorded_on_video() -> None:
    # "Optages" is to be entered in a register as well as to be recorded.
    assert not joins(
        *COUNCIL_VIDEO,
        "Alle lobbyister, der mødes med byrådet, skal optages i et offentligt register.",
    )
    terms = initiative_terms("", "Virksomheder, der får støtte, skal optages i registret.")
    assert "c:transmission" not in terms


def test_a_proposal_for_the_action_plan_is_no_local_plan() -> None:
    terms = initiative_terms("", "Vores handlingsplanforslag: åbne data om udbud.")
    assert "c:lokalplan" not in terms
    assert "c:lokalplan" in initiative_terms("", "Kommunens planforslag skal ud på et kort.")


def test_properties_and_diseases_are_no_court_rulings() -> None:
    # "Domme" ends "ejendomme" (properties) and "sygdomme" (diseases).
    for text in (
        "Ejerne af alle ejendomme skal fremgå af et offentligt register.",
        "Ventetider for alvorlige sygdomme skal være åbne data.",
    ):
        assert "c:domme" not in initiative_terms("", text)
    assert "c:domme" in initiative_terms("", "Alle domme skal lægges på nettet.")


def test_tasks_are_no_gifts() -> None:
    # "Gaver" ends "arbejdsopgaver" (tasks).
    text = "Kommunernes arbejdsopgaver og kerneopgaver skal beskrives åbent på nettet."
    assert "c:gaver" not in initiative_terms("", text)
    assert "c:gaver" in initiative_terms("", "Ministrenes gaver skal registreres.")


def test_understanding_something_is_no_plain_language_ask() -> None:
    # "Forstå" is everyday Danish; being hard to understand is the plain-language ask.
    for text in (
        "Vi forstår, at regeringen ønsker et lobbyregister, og vi støtter det.",
        "Registret skal beskrive algoritmen, så borgerne kan forstå, hvordan de er vurderet.",
    ):
        assert "c:klart-sprog" not in initiative_terms("", text)
    assert joins(
        "Myndighedernes breve skal skrives i klart sprog.",
        "Brevene fra kommunen er svære at forstå, selv for velfungerende borgere, og skal "
        "omskrives.",
    )
