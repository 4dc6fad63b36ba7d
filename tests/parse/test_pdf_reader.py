"""PDF text as typed: the committed PDFs of bench/sets/pdftext (LibreOffice and ReportLab
layouts of texts typed by hand) and typed corpus PDFs, read by the path replies take."""

from __future__ import annotations

import pytest

from bench.bench_pdf_text import SET, Case, cases, distance, paragraph_agreement
from hoering.parse import pdf
from hoering.parse.pdf import extract_pdf_text, pdfminer_pages
from hoering.parse.pdf_poppler import poppler_pages
from hoering.parse.pdf_reading import reading_text

CASES = {case.name: case for case in cases()}


def _text(name: str) -> str:
    return extract_pdf_text((SET / "pdf" / f"{name}.pdf").read_bytes())


@pytest.mark.parametrize("name", [name for name in CASES if not name.startswith("corpus")])
def test_pdf_of_the_reading_set_reads_word_for_word_as_typed(name: str) -> None:
    case: Case = CASES[name]
    text = extract_pdf_text(case.pdf.read_bytes())
    assert distance(text, case.reference) == 0
    assert paragraph_agreement(text, case.reference) == 1


@pytest.mark.parametrize("producer", ["libreoffice", "reportlab"])
def test_two_columns_come_left_before_right_each_paragraph_apart(producer: str) -> None:
    text = _text(f"columns.{producer}")
    flat = " ".join(text.split())
    assert flat.index("om kommunernes rolle.") < flat.index("Højre spalte begynder her.")
    assert "\n\nHøjre spalte begynder her." in text


def test_text_boxes_side_by_side_read_left_box_first() -> None:
    # tika's testPDFTwoTextBoxes: pdftotext reads the two boxes' lines alternately.
    case = CASES["corpus tika_testPDFTwoTextBoxes.pdf"]
    assert distance(extract_pdf_text(case.pdf.read_bytes()), case.reference) == 0


def test_signature_naming_the_sender_is_not_taken_for_the_letterhead() -> None:
    # The letterhead's first line and the signature's second line are the same name.
    text = _text("letterhead.libreoffice")
    assert text.startswith("Foreningen for Åbne Data\nVesterbrogade 12")
    assert "Med venlig hilsen\nForeningen for Åbne Data\nMette Larsen, formand" in text


def test_running_header_of_the_later_pages_comes_once_at_the_end() -> None:
    text = _text("letterhead.reportlab")
    assert text.count("Høringssvar fra Foreningen for Åbne Data") == 1
    assert text.endswith("Mette Larsen, formand\n\nHøringssvar fra Foreningen for Åbne Data")


def test_page_numbers_go_when_the_pages_are_one_text() -> None:
    text = _text("running.libreoffice")
    assert "Side" not in text and " af 3" not in text
    assert text.endswith("Dansk Byggeri\n\nDansk Byggeri · Nørre Voldgade 106 · 1358 København K")


def test_document_pdfminer_has_not_finished_in_time_is_read_by_pdftotext(monkeypatch) -> None:
    data = (SET / "pdf" / "columns.libreoffice.pdf").read_bytes()
    monkeypatch.setattr(pdf, "PDFMINER_SECONDS", 0.0)
    assert extract_pdf_text(data) == reading_text(poppler_pages(data))


def test_a_document_of_more_pages_than_pdfminer_takes_is_read_by_pdftotext(monkeypatch) -> None:
    # By page count, so the same file reads the same whatever the machine's load.
    data = (SET / "pdf" / "running.reportlab.pdf").read_bytes()
    monkeypatch.setattr(pdf, "PDFMINER_PAGES", 2)
    monkeypatch.setattr(pdf, "_pdfminer_pages", lambda *_: pytest.fail("pdfminer started"))
    assert extract_pdf_text(data) == reading_text(poppler_pages(data))


def test_without_poppler_a_long_document_is_read_by_pdfminer_to_the_end(monkeypatch) -> None:
    data = (SET / "pdf" / "running.reportlab.pdf").read_bytes()
    monkeypatch.setattr(pdf, "PDFMINER_SECONDS", 0.0)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert extract_pdf_text(data) == reading_text(pdfminer_pages(data))
