"""The splitter on a PDF whose headings only its type shows (bold, larger): a real letter
from python-docx converted by LibreOffice, read by the real extraction (parse/pdf_headings.py)."""

from __future__ import annotations

import pytest

from hoering.analysis.initiatives import Section, split_initiatives
from hoering.parse.limits import ExtractLimits
from hoering.parse.pdf import extract_pdf
from tests.kit import pdf_layouts
from tests.kit.needs import missing


@pytest.fixture(scope="module")
def text() -> str:
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    return extract_pdf(pdf_layouts.headed_letter(), ExtractLimits()).text


def test_bold_headings_under_a_chapter_are_the_proposals(text: str) -> None:
    # "Vores forslag" is set tight on the first bold title: one box in the PDF. Read without
    # the type (pdf extractor 6) the letter gave two proposals: the first was lost.
    found = split_initiatives([Section("brødtekst", "Se vedhæftede."), Section("svar.pdf", text)])
    assert [item.title for item in found] == list(pdf_layouts.HEADED_PROPOSALS)
    assert "Panelernes anbefalinger" in found[1].text  # the proposal's second paragraph
    assert "Karen Holm" not in found[2].text


def test_a_report_s_chapters_group_the_proposals_under_them() -> None:
    # Each chapter opens with a paragraph that wraps over two lines of the PDF, then its
    # proposals' headings, set smaller: the proposals, not the chapters.
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    report = extract_pdf(pdf_layouts.report_chapters(), ExtractLimits()).text
    found = split_initiatives([Section("brødtekst", "Se."), Section("notat.pdf", report)])
    wanted = [title for proposals in pdf_layouts.CHAPTERS.values() for title in proposals]
    assert [item.title for item in found] == wanted


def test_a_numbered_question_with_its_reason_is_no_proposal() -> None:
    # "1. Hvornår ...? Sidste år gik der tre måneder.": a question and why it is asked,
    # proposing nothing, in one Word-numbered list with the proposals (a PDF by LibreOffice).
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    letter = extract_pdf(pdf_layouts.numbered_questions_and_proposals(), ExtractLimits()).text
    found = split_initiatives([Section("brødtekst", "Se vedhæftede."), Section("svar.pdf", letter)])
    assert [("skærmlæsere" in i.text, "aktindsigt" in i.text) for i in found] == [
        (True, False),
        (False, True),
    ]
