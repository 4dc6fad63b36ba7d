"""analysis.candidates: asks on one theme that are different asks stay apart (the FOI log and
the authorities' journals; user testing, accessibility and a complaints body; a cooling-off
period and a gift register; drinking water and polluters' emissions; council meetings on
video and planning on a map), and each one's paraphrases, Danish or English, still join.
Words that name who gains from an ask (researchers) or an everyday verb (to "indberette"
data) are not an ask of their own."""

from __future__ import annotations

from hoering.analysis.candidates import (
    Existing,
    choose,
    initiative_terms,
    representative,
    shares_an_ask,
)


def joins(*texts: str) -> bool:
    """Whether the last text joins the candidate the others make (placed one by one)."""
    vector: dict[str, float] = {}
    for text in texts[:-1]:
        vector = representative(vector, initiative_terms("", text))
    return choose(initiative_terms("", texts[-1]), [Existing(1, vector)]) == 1


FOI_LOG = (
    "Publish a log of the FOI requests each ministry receives, the decision on each and the "
    "documents released, so that what one requester gets is available to all."
)
USER_TESTING = (
    "Nye digitale selvbetjeningsløsninger skal brugertestes med rigtige borgere, før de "
    "lanceres, og testrapporterne skal offentliggøres.",
    "Offentlige digitale løsninger skal afprøves af ældre brugere, så fejlene findes, inden "
    "de lanceres.",
)
GIFT_REGISTER = (
    "Et offentligt gaveregister, hvor ministre og folketingsmedlemmer løbende skal registrere "
    "de gaver og betalte rejser, de modtager."
)
DRINKING_WATER = (
    "Alle vandværkers analyser af drikkevandet skal være åbne data, så man kan slå sin adresse "
    "op og se, hvad der er i vandet."
)


def test_authorities_journals_stay_apart_from_a_log_of_foi_requests() -> None:
    assert not joins(
        FOI_LOG,
        "Ministerierne skal lægge deres postlister på nettet hver dag som eInnsyn i Norge, så "
        "man kan se, hvilke dokumenter der findes, og søge aktindsigt i dem.",
    )


def test_authorities_journals_in_danish_and_english_join_one_candidate() -> None:
    assert joins(
        "Ministerierne skal lægge deres postjournaler på nettet hver dag.",
        "Ministries should put their journals of incoming and outgoing documents online every "
        "day, as Norway does with eInnsyn.",
    )


def test_researchers_who_gain_from_two_asks_do_not_join_them() -> None:
    assert not joins(
        "The Ministry of Finance should publish its economic models, so that researchers can "
        "inspect the assumptions and rerun the calculations.",
        "Court rulings should be online in full and free of charge: researchers now have to "
        "request them one by one, which makes research nearly impossible.",
    )


def test_open_research_data_in_danish_and_english_still_joins() -> None:
    assert joins(
        "Forskningsdata fra offentligt finansieret forskning skal være frit tilgængelige.",
        "Research data from publicly funded research should be open access.",
    )


def test_reporting_readings_to_a_register_is_not_whistleblowing() -> None:
    assert not joins(
        "Vi foreslår en lovfæstet whistleblowerordning, så ansatte kan indberette fejl.",
        "Vandværkerne skal indberette deres målinger til en fælles database, som alle kan søge i.",
    )


def test_user_testing_stays_apart_from_a_complaints_body() -> None:
    # They share the theme's words (offentlige digitale løsninger), not the ask.
    assert not joins(
        *USER_TESTING,
        "Der oprettes en klageinstans for offentlige digitale løsninger, hvor borgere kan klage, "
        "når fejl i en digital løsning udelukker dem, før de findes og rettes.",
    )


def test_user_testing_stays_apart_from_accessibility_control() -> None:
    assert not joins(
        *USER_TESTING,
        "Alle offentlige digitale løsninger skal overholde WCAG, og en uafhængig instans "
        "offentliggør hvert år, hvilke digitale løsninger der ikke gør.",
    )


def test_user_testing_in_danish_and_english_joins_one_candidate() -> None:
    assert joins(
        *USER_TESTING,
        "Before a new public self-service solution is launched, it must go through user "
        "testing with older people, and the results must be published.",
    )


def test_a_gift_register_stays_apart_from_a_cooling_off_period() -> None:
    # Both name ministers and lobbyists; one asks about gifts, the other about later jobs.
    assert not joins(
        "Karensperiode: tidligere ministre må ikke arbejde som lobbyister det første år.",
        "Ministre skal registrere de gaver, de får fra lobbyister og virksomheder.",
    )


def test_gifts_in_danish_and_english_join_one_candidate() -> None:
    assert joins(
        GIFT_REGISTER,
        "Og alt hvad politikere får af gaver og gratis rejser, skal registreres offentligt.",
        "Gifts and hospitality received by mayors and councillors should be published online.",
    )


def test_drinking_water_paraphrases_join_one_candidate() -> None:
    assert joins(
        DRINKING_WATER,
        "Jeg foreslår, at alle målinger af vandkvaliteten fra vandværkerne lægges ud, så man "
        "kan se tallene for sit eget vandværk.",
    )


def test_drinking_water_stays_apart_from_polluters_emissions() -> None:
    # The emissions ask names drinking water only in what it is for (a detail).
    assert not joins(
        DRINKING_WATER,
        "Alle virksomheders udledninger skal være åbne data, så man kan slå sin adresse op og "
        "se, hvad der udledes nær de vandværker, der leverer ens drikkevand.",
    )


def test_council_meetings_on_video_in_danish_and_english_join_one_candidate() -> None:
    assert joins(
        "Alle byrådsmøder skal transmitteres live og gemmes som video på kommunens hjemmeside.",
        "Council meetings should be streamed live and archived, so residents can follow them.",
    )


def test_an_ask_on_one_side_does_not_make_theme_words_enough() -> None:
    # A lobby register and a register of consultants share the theme (a register, the
    # ministers), not an ask: with no stems in common they are not one.
    lobby = initiative_terms(
        "", "Et obligatorisk lobbyregister, hvor alle lobbyister over for ministrene registreres."
    )
    consultants = initiative_terms(
        "", "Ministrene skal offentliggøre et register over de eksterne konsulenter, de bruger."
    )
    assert not shares_an_ask(lobby, consultants)


def test_user_testing_of_self_service_stays_apart_from_personal_help_with_it() -> None:
    # The user-testing ask is the one side's; the other shares the theme's words only.
    assert not joins(
        "Digital selvbetjening for virksomheder: mange selvbetjeningsløsninger er svære at bruge "
        "for små virksomheder. Alle nye løsninger skal brugertestes med borgere og virksomheder, "
        "før de bliver obligatoriske.",
        "Digital selvbetjening med ret til personlig hjælp: digital selvbetjening skal fortsat "
        "være hovedreglen, men borgere, der ikke kan betjene sig selv digitalt, skal have "
        "personlig hjælp.",
    )
