"""The number of proposals a reply says it makes chooses between the readings its structure
offers (analysis/initiative_count.py): a heading over its own points, or each point."""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from hoering.analysis.initiative_count import stated_count
from hoering.analysis.initiatives import Section, split_initiatives
from hoering.parse.message import parse_message

# Thunderbird's plain text: two headings on lines of their own, each over the points of its
# proposal as a dash list.
POINTS = (
    "Kære Digitaliseringsstyrelse\n\n{intro}\n\n"
    "Åbne kommunale budgetter\n\n"
    "- Kommunerne bør offentliggøre deres budget som åbne data hvert år.\n"
    "- Budgettet bør kunne ses på et kort over kommunen.\n\n"
    "Borgerpaneler i planlægningen\n\n"
    "- Kommunerne bør nedsætte borgerpaneler, før en lokalplan skrives.\n"
    "- Panelernes anbefalinger bør offentliggøres sammen med planforslaget.\n\n"
    "Med venlig hilsen\nKaren Holm\n"
)


def _titles(intro: str) -> list[str]:
    message = EmailMessage(policy=SMTP)
    message["From"], message["Subject"] = "karen@example.dk", "OGP-høring"
    message.set_content(POINTS.format(intro=intro))
    body = parse_message(message.as_bytes()).body_text
    return [item.title for item in split_initiatives([Section("brødtekst", body)])]


def test_a_stated_count_takes_each_heading_over_its_points() -> None:
    assert _titles("Vi har to forslag til handlingsplanen.") == [
        "Åbne kommunale budgetter",
        "Borgerpaneler i planlægningen",
    ]


def test_without_a_count_a_heading_over_a_list_groups_its_items() -> None:
    # The rule the count overrides: a theme heading over a list of proposals.
    assert len(_titles("Her er vores bidrag til handlingsplanen.")) == 4


def test_a_count_no_reading_gives_changes_nothing() -> None:
    assert len(_titles("Vi har tre forslag til handlingsplanen.")) == 4


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Vi har tre forslag til handlingsplanen.", 3),
        ("DUF har følgende fire initiativer.", 4),
        ("Her er to konkrete forslag fra os.", 2),
        ("Our five proposals are set out below.", 5),
        ("Vi har udfyldt skabelonen for to idéer. De to idéer hænger sammen.", 2),
        ("Planen bør rumme tre til fire initiativer.", 0),  # a range: the plan's size
        ("Planen bør rumme 2 -   3 forslag.", 0),  # a range set apart by spaces
        ("Et mål at stræbe til: 3 forslag.", 3),  # "til" ends the sentence before the number
        ("Vi har to forslag om data og tre forslag om inddragelse.", 0),  # two numbers
        ("Forslaget kan gennemføres i tre trin.", 0),
        ("Vi takker for muligheden.", 0),
    ],
)
def test_stated_count(text: str, count: int) -> None:
    assert stated_count(text) == count


@pytest.mark.parametrize(
    "text",
    [
        "# Borgerinddragelse\n\nVi har to forslag.",  # under a theme's heading: the theme's count
        "Vi har to forslag på dette område.",
    ],
)
def test_a_section_s_count_is_not_the_reply_s(text: str) -> None:
    assert stated_count(text) == 0


def _mail_titles(body: str) -> list[str]:
    """The titles split from a plain mail's body, read by the parser as at import."""
    message = EmailMessage(policy=SMTP)
    message["From"], message["Subject"] = "lone@example.dk", "OGP-høring"
    message.set_content(body)
    text = parse_message(message.as_bytes()).body_text
    return [item.title for item in split_initiatives([Section("brødtekst", text)])]


def test_a_list_whose_introduction_counts_its_items_holds_the_proposals() -> None:
    # "bud" and "punkter" are in no list of words for proposals: the count and the items agree.
    body = (
        "Hej\n\nVi er en lille forening for åbenhed i kommunerne. Her er vores tre bud:\n\n"
        "- Byrådsmøder på video: alle møder skal optages og gemmes.\n"
        "- Åbne regnskaber: kommunernes posteringer bør lægges ud som data.\n"
        "- Spørgetid: borgerne skal kunne stille spørgsmål på hvert møde.\n\n"
        "Mvh Lone\n"
    )
    assert _mail_titles(body) == ["Byrådsmøder på video", "Åbne regnskaber", "Spørgetid"]


def test_a_counted_list_of_one_proposal_s_parts_stays_one_proposal() -> None:
    # "tre trin" names the steps of one proposal; the items are its parts.
    body = (
        "Hej\n\nJeg foreslår et åbent register over kommunernes kontrakter. "
        "Det kan gennemføres i tre trin:\n\n"
        "- Først skal kontrakterne over en million kroner med.\n"
        "- Så skal alle kontrakter med.\n"
        "- Til sidst skal bilagene med.\n\n"
        "Mvh Lone\n"
    )
    assert len(_mail_titles(body)) == 1


def test_a_counted_list_whose_items_ask_nothing_is_not_the_proposals() -> None:
    body = (
        "Hej\n\nJeg har tænkt over høringen og har to indtryk:\n\n"
        "- Planen er lang.\n- Temaerne er gode.\n\n"
        "Derfor foreslår jeg, at planen får en kort sammenfatning på én side.\n\nMvh Lone\n"
    )
    assert len(_mail_titles(body)) == 1


def test_as_many_paragraphs_as_the_introduction_counts_are_the_proposals() -> None:
    # Each proposal a paragraph under a lead that only bold type set apart in the HTML; the
    # text part keeps the words: the count and the asking paragraphs agree.
    body = (
        "Til styrelsen\n\nForeningen takker for invitationen, og vi har to konkrete bud.\n\n"
        "Åbne ventelister. Vi foreslår, at kommunernes ventelister til plejehjem "
        "offentliggøres hver måned.\n\n"
        "Klager i tal. Kommunerne bør hvert år offentliggøre, hvor mange klager de har "
        "fået, og hvad de handlede om.\n\n"
        "Med venlig hilsen\nLone\n"
    )
    assert _mail_titles(body) == ["Åbne ventelister", "Klager i tal"]


def test_paragraphs_fewer_than_the_count_are_not_read_as_counted() -> None:
    body = (
        "Hej\n\nJeg har tre børn i kommunens skoler.\n\n"
        "Skolernes budgetter bør ligge på nettet, så forældrene kan se dem.\n\n"
        "Jeg håber, I kan bruge det.\n\nMvh Lone\n"
    )
    assert len(_mail_titles(body)) == 1


def test_a_long_sentence_with_many_counts_is_read_in_linear_time() -> None:
    # A table exported without punctuation can repeat a count in one long "sentence"; each
    # number once read the whole sentence before it (16,000 of them took 80 s of CPU).
    started = time.process_time()
    assert stated_count("to forslag " * 50_000) == 2
    assert time.process_time() - started < 5
