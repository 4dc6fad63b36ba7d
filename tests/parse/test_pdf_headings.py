"""Headings a PDF shows only by its type (bold, larger), marked "# " as Word's bold headings
are: a real letter from python-docx converted by LibreOffice, read by the real extraction."""

from __future__ import annotations

import pytest

from hoering.parse.limits import ExtractLimits
from hoering.parse.pdf import extract_pdf, extract_pdf_text
from tests.kit import pdf_layouts
from tests.kit.needs import missing


@pytest.fixture(scope="module")
def letter() -> bytes:
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    return pdf_layouts.headed_letter()


def _lines(data: bytes) -> list[str]:
    return extract_pdf(data, ExtractLimits()).text.split("\n")


def test_bold_headings_are_marked_below_the_larger_title_and_chapter(letter: bytes) -> None:
    # The title (14 pt) over the chapter (13 pt) over the bold headings set at text size.
    lines = _lines(letter)
    assert f"# {pdf_layouts.HEADED_TITLE}" in lines
    assert f"## {pdf_layouts.HEADED_CHAPTER}" in lines
    for heading in pdf_layouts.HEADED_PROPOSALS:
        assert f"### {heading}" in lines


def test_a_chapter_heading_boxed_with_a_bold_title_is_a_heading_above_it(letter: bytes) -> None:
    # "Vores forslag" (13 pt) set tight on "Åbne kommunale budgetter" (bold 12 pt): one box.
    lines = _lines(letter)
    at = lines.index(f"## {pdf_layouts.HEADED_CHAPTER}")
    assert lines[at + 1 : at + 3] == ["", f"### {pdf_layouts.HEADED_PROPOSALS[0]}"]


def test_a_heading_boxed_with_its_paragraph_is_a_paragraph_of_its_own(letter: bytes) -> None:
    # LibreOffice sets the second heading tight on its text: pdfminer boxes the two together.
    lines = _lines(letter)
    at = lines.index(f"### {pdf_layouts.HEADED_PROPOSALS[1]}")
    assert lines[at + 1] == ""
    assert lines[at + 2].startswith("Vi foreslår, at kommunerne inddrager borgerpaneler")


def test_letterhead_and_signature_stay_as_written(letter: bytes) -> None:
    # The bold name over the address is one block (the respondent is read from it), unmarked.
    lines = _lines(letter)
    assert lines[:2] == list(pdf_layouts.HEADED_LETTERHEAD)
    assert "Karen Holm" in lines
    assert not any(line.startswith("#") and "Holm" in line for line in lines)


def test_the_text_as_it_reads_has_no_marks(letter: bytes) -> None:
    text = extract_pdf_text(letter)
    assert "#" not in text
    assert not any("\ue010" <= ch <= "\ue014" for ch in text)
    assert f"\n{pdf_layouts.HEADED_PROPOSALS[0]}\n" in text


def test_chapters_set_larger_are_a_level_above_their_sections() -> None:
    # Heading 1 (14 pt) over Heading 2 (13 pt), both bold: the PDF keeps only the sizes.
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    lines = _lines(pdf_layouts.report_chapters())
    for chapter, proposals in pdf_layouts.CHAPTERS.items():
        assert f"# {chapter}" in lines
        assert all(f"## {proposal}" in lines for proposal in proposals)
