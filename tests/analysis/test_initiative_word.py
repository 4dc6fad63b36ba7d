# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on Word letters (issue 18 item 2): the structure the DOCX itself states
(styled and bold headings) decides, not line length; real files through the extractor."""

from __future__ import annotations

from bench.bench_initiatives import sections
from hoering.analysis.initiatives import Initiative, split_initiatives
from tests.analysis.initiative_cases import Case
from tests.kit.initiative_docs import Block

HEAD: list[Block] = [
    ("p", "Foreningen Åben By"),
    ("b", "Høringssvar om handlingsplanen for åben forvaltning"),
    ("p", "Foreningen takker for muligheden for at komme med forslag til den nye handlingsplan."),
]
CLOSE: list[Block] = [("p", "Med venlig hilsen"), ("p", "Karen Holm")]


def split_docx(blocks: list[Block]) -> tuple[Initiative, ...]:
    case = Case("word", "Høringssvar", "Se vedhæftede.", (), ("docx", HEAD + blocks + CLOSE))
    return split_initiatives(sections(case), case.subject)


def test_a_short_paragraph_under_a_bold_heading_belongs_to_its_proposal() -> None:
    found = split_docx(
        [
            ("b", "Åbne byrådsmøder på video"),
            (
                "p",
                "Alle kommuner bør optage deres byrådsmøder og lægge dem på nettet sammen med dagsordenen.",
            ),
            ("p", "Det kan gøres billigt"),
            (
                "p",
                "Mange kommuner har allerede udstyret, og en fælles aftale kan holde prisen nede.",
            ),
            ("b", "Sagsnumre på alle breve"),
            (
                "p",
                "Breve fra det offentlige bør altid vise sagens nummer, så man kan henvise til den.",
            ),
        ]
    )
    assert [i.title for i in found] == ["Åbne byrådsmøder på video", "Sagsnumre på alle breve"]
    assert "fælles aftale" in found[0].text


def test_a_short_paragraph_in_a_letter_with_styled_sections_is_no_heading() -> None:
    found = split_docx(
        [
            ("h1", "Indledning"),
            (
                "p",
                "Rådet har læst oplægget og vil gerne bidrage med et konkret forslag til planen.",
            ),
            ("h1", "Forslag"),
            (
                "p",
                "Rådet foreslår, at alle kommuner offentliggør deres svar på aktindsigter i et fælles arkiv.",
            ),
            ("p", "Personoplysninger skal fjernes"),
            ("p", "Før offentliggørelse fjernes navne, så kun sagens indhold bliver offentligt."),
            ("h1", "Afslutning"),
            ("p", "Rådet deltager gerne i det videre arbejde."),
        ]
    )
    assert len(found) == 1
    assert "fælles arkiv" in found[0].text and "fjernes navne" in found[0].text


def test_bold_numbered_proposals_keep_a_short_paragraph_and_the_last_one() -> None:
    found = split_docx(
        [
            ("b", "1. Åbne kalendere"),
            ("p", "Ministres kalendere offentliggøres løbende med møder og deltagere."),
            ("b", "2. Whistleblowerordning i staten"),
            ("p", "Der oprettes en fælles whistleblowerordning for alle statsansatte."),
            ("p", "Ordningen bør evalueres"),
            (
                "p",
                "Efter to år evalueres ordningen af en uafhængig part, og evalueringen offentliggøres.",
            ),
            ("b", "3. Aktindsigt på nettet"),
            ("p", "Det skal være muligt at søge aktindsigt digitalt hos alle myndigheder."),
        ]
    )
    assert len(found) == 3
    assert "uafhængig part" in found[1].text


def test_one_proposal_in_bold_template_sections_is_one_initiative_with_all_its_text() -> None:
    found = split_docx(
        [
            ("b", "Problem"),
            (
                "p",
                "Borgerne har i dag kun lidt indflydelse på, hvordan kommunens anlægsmidler bruges.",
            ),
            ("b", "Løsning"),
            (
                "p",
                "Vi foreslår, at hver kommune afsætter en del af anlægsbudgettet, som borgerne selv prioriterer.",
            ),
            ("b", "Tidshorisont"),
            ("p", "Forsøg i fem kommuner i 2018 og udbredelse i 2019."),
        ]
    )
    assert len(found) == 1
    assert "anlægsmidler" in found[0].text and "fem kommuner" in found[0].text


def test_plain_paragraphs_are_read_as_headings_where_the_file_marks_none() -> None:
    case = Case(
        "plain-word",
        "Høringssvar",
        "Se vedhæftede.",
        (),
        (
            "docx",
            [
                (
                    "p",
                    "Vi har to forslag til den nye handlingsplan, som vi beskriver nedenfor i korte træk.",
                ),
                ("p", "Åbne kalendere for ministre"),
                (
                    "p",
                    "Ministres kalendere bør offentliggøres hver uge med møder, deltagere og emne.",
                ),
                ("p", "Et lobbyregister"),
                ("p", "Der bør oprettes et register over lobbyister, der mødes med ministerierne."),
                *CLOSE,
            ],
        ),
    )
    found = split_initiatives(sections(case), case.subject)
    assert [i.title for i in found] == ["Åbne kalendere for ministre", "Et lobbyregister"]


def proposals(title: str, intro: str) -> list[Block]:
    blocks: list[Block] = [("p", "Foreningen Åben By"), ("b", title)]
    blocks += [("p", intro)] if intro else []
    return [
        *blocks,
        ("b", "Åbne kalendere"),
        ("p", "Ministres kalendere bør offentliggøres hver uge med møder, deltagere og emne."),
        ("b", "Lobbyregister"),
        ("p", "Der bør oprettes et register over lobbyister, der mødes med ministerierne."),
        *CLOSE,
    ]


def titles_of(blocks: list[Block]) -> list[str]:
    case = Case("word-title", "Høringssvar", "Se vedhæftede.", (), ("docx", blocks))
    return [i.title for i in split_initiatives(sections(case), case.subject)]


def test_a_letter_title_that_names_the_reply_is_no_proposal() -> None:
    intro = "PROSA takker for invitationen og har drøftet høringen i bestyrelsen i august."
    found = titles_of(proposals("PROSAs bidrag til Danmarks OGP-handlingsplan 2017-2019", intro))
    assert found == ["Åbne kalendere", "Lobbyregister"]


def test_a_title_over_an_introduction_that_announces_the_proposals_is_no_proposal() -> None:
    intro = "Foreningen takker for invitationen og har samlet sine idéer nedenfor."
    assert titles_of(proposals("Åbenhed i staten", intro)) == ["Åbne kalendere", "Lobbyregister"]


def test_a_bold_proposal_heading_right_under_the_title_is_read() -> None:
    assert titles_of(proposals("Åbenhed i staten", "")) == ["Åbne kalendere", "Lobbyregister"]


def test_short_plain_headings_are_read_where_only_the_letter_title_is_bold() -> None:
    # HEAD's bold title is the only marked heading: it marks no section of the letter, so
    # its plain short headings are read as in a text without markup.
    found = split_docx(
        [
            ("p", "Åbne kalendere for ministre"),
            ("p", "Ministres kalendere bør offentliggøres hver uge med møder, deltagere og emne."),
            ("p", "Et lobbyregister"),
            ("p", "Der bør oprettes et register over lobbyister, der mødes med ministerierne."),
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere for ministre", "Et lobbyregister"]


def test_a_bold_closing_adds_no_initiatives() -> None:
    found = split_docx(
        [
            ("b", "Åbne kalendere for ministre"),
            ("p", "Ministres kalendere bør offentliggøres hver uge med møder, deltagere og emne."),
            ("b", "Et lobbyregister"),
            ("p", "Der bør oprettes et register over lobbyister, der mødes med ministerierne."),
            ("b", "Med venlig hilsen"),
            ("b", "Foreningen Åben By"),
        ]
    )
    assert [i.title for i in found] == ["Åbne kalendere for ministre", "Et lobbyregister"]


def test_theme_headings_over_paragraphs_that_each_open_with_the_sender_s_ask() -> None:
    # A union's letter: a Heading 2 per theme of the call, under it paragraphs that each open
    # "LO foreslår, at ...", one with a paragraph explaining it. Each ask is a proposal; a
    # theme with one ask is that one.
    found = split_docx(
        [
            ("h2", "Åbenhed og gennemsigtighed"),
            ("p", "LO foreslår, at myndighederne offentliggør arbejdsklausulerne i deres udbud."),
            ("p", "LO foreslår, at staten hvert år offentliggør sit forbrug af konsulenter."),
            ("p", "Tallene findes allerede i statens regnskab, men de bliver ikke samlet."),
            ("h2", "Antikorruption"),
            ("p", "LO foreslår, at alle kommuner får en whistleblowerordning for de ansatte."),
        ]
    )
    assert [item.title for item in found] == [
        "Myndighederne offentliggør arbejdsklausulerne i deres udbud",
        "Staten hvert år offentliggør sit forbrug af konsulenter",
        "Antikorruption",
    ]
    assert "regnskab" in found[1].text


def test_table_rows_as_many_as_the_introduction_counts_are_the_proposals() -> None:
    # Two columns made as a table without a header row: a short title, then its text. No
    # column names a proposal; the count in the paragraph above and the rows agree.
    found = split_docx(
        [
            (
                "p",
                "Vi foreslår tre initiativer, som vil gøre kommunernes arbejde lettere at følge.",
            ),
            (
                "table",
                [
                    [
                        "Åbne udvalgsmøder",
                        "Udvalgenes møder streames og gemmes på kommunens hjemmeside.",
                    ],
                    [
                        "Kontrakter som data",
                        "Kommunernes kontrakter over en million kroner lægges ud med bilag.",
                    ],
                    [
                        "Borgerforslag",
                        "Borgere med 500 underskrifter kan sætte et punkt på byrådets dagsorden.",
                    ],
                ],
            ),
        ]
    )
    assert [item.title for item in found] == [
        "Åbne udvalgsmøder",
        "Kontrakter som data",
        "Borgerforslag",
    ]
