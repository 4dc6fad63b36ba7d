"""Bold lead sentences and labels in a Word body ("Der bør oprettes et lobbyregister.",
"Lobbyregister:"): headings where two or more stand over a paragraph each (parse/
word_headings.py), on real documents written with python-docx."""

from __future__ import annotations

import docx

from hoering.parse.docx import extract_docx_text
from hoering.parse.versions import EXTRACTOR_VERSIONS
from tests.parse.test_word_headings import letter, save

REGISTER = "I dag kan borgerne ikke se, hvem ministrene mødes med."
BUDGETS = "Budgetterne findes i dag som PDF-filer i vidt forskellige formater."


def test_bold_lead_sentences_over_their_paragraphs_are_headings() -> None:
    document = letter(
        ("b", "Der bør oprettes et lobbyregister."),
        ("p", REGISTER),
        ("b", "Kommunernes budgetter skal være åbne data."),
        ("p", BUDGETS),
    )
    text = extract_docx_text(save(document))
    assert f"\n# Der bør oprettes et lobbyregister.\n{REGISTER}\n" in text
    assert f"\n# Kommunernes budgetter skal være åbne data.\n{BUDGETS}\n" in text


def test_bold_labels_ending_in_a_colon_over_their_paragraphs_are_headings() -> None:
    document = letter(
        ("b", "Lobbyregister:"), ("p", REGISTER), ("b", "Åbne budgetter:"), ("p", BUDGETS)
    )
    text = extract_docx_text(save(document))
    assert f"\n# Lobbyregister:\n{REGISTER}\n" in text
    assert f"\n# Åbne budgetter:\n{BUDGETS}\n" in text


def test_bold_questions_over_their_answers_are_headings() -> None:
    # The call's questions quoted in bold, each over the reply's answer.
    document = letter(
        ("b", "Hvordan kan staten blive mere åben?"),
        ("p", REGISTER),
        ("b", "Hvordan kan kommunerne blive mere åbne?"),
        ("p", BUDGETS),
    )
    text = extract_docx_text(save(document))
    assert f"\n# Hvordan kan staten blive mere åben?\n{REGISTER}\n" in text
    assert f"\n# Hvordan kan kommunerne blive mere åbne?\n{BUDGETS}\n" in text


def test_one_bold_sentence_alone_stays_as_written() -> None:
    # One bold sentence in a letter is emphasis: no heading without another set out so.
    document = letter(("b", "Vi støtter planen."), ("p", REGISTER), ("p", BUDGETS))
    assert f"\nVi støtter planen.\n{REGISTER}\n" in extract_docx_text(save(document))


def test_bold_leads_over_lists_introduce_them_and_stay_as_written() -> None:
    document = docx.Document()
    document.add_paragraph("Foreningen takker for muligheden for at komme med forslag til planen.")
    for lead, items in (
        ("Vi har følgende forslag:", REGISTER),
        ("Vi har også to ønsker:", BUDGETS),
    ):
        document.add_paragraph().add_run(lead).bold = True
        document.add_paragraph(items, style="List Bullet")
        document.add_paragraph(items, style="List Bullet")
    text = extract_docx_text(save(document))
    assert f"\nVi har følgende forslag:\n- {REGISTER}\n" in text
    assert f"\nVi har også to ønsker:\n- {BUDGETS}\n" in text


def test_bold_leads_make_docx_version_10() -> None:
    # Stored Word texts are read again (hoering reparse --outdated).
    assert EXTRACTOR_VERSIONS["docx"] >= 10
