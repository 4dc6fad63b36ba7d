# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on Word structures a reply shows by layout (issue 18 item 2): a report's
Title, tables of proposals, lists Word numbers on past a heading; real files through the
extractor."""

from __future__ import annotations

from bench.bench_initiatives import sections
from hoering.analysis.initiatives import Initiative, split_initiatives
from tests.analysis.initiative_cases import Case
from tests.kit.initiative_docs import Block

INTRO = (
    "p",
    "Foreningen takker for muligheden for at komme med forslag til den nye handlingsplan.",
)
CLOSE: list[Block] = [("p", "Med venlig hilsen"), ("p", "Karen Holm")]
CALENDARS = "Ministres kalendere bør offentliggøres hver uge med møder, deltagere og emne."
LOBBY = "Der bør oprettes et register over lobbyister, der mødes med ministerierne."
PURCHASES = "Alle kontrakter over en million kroner bør lægges ud som åbne data med pris."


def split_file(blocks: list[Block]) -> tuple[Initiative, ...]:
    case = Case("word", "Høringssvar", "Se vedhæftede.", (), ("docx", blocks))
    return split_initiatives(sections(case), case.subject)


def test_a_report_s_title_is_no_proposal_beside_its_recommendations() -> None:
    # Word's Title style names the report; its chapter "Anbefalinger" holds the proposals.
    found = split_file(
        [
            ("p", "Center for Digital Forvaltning"),
            ("title", "Åben forvaltning i en digital tid: anbefalinger til handlingsplanen"),
            ("h1", "1 Baggrund"),
            (
                "p",
                "Centeret har fulgt digitaliseringen i tolv kommuner gennem interviews og observationer.",
            ),
            ("h1", "2 Anbefalinger"),
            ("h2", "2.1 Åbne kalendere"),
            ("p", CALENDARS),
            ("h2", "2.2 Et lobbyregister"),
            ("p", LOBBY),
            ("h1", "3 Afrunding"),
            ("p", "Centeret bidrager gerne med viden til det videre arbejde."),
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Et lobbyregister"]


def test_a_proposal_table_with_a_column_named_in_no_list_gives_a_proposal_per_row() -> None:
    found = split_file(
        [
            INTRO,
            (
                "table",
                [
                    ["Forslag", "Beskrivelse", "Gevinst for borgerne"],
                    ["Åbne kalendere", CALENDARS, "Indsigt i, hvem ministrene mødes med."],
                    ["Lobbyregister", LOBBY, "Tillid til de politiske beslutninger."],
                ],
            ),
            *CLOSE,
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]
    assert "Tillid til" in found[1].text


def test_a_form_row_naming_one_label_is_no_header_row() -> None:
    # "Titel | Åbne kalendere" is a field of the call's form, not the head of a table.
    found = split_file(
        [
            INTRO,
            (
                "table",
                [
                    ["Titel", "Åbne kalendere"],
                    ["Beskrivelse", CALENDARS],
                    ["Ansvarlig", "Statsministeriet"],
                ],
            ),
            *CLOSE,
        ]
    )
    assert [(i.title, i.owner) for i in found] == [("Åbne kalendere", "Statsministeriet")]


def test_a_proposal_row_whose_cell_holds_two_paragraphs_is_one_initiative() -> None:
    found = split_file(
        [
            INTRO,
            (
                "table",
                [
                    ["Forslag", "Beskrivelse"],
                    ["Åbne kalendere", f"{CALENDARS}\nDet kan ske på regeringens hjemmeside."],
                    ["Lobbyregister", LOBBY],
                    ["Åbne indkøb", PURCHASES],
                ],
            ),
            *CLOSE,
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister", "Åbne indkøb"]
    assert "regeringens hjemmeside" in found[0].text


def test_a_list_numbered_on_past_a_theme_heading_keeps_every_proposal() -> None:
    # Word numbers one list on across the bold theme headings between its items (1-2, 3-4).
    found = split_file(
        [
            INTRO,
            ("b", "Åbenhed i staten"),
            ("num", CALENDARS),
            ("num", LOBBY),
            ("b", "Åbenhed i kommunerne"),
            ("num", PURCHASES),
            ("num", "Byrådsmøder bør optages og lægges på nettet sammen med dagsordenen."),
            *CLOSE,
        ]
    )
    assert len(found) == 4
    assert "Byrådsmøder" in found[3].text


def test_labelled_paragraphs_in_word_text_are_one_proposal_each() -> None:
    # Word text has no blank line between paragraphs: each "Label: text" line opens one.
    found = split_file(
        [
            ("p", "Vi har følgende forslag til handlingsplanen:"),
            ("p", f"Åbne kalendere: {CALENDARS}"),
            ("bullet", "også for departementscheferne"),
            ("p", f"Lobbyregister: {LOBBY}"),
            ("p", f"Åbne indkøb: {PURCHASES}"),
            *CLOSE,
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister", "Åbne indkøb"]
    assert "departementscheferne" in found[0].text


def test_a_background_part_under_a_proposal_heading_stays_in_the_proposal() -> None:
    # "Baggrund" set as a sub-heading of the proposal is its part, not the letter's section.
    found = split_file(
        [
            INTRO,
            ("h1", "Åbne kalendere"),
            ("h2", "Baggrund"),
            ("p", "I dag kan man ikke se, hvem ministrene mødes med."),
            ("h2", "Forslag"),
            ("p", CALENDARS),
            ("h1", "Lobbyregister"),
            ("h2", "Baggrund"),
            ("p", "Lobbyisme foregår i dag uden for offentlighedens søgelys."),
            ("h2", "Forslag"),
            ("p", LOBBY),
            *CLOSE,
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]
    assert "hvem ministrene mødes med" in found[0].text and "offentliggøres" in found[0].text


def test_a_form_of_the_respondent_s_own_labels_filled_in_twice_gives_two_proposals() -> None:
    # A library association's tables, one per proposal, labelled in its own words: no label
    # is the call's, but the first label opens each repetition of the same form.
    found = split_file(
        [
            INTRO,
            (
                "table",
                [
                    ["Forslagets titel", "Åbne kalendere"],
                    ["Beskrivelse", CALENDARS],
                    ["Mulige parter", "Statsministeriet"],
                ],
            ),
            ("p", ""),
            (
                "table",
                [
                    ["Forslagets titel", "Lobbyregister"],
                    ["Beskrivelse", LOBBY],
                    ["Mulige parter", "Folketinget"],
                ],
            ),
            *CLOSE,
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]
    assert "Folketinget" in found[1].text


def test_a_table_of_proposals_by_theme_is_no_repeated_form() -> None:
    # The theme in the first column comes again, but no other label comes with it: rows.
    found = split_file(
        [
            ("p", "Foreningen har følgende forslag, ordnet efter høringens temaer:"),
            (
                "table",
                [
                    ["Åbenhed", CALENDARS],
                    ["Åbenhed", LOBBY],
                    ["Åbne data", PURCHASES],
                ],
            ),
            *CLOSE,
        ]
    )
    assert all(i.rule != "form" for i in found)


def test_bold_sections_repeated_under_each_proposal_are_its_parts() -> None:
    # Bold lines all alike: the proposal's title, then the template's "Hvad vil vi" and
    # "Hvorfor er det vigtigt" under each proposal, in the letter's own words.
    found = split_file(
        [
            INTRO,
            ("b", "Åbne kalendere"),
            ("b", "Hvad vil vi"),
            ("p", CALENDARS),
            ("b", "Hvorfor er det vigtigt"),
            ("p", "Borgerne kan se, hvem der får adgang til ministrene, og hvornår det sker."),
            ("b", "Lobbyregister"),
            ("b", "Hvad vil vi"),
            ("p", LOBBY),
            ("b", "Hvorfor er det vigtigt"),
            ("p", "Tilliden til de politiske beslutninger styrkes, når påvirkningen er synlig."),
            *CLOSE,
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]
    assert "Tilliden" in found[1].text
