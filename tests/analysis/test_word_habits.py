# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on Word letters made with other producers' habits than Word's own styles and
numbering (bench/bench_habits.py): the same proposals found however the file was made.
Texts written for these tests."""

from __future__ import annotations

import docx

from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.parse.docx import extract_docx_text
from tests.parse.test_word_headings import save

INTRO = "Foreningen Åben By takker for invitationen til at komme med idéer til den nye handlingsplan for åben forvaltning."


def split(data: bytes) -> tuple[Initiative, ...]:
    return split_initiatives([Section("svar.docx", extract_docx_text(data))])


def test_proposals_in_a_letter_laid_out_as_a_table_are_found() -> None:
    # The section headings in a borderless left column, their text and list in the right.
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Indledning").bold = True
    table.cell(0, 1).text = INTRO
    table.cell(1, 0).paragraphs[0].add_run("Vores forslag").bold = True
    cell = table.cell(1, 1)
    cell.text = "Vi har følgende forslag:"
    for item in (
        "Alle kommuner offentliggør deres postlister hver uge, så borgerne kan se, hvad der er kommet ind.",
        "Der oprettes et offentligt lobbyregister over ministres møder med interesseorganisationer.",
    ):
        cell.add_paragraph(item, style="List Number")
    document.add_paragraph("Med venlig hilsen\nJens Holm")
    found = split(save(document))
    assert [i.text.split(",")[0] for i in found] == [
        "1. Alle kommuner offentliggør deres postlister hver uge",
        "2. Der oprettes et offentligt lobbyregister over ministres møder med interesseorganisationer.",
    ]


def test_titles_beside_their_text_in_a_table_without_a_header_are_the_proposals() -> None:
    # A two-column layout made as a borderless table: a short title left, its text right,
    # after an introduction that counts them.
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    document.add_paragraph(
        "Foreningen foreslår to initiativer, som vil styrke åbenheden i kommunerne."
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Åbne postlister"
    table.cell(0, 1).text = "Alle kommuner bør offentliggøre deres postlister hver uge på nettet."
    table.cell(1, 0).text = "Lobbyregister"
    table.cell(1, 1).text = "Borgmestres møder med virksomheder bør registreres og offentliggøres."
    document.add_paragraph("Foreningen bemærker, at begge kan gennemføres uden lovændringer.")
    document.add_paragraph("Med venlig hilsen\nJens Holm")
    assert [i.title for i in split(save(document))] == ["Åbne postlister", "Lobbyregister"]


def test_paragraphs_opening_with_a_bold_run_in_title_are_one_proposal_each() -> None:
    # "<b>Åbne ventetider.</b> Vi foreslår ...": the title in bold, the text running on.
    document = docx.Document()
    document.add_paragraph(INTRO + " Vi har tre konkrete bud.")
    for lead, rest in (
        ("Åbne ventetider.", "Vi foreslår, at regionernes ventetider offentliggøres hver uge."),
        (
            "Patienter med i beslutningerne.",
            "Der bør sidde patienter med, når kvalitetsmål fastlægges.",
        ),
        (
            "Indsigt i egne data.",
            "Borgerne bør kunne se, hvem der har set deres helbredsoplysninger.",
        ),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(lead).bold = True
        paragraph.add_run(f" {rest}")
    document.add_paragraph("Vi står gerne til rådighed for uddybning.")
    document.add_paragraph("Med venlig hilsen")
    document.add_paragraph("Karen Skov")
    assert [i.title for i in split(save(document))] == [
        "Åbne ventetider",
        "Patienter med i beslutningerne",
        "Indsigt i egne data",
    ]


def test_bullets_completing_an_item_that_ends_in_a_colon_are_its_points() -> None:
    # Hand-typed dashes (no Word list, so no nesting): "- ... Det kan fx gælde:" over
    # "- lukning af skoler" in lower case, which go on with its sentence.
    document = docx.Document()
    document.add_paragraph(INTRO)
    document.add_paragraph("Vi har følgende forslag:")
    for line in (
        "- Lokalrådene bør høres, før kommunen træffer beslutninger om deres område. Det kan fx gælde:",
        "- lukning af skoler og institutioner",
        "- nye lokalplaner",
        "- Kommunerne bør offentliggøre data opdelt på lokalområder.",
    ):
        document.add_paragraph(line)
    document.add_paragraph("Med venlig hilsen\nJens Holm")
    found = split(save(document))
    assert [i.text.split(".")[0] for i in found] == [
        "- Lokalrådene bør høres, før kommunen træffer beslutninger om deres område",
        "- Kommunerne bør offentliggøre data opdelt på lokalområder",
    ]
    assert "nye lokalplaner" in found[0].text
