"""The Word body read as its layout says (parse/wordml.py, parse/word_headings.py): the
Title style, a heading made by font size alone, and table rows, on files made with
python-docx as Word writes them."""

from __future__ import annotations

import docx
from docx.document import Document
from docx.shared import Pt

from hoering.parse.docx import extract_docx_text
from hoering.parse.versions import EXTRACTOR_VERSIONS
from tests.parse.test_word_headings import save

PROSE = "Foreningen takker for muligheden for at komme med forslag til den nye handlingsplan."


def sized(document: Document, text: str, points: int) -> None:
    document.add_paragraph().add_run(text).font.size = Pt(points)


def test_the_title_style_above_the_letter_s_sections_is_no_heading() -> None:
    # A report's Title names the whole document; its chapters are the Heading 1s below.
    document = docx.Document()
    document.add_paragraph("Åben forvaltning i en digital tid", style="Title")
    document.add_heading("Anbefalinger", level=1)
    document.add_paragraph(PROSE)
    text = extract_docx_text(save(document))
    assert text.startswith("Åben forvaltning i en digital tid\n# Anbefalinger\n")


def test_the_title_style_over_the_first_prose_is_its_heading() -> None:
    # As a bold title set large: the heading of the letter's only section.
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    document.add_paragraph("Et åbent lobbyregister", style="Title")
    document.add_paragraph(PROSE)
    assert "\n# Et åbent lobbyregister\n" in extract_docx_text(save(document))


def test_a_short_line_set_larger_without_bold_is_a_heading() -> None:
    document = docx.Document()
    document.add_paragraph(PROSE)
    sized(document, "Åbne byrådsmøder", 14)
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    assert "\n# Åbne byrådsmøder\nAlle kommuner" in extract_docx_text(save(document))


def test_a_line_set_at_text_size_is_no_heading() -> None:
    document = docx.Document()
    document.add_paragraph(PROSE)
    sized(document, "Det kan gøres billigt", 11)
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    assert "#" not in extract_docx_text(save(document))


def test_a_letter_typed_all_at_a_larger_size_has_no_headings_by_size() -> None:
    # Text selected whole and set to 14 pt: every run carries the size, short lines too.
    document = docx.Document()
    for text in (PROSE, "Det kan gøres billigt", "Alle kommuner bør optage deres byrådsmøder."):
        sized(document, text, 14)
    assert "#" not in extract_docx_text(save(document))


def test_a_table_row_in_the_letter_stays_one_line() -> None:
    # A cell of two paragraphs would otherwise cut its row in two, and the proposal with it.
    document = docx.Document()
    document.add_paragraph(PROSE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Forslag", "Beskrivelse"
    table.cell(1, 0).text = "Åbne postlister"
    table.cell(1, 1).text = "Postlister offentliggøres hver uge."
    table.cell(1, 1).add_paragraph("Det kan ske på en fælles portal.")
    text = extract_docx_text(save(document))
    assert (
        "\nÅbne postlister | Postlister offentliggøres hver uge. Det kan ske på en fælles portal."
    ) in text


def test_a_letterhead_table_keeps_a_line_per_paragraph() -> None:
    # The respondent is read from the letterhead's lines (analysis/respondent_org.py).
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Foreningen Åben By"
    table.cell(0, 0).add_paragraph("Vestergade 12")
    table.cell(0, 1).text = "14. august 2017"
    document.add_paragraph(PROSE)
    text = extract_docx_text(save(document))
    assert text.startswith("Foreningen Åben By\nVestergade 12 | 14. august 2017\n")


def test_titles_sizes_and_table_rows_make_docx_version_8() -> None:
    # reparse --outdated finds Word texts that marked a report's Title as a section.
    assert EXTRACTOR_VERSIONS["docx"] >= 8
