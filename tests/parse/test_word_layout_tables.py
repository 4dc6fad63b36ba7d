"""Tables that lay out a Word letter's text rather than hold data (parse/wordml.py): read as
the text they hold, a line per paragraph, headings and list items marked as in the body;
tables of data keep a line per row. Files made with python-docx as Word writes them."""

from __future__ import annotations

import docx
from docx.document import Document
from docx.table import _Cell

from hoering.parse.docx import extract_docx_text
from hoering.parse.versions import EXTRACTOR_VERSIONS
from tests.parse.test_word_headings import save

PROSE = "Foreningen takker for muligheden for at komme med forslag til den nye handlingsplan."
MORE = "Vi uddyber forslagene nedenfor og deltager gerne i det videre arbejde med planen."


def _fill(cell: _Cell, *paragraphs: tuple[str, str | None]) -> None:
    cell.paragraphs[0].text, cell.paragraphs[0].style = paragraphs[0]
    for text, style in paragraphs[1:]:
        cell.add_paragraph(text, style=style)


def test_sections_set_beside_their_headings_are_read_as_headed_text() -> None:
    # A letter template with the section headings in a left column and their text, lists
    # included, in the right one: the cells' paragraphs are the letter's lines.
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    table = document.add_table(rows=2, cols=2)
    _fill(table.cell(0, 0), ("Indledning", "Heading 2"))
    _fill(table.cell(0, 1), (PROSE, None))
    _fill(table.cell(1, 0), ("Vores forslag", "Heading 2"))
    _fill(
        table.cell(1, 1),
        (MORE, None),
        ("Åbne postlister i alle kommuner.", "List Number"),
        ("Et offentligt lobbyregister.", "List Number"),
    )
    document.add_paragraph("Med venlig hilsen")
    text = extract_docx_text(save(document))
    assert f"## Indledning\n{PROSE}\n## Vores forslag\n{MORE}\n" in text
    assert "\n1. Åbne postlister i alle kommuner.\n2. Et offentligt lobbyregister.\n" in text


def test_bold_titles_beside_their_prose_without_a_header_row_are_headings() -> None:
    # Each row a proposal: its bold title in the left cell, its argument in the right.
    document = docx.Document()
    document.add_paragraph(PROSE)
    table = document.add_table(rows=2, cols=2)
    for row, (title, argument) in enumerate(
        (
            ("Åbne postlister", "Alle kommuner offentliggør deres postlister hver uge på nettet."),
            ("Lobbyregister", "Møder mellem ministre og interesseorganisationer registreres."),
        )
    ):
        table.cell(row, 0).paragraphs[0].add_run(title).bold = True
        table.cell(row, 1).text = argument
    text = extract_docx_text(save(document))
    assert "\n# Åbne postlister\nAlle kommuner offentliggør" in text
    assert "\n# Lobbyregister\nMøder mellem" in text


def test_a_letter_framed_in_a_one_cell_table_keeps_its_paragraphs() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    _fill(cell, (PROSE, None), (MORE, None))
    assert extract_docx_text(save(document)) == f"{PROSE}\n{MORE}"


def test_a_proposal_table_with_a_header_row_keeps_a_line_per_row() -> None:
    # Its description cells hold two paragraphs of prose, yet the header names the columns.
    document = docx.Document()
    document.add_paragraph(PROSE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Forslag", "Beskrivelse"
    table.cell(1, 0).text = "Åbne postlister"
    _fill(table.cell(1, 1), (PROSE, None), (MORE, None))
    assert f"\nÅbne postlister | {PROSE} {MORE}" in extract_docx_text(save(document))


def test_a_form_of_short_labels_and_values_keeps_its_rows() -> None:
    document: Document = docx.Document()
    document.add_paragraph(PROSE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Titel", "Åbne postlister"
    table.cell(1, 0).text, table.cell(1, 1).text = "Beskrivelse", MORE
    assert f"\nTitel | Åbne postlister\nBeskrivelse | {MORE}" in extract_docx_text(save(document))


def test_layout_tables_and_empty_paragraphs_make_docx_version_11() -> None:
    # reparse --outdated finds Word texts read with layout tables as rows, empty paragraphs.
    assert EXTRACTOR_VERSIONS["docx"] >= 11


def test_empty_paragraphs_in_the_body_are_spacing_not_blank_lines() -> None:
    # Enter pressed twice between paragraphs (Google Docs users, many Word users): the bold
    # title over the first prose is still its heading, the items still one list.
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    document.add_paragraph()
    document.add_paragraph().add_run("Forslag til handlingsplanen").bold = True
    document.add_paragraph()
    document.add_paragraph(PROSE)
    document.add_paragraph("")
    document.add_paragraph(MORE)
    text = extract_docx_text(save(document))
    assert text == f"Foreningen Åben By\n# Forslag til handlingsplanen\n{PROSE}\n{MORE}"
