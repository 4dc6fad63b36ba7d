"""PDF text in the order and spacing a person reads it: real PDFs from LibreOffice and fpdf2."""

from __future__ import annotations

import pytest

from hoering.parse.pdf import extract_pdf_text
from hoering.parse.pdf_reading import reading_text
from tests.kit import pdf_layouts
from tests.kit.needs import missing


@pytest.fixture(scope="module")
def letter() -> pdf_layouts.Layout:
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    return pdf_layouts.justified_letter()


@pytest.fixture(params=["pdftotext", "pdfminer"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with poppler and again as if it were not installed."""
    if request.param == "pdfminer":
        monkeypatch.setenv("PATH", "/nonexistent")
    return str(request.param)


def test_justified_letter_reads_in_order_with_single_spaces(
    letter: pdf_layouts.Layout, reader: str
) -> None:
    text = extract_pdf_text(letter.pdf)
    assert "  " not in text
    for proposal in ("3. Vi foreslår, at de nye registreringspligter", "4. Vi foreslår"):
        assert proposal in " ".join(text.split())
    flat = " ".join(text.split())
    assert (
        flat.index("1. Vi foreslår")
        < flat.index("2. Vi")
        < flat.index("3. Vi")
        < flat.index("4. Vi")
    )


def test_running_header_and_footer_come_once_and_not_inside_a_sentence(
    letter: pdf_layouts.Layout, reader: str
) -> None:
    text = extract_pdf_text(letter.pdf)
    assert text.count(pdf_layouts.HEADER) == 1
    assert text.count(pdf_layouts.FOOTER) == 1
    assert text.startswith(pdf_layouts.HEADER)  # the first page's letterhead stays
    assert "sidehoved eller sidefod midt i, fordi den fortsætter" in " ".join(text.split())


def test_wide_spaced_double_spaced_words_come_with_single_spaces(reader: str) -> None:
    layout = pdf_layouts.wide_spaced()
    text = extract_pdf_text(layout.pdf)
    assert "  " not in text
    assert "Det styrker tilliden" in text
    assert " ".join(text.split()) == " ".join(layout.reference.split())


def test_wide_spaced_lines_of_a_paragraph_are_not_parted_by_blank_lines(reader: str) -> None:
    text = extract_pdf_text(pdf_layouts.wide_spaced().pdf)
    assert "\n\n" not in text.split("Det styrker")[1]


def test_word_hyphenated_at_line_end_is_joined(reader: str) -> None:
    text = extract_pdf_text(pdf_layouts.hyphenated().pdf)
    assert "registreringspligter" in text
    assert "kontraktsum." in text
    assert "offentlige udbud i hele landet" in " ".join(text.split())
    assert "Mellem- og små" in text  # Danish shorthand keeps its hyphen


@pytest.fixture(scope="module")
def columns() -> pdf_layouts.Layout:
    if not pdf_layouts.soffice_available():
        missing("soffice not installed (apt install libreoffice-writer-nogui)")
    return pdf_layouts.two_columns()


def test_two_columns_read_left_before_right(columns: pdf_layouts.Layout, reader: str) -> None:
    text = " ".join(extract_pdf_text(columns.pdf).split())
    assert text.index("om kommunernes rolle.") < text.index("Højre spalte begynder her.")


def test_page_number_footer_goes_and_sentence_runs_on() -> None:
    pages = ["Brev\nVi foreslår at\n\nSide 1 af 2", "reglerne ændres.\n\nSide 2 af 2"]
    assert reading_text(pages) == "Brev\nVi foreslår at\nreglerne ændres."


def test_a_single_page_keeps_all_its_lines() -> None:
    assert reading_text(["Til\nDansk  Byggeri\n\nSide 1"]) == "Til\nDansk Byggeri\n\nSide 1"
