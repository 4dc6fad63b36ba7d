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
