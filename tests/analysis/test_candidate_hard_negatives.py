"""analysis.candidates: asks on one object that differ in what is to be done (open data, a
portal, training, a law change, a deadline) stay apart; a remark on the consultation
itself joins no ask; paraphrases still join. Probes written as respondents word OGP
proposals, in Danish and English."""

from __future__ import annotations

from hoering.analysis.candidates import Existing, choose, initiative_terms, representative

GREETING = "Hermed fremsendes høringssvar vedrørende høring over udkast til OGP-handlingsplan. "


def joins(*texts: str) -> bool:
    """Whether the last text joins the candidate the others make (placed one by one)."""
    vector: dict[str, float] = {}
    for text in texts[:-1]:
        vector = representative(vector, initiative_terms("", text))
    return choose(initiative_terms("", texts[-1]), [Existing(1, vector)]) == 1


PROCUREMENT_DATA = (
    "Alle offentlige udbud, tildelinger og kontrakter udgives som åbne, maskinlæsbare data "
    "efter Open Contracting Data Standard."
)
FOI_REFORM = (
    "Offentlighedsloven skal revideres, og ministerbetjeningsreglen skal ophæves, så adgangen "
    "til aktindsigt udvides."
)
FOI_DEADLINES = "Myndighederne skal overholde fristen på syv arbejdsdage for svar på aktindsigt."


def test_training_for_purchasers_stays_apart_from_open_procurement_data() -> None:
    # Purchasers are named first, but the training is an ask of its own.
    training = (
        "Indkøbere i det offentlige skal have obligatorisk uddannelse i at forebygge korruption "
        "og interessekonflikter."
    )
    assert not joins(PROCUREMENT_DATA, training)
    assert not joins(training, PROCUREMENT_DATA)


def test_an_open_contracts_portal_stays_apart_from_open_procurement_data() -> None:
    portal = "An open contracts portal: the full text of every government contract on one website."
    assert not joins(PROCUREMENT_DATA, portal)
    assert not joins(portal, PROCUREMENT_DATA)


def test_a_plain_language_citizens_budget_stays_apart_from_open_budgets() -> None:
    assert not joins(
        "Publish municipal budgets and spending as open, machine-readable data.",
        "Publish a citizens' budget: a short, plain-language summary of the annual budget.",
    )


def test_foi_law_reform_deadlines_and_publishing_answers_stay_three_asks() -> None:
    publishing = "Dokumenter, der er udleveret efter aktindsigt, bør offentliggøres for alle."
    for first, second in ((FOI_REFORM, FOI_DEADLINES), (FOI_REFORM, publishing)):
        assert not joins(first, second)
        assert not joins(second, first)
    assert not joins(FOI_DEADLINES, publishing)


def test_foi_law_reform_in_english_joins_the_danish_one() -> None:
    # "exemption" is the FOI act's, not an exemption from digital post.
    assert joins(
        FOI_REFORM,
        "Reform the Access to Public Administration Files Act: repeal the exemption for "
        "ministerial advice.",
    )


def test_open_apis_in_danish_and_english_join_one_candidate() -> None:
    assert joins(
        "Offentlige data skal stilles til rådighed via åbne API'er, så andre kan bygge "
        "tjenester ovenpå.",
        "Government systems should offer open, documented APIs so that developers can reuse "
        "public data.",
    )


def test_a_register_of_ministers_meetings_joins_published_ministers_calendars() -> None:
    assert joins(
        "Ministrenes kalendere skal offentliggøres løbende med dato, deltagere og emne.",
        GREETING + "Der bør oprettes et register over ministres møder med eksterne parter.",
    )


def test_a_remark_on_the_consultation_joins_no_ask() -> None:
    # Every greeting names the consultation; a remark on it is no consultation portal, and
    # a short hearing period is no FOI deadline.
    portal = (
        "Én samlet digital høringsportal, hvor alle høringer fra stat, regioner og kommuner "
        "findes, og hvor høringssvarene offentliggøres."
    )
    assert not joins(portal, GREETING + "Vi har ingen bemærkninger til udkastet.")
    assert not joins(
        FOI_DEADLINES, "Høringsfristen var alt for kort, og høringen burde være annonceret bredere."
    )


def test_two_greetings_do_not_join_two_asks() -> None:
    # The greeting is all a youth council and a wish for one place for all consultations
    # share (the latter without a word of the portal lexicon).
    assert not joins(
        "Tak for muligheden for at afgive høringssvar til høringen. Alle offentlige høringer "
        "bør samles på ét digitalt sted, så borgerne nemt kan finde og svare på dem.",
        GREETING + "Alle kommuner skal have et ungdomsråd, der har ret til at blive hørt.",
    )


def test_an_initiative_that_adds_a_context_to_an_ask_still_joins_it() -> None:
    # Open source preferred in procurement is open source as the standard: only one side
    # adds something (procurement), so they are one ask. (A guard: main joined these too.)
    assert joins(
        "Open source som standard: software, der udvikles for offentlige midler, frigives "
        "som open source.",
        "Open source først: staten bør i sine udbud foretrække open source-løsninger og "
        "kræve, at leverandøren leverer kildekoden.",
    )


def test_a_grown_candidate_that_names_another_ask_on_the_way_does_not_take_it_in() -> None:
    # Six members on open procurement data, one naming training for purchasers and one a
    # portal in passing: the candidate does not name them as its own.
    members = [
        PROCUREMENT_DATA,
        "Publish all public procurement data (tenders, awards, contract values) as open data.",
        "Data om offentlige indkøb bør være åbne data: leverandør, beløb og varighed.",
        "Udbudsdata skal være åbne og maskinlæsbare; det kræver også kurser for indkøberne.",
        "Kontraktdata fra alle offentlige indkøb bør offentliggøres som åbne data på en portal.",
        "Open contracting: every contract and its changes published as open data.",
    ]
    training = "Indkøbere skal have obligatorisk uddannelse i at forebygge korruption."
    portal = "Opret en kontraktportal, hvor alle offentlige kontrakter lægges ud i fuld tekst."
    assert not joins(*members, training)
    assert not joins(*members, portal)
    assert joins(*members, "Offentlige indkøbsdata skal være frit tilgængelige som åbne data.")
