"""Bold run-in leads in Word paragraphs (parse/word_headings.run_in): "Åbne ventetider."
in bold opening a paragraph whose text runs on in roman is that paragraph's heading where
two or more paragraphs open so; one alone is emphasis. Files made with python-docx."""

from __future__ import annotations

import docx
from docx.document import Document

from hoering.parse.docx import extract_docx_text
from tests.parse.test_word_headings import save

INTRO = "Danske Patienter takker for invitationen og har tre konkrete bud til handlingsplanen."
LEADS = (
    ("Åbne ventetider.", "Regionernes ventetider offentliggøres som åbne data hver uge."),
    ("Indsigt i egne data.", "Borgerne bør kunne se, hvem der har set deres journal."),
)


def _run_in(document: Document, lead: str, rest: str, bold_rest: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(lead).bold = True
    paragraph.add_run(f" {rest}").bold = bold_rest or None


def test_two_paragraphs_opening_with_a_bold_lead_have_it_as_their_heading() -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    for lead, rest in LEADS:
        _run_in(document, lead, rest)
    text = extract_docx_text(save(document))
    assert text == (
        f"{INTRO}\n# Åbne ventetider.\n{LEADS[0][1]}\n# Indsigt i egne data.\n{LEADS[1][1]}"
    )


def test_one_bold_lead_alone_is_emphasis_and_stays_in_its_paragraph() -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    _run_in(document, *LEADS[0])
    document.add_paragraph(LEADS[1][1])
    assert f"\nÅbne ventetider. {LEADS[0][1]}\n" in extract_docx_text(save(document))


def test_a_paragraph_all_in_bold_or_bold_inside_a_sentence_is_no_run_in() -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    for lead, rest in LEADS:
        _run_in(document, lead, rest, bold_rest=True)  # a bold paragraph: no run-in lead
    paragraph = document.add_paragraph("Vi foreslår ")
    paragraph.add_run("åbne data.").bold = True
    paragraph.add_run(" Det haster.")
    text = extract_docx_text(save(document))
    assert "Åbne ventetider. Regionernes" in text
    assert "Vi foreslår åbne data. Det haster." in text
