"""PDF text extraction, on real PDFs generated with fpdf2."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from hoering.parse.pdf import PdfError, extract_pdf_text


def make_pdf(*pages: str, owner_password: str = "", user_password: str | None = None) -> bytes:
    """A PDF with one page per string, in Helvetica (latin-1, so æøå work)."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if user_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def test_danish_letters_survive() -> None:
    text = extract_pdf_text(make_pdf("Høringssvar fra Ærø Kommune: æøå ÆØÅ"))
    assert text == "Høringssvar fra Ærø Kommune: æøå ÆØÅ"


def test_pages_come_in_order_separated_by_blank_lines() -> None:
    text = extract_pdf_text(make_pdf("Side et", "Side to", "Side tre"))
    assert text.index("Side et") < text.index("Side to") < text.index("Side tre")
    assert "\f" not in text
    assert "Side et\n\n" in text


def test_long_text_wraps_into_lines_without_trailing_spaces() -> None:
    text = extract_pdf_text(make_pdf("Vi foreslår at § 3 ændres. " * 40))
    assert text.count("foreslår") == 40
    assert all(line == line.rstrip() for line in text.splitlines())


def test_empty_user_password_opens_without_asking() -> None:
    data = make_pdf("Kan læses af alle", owner_password="ejer", user_password="")
    assert extract_pdf_text(data) == "Kan læses af alle"


def test_user_password_gives_encrypted() -> None:
    data = make_pdf("Hemmeligt", owner_password="ejer", user_password="kode")
    with pytest.raises(PdfError, match=r"^encrypted$"):
        extract_pdf_text(data)


def test_image_only_pdf_gives_empty_text() -> None:
    # A scanner's output: marks on the page, no text layer.
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    assert extract_pdf_text(bytes(pdf.output())) == ""


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_truncated_pdf_is_damaged(keep: float) -> None:
    data = make_pdf("Afbrudt upload " * 100)
    with pytest.raises(PdfError, match=r"^damaged \(.+\)$"):
        extract_pdf_text(data[: int(len(data) * keep)])


def test_junk_before_header_is_skipped() -> None:
    # Some mail gateways and scanners prepend bytes; Acrobat reads such files.
    data = b"X-Scanner: ok\r\n\r\n" + make_pdf("Efter affaldet")
    assert extract_pdf_text(data) == "Efter affaldet"


def test_header_only_is_damaged() -> None:
    with pytest.raises(PdfError, match=r"^damaged"):
        extract_pdf_text(b"%PDF-1.7\n")
