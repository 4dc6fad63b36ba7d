"""Bold paragraphs that serve as headings in a Word body are marked "# " (parse/
word_headings.py), on real documents written with python-docx."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from hoering.parse.docx import extract_docx_text
from hoering.parse.versions import EXTRACTOR_VERSIONS
from tests.kit.pdf_layouts import soffice_available


def save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bold(document: Document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def letter(*body: tuple[str, str]) -> Document:
    """A letter: a bold letterhead line, a paragraph of prose, `body`, a closing with a
    bold name; ("b", text) is a bold paragraph, ("h1", text) a styled heading."""
    document = docx.Document()
    bold(document, "Foreningen Åben By")
    document.add_paragraph(
        "Foreningen takker for muligheden for at komme med forslag til den nye handlingsplan."
    )
    for kind, text in body:
        if kind == "b":
            bold(document, text)
        elif kind == "h1":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.add_paragraph("Med venlig hilsen")
    bold(document, "Karen Holm")
    return document


def test_a_bold_paragraph_in_the_letter_is_a_heading() -> None:
    text = extract_docx_text(
        save(letter(("b", "Åbne byrådsmøder"), ("p", "Alle kommuner bør ...")))
    )
    assert "\n# Åbne byrådsmøder\nAlle kommuner bør ..." in text


def test_the_letterhead_and_the_signature_stay_as_written() -> None:
    # The respondent is read from these lines: a "# " would hide the organisation's name.
    text = extract_docx_text(save(letter(("b", "Åbne byrådsmøder"))))
    assert text.startswith("Foreningen Åben By\n")
    assert text.endswith("Med venlig hilsen\nKaren Holm")


def test_a_bold_heading_is_one_level_below_the_styled_headings() -> None:
    text = extract_docx_text(save(letter(("h1", "Vores forslag"), ("b", "Et lobbyregister"))))
    assert "# Vores forslag\n## Et lobbyregister" in text


def test_a_bold_sentence_or_a_partly_bold_paragraph_is_no_heading() -> None:
    document = letter(("b", "Fristen er den 20. august."))
    mixed = document.add_paragraph()
    mixed.add_run("Åbne data").bold = True
    mixed.add_run(" om indkøb")
    text = extract_docx_text(save(document))
    assert "\nFristen er den 20. august.\n" in text
    assert "# Åbne data" not in text


def test_the_heading_over_the_first_paragraph_is_marked_and_a_larger_one_a_level_above() -> None:
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    title = document.add_paragraph().add_run("Åbenhed i staten")
    title.bold, title.font.size = True, Pt(14)
    document.add_paragraph("Foreningen har samlet sine idéer til den nye handlingsplan nedenfor.")
    chapter = document.add_paragraph().add_run("Åbne data")
    chapter.bold, chapter.font.size = True, Pt(14)
    bold(document, "Lobbyregister")
    text = extract_docx_text(save(document))
    assert text.startswith("Foreningen Åben By\n# Åbenhed i staten\nForeningen har")
    assert "\n# Åbne data\n## Lobbyregister" in text


def test_bold_headings_make_a_new_docx_version() -> None:
    # reparse --outdated finds Word texts extracted before bold headings were marked.
    assert EXTRACTOR_VERSIONS["docx"] >= 6


def test_a_bold_closing_and_signature_stay_as_written() -> None:
    # "Med venlig hilsen" set in bold ends the letter's part as a plain one does: the
    # name and organisation below it are the signature, not headings.
    document = docx.Document()
    document.add_paragraph("Foreningen takker for muligheden for at komme med forslag til planen.")
    bold(document, "Åbne byrådsmøder")
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    for line in ("Med venlig hilsen", "Karen Holm", "Foreningen Åben By"):
        bold(document, line)
    text = extract_docx_text(save(document))
    assert "\n# Åbne byrådsmøder\n" in text
    assert text.endswith("\nMed venlig hilsen\nKaren Holm\nForeningen Åben By")


def test_a_bold_closing_makes_docx_version_7() -> None:
    # Texts extracted by version 6 marked a bold closing's signature lines as headings.
    assert EXTRACTOR_VERSIONS["docx"] >= 7


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")
def test_a_file_saved_by_libreoffice_keeps_its_bold_headings() -> None:
    # LibreOffice writes bold on the paragraph mark as well as on the runs.
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        letter(("b", "Åbne byrådsmøder"), ("p", "Alle kommuner bør ...")).save(folder / "in.docx")
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"),
             str(folder / "in.docx")],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        text = extract_docx_text((folder / "out" / "in.docx").read_bytes())
    assert "\n# Åbne byrådsmøder\nAlle kommuner bør ..." in text


def test_a_paragraph_style_set_in_bold_makes_a_heading() -> None:
    # "Mellemrubrik", based on a bold style of its own: no run carries w:b.
    document = docx.Document()
    base = document.styles.add_style("Fed brødtekst", WD_STYLE_TYPE.PARAGRAPH)
    base.font.bold = True
    style = document.styles.add_style("Mellemrubrik", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base
    document.add_paragraph("Foreningen takker for muligheden for at komme med forslag til planen.")
    document.add_paragraph("Åbne byrådsmøder", style="Mellemrubrik")
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    text = extract_docx_text(save(document))
    assert "\n# Åbne byrådsmøder\nAlle kommuner bør" in text


def test_a_run_that_turns_off_its_style_s_bold_is_no_heading() -> None:
    document = docx.Document()
    style = document.styles.add_style("Mellemrubrik", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    document.add_paragraph("Foreningen takker for muligheden for at komme med forslag til planen.")
    document.add_paragraph(style="Mellemrubrik").add_run("Åbne byrådsmøder").bold = False
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    assert "# Åbne" not in extract_docx_text(save(document))


def test_a_first_sentence_on_behalf_of_the_sender_is_no_closing() -> None:
    # "På vegne af bestyrelsen" closes a letter; a sentence that opens so does not.
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    title = document.add_paragraph().add_run("Høringssvar om handlingsplanen")
    title.bold = True
    document.add_paragraph("På vegne af foreningen takker vi for muligheden for at svare.")
    bold(document, "Åbne byrådsmøder")
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    bold(document, "På vegne af bestyrelsen")
    bold(document, "Karen Holm")
    text = extract_docx_text(save(document))
    assert "\n# Åbne byrådsmøder\n" in text and text.endswith("\nKaren Holm")


def test_a_long_signature_in_one_paragraph_closes_the_letter() -> None:
    # Closing, name, title and address in one paragraph parted by line breaks.
    document = docx.Document()
    document.add_paragraph("Foreningen takker for muligheden for at komme med forslag til planen.")
    bold(document, "Åbne byrådsmøder")
    document.add_paragraph("Alle kommuner bør optage deres byrådsmøder.")
    signature = document.add_paragraph("På vegne af bestyrelsen")
    for line in ("Karen Holm", "Sekretariatschef", "Vesterbrogade 12, 1620 København V"):
        signature.runs[-1].add_break()
        signature.add_run(line)
    bold(document, "Foreningen Åben By")
    text = extract_docx_text(save(document))
    assert text.endswith("\nForeningen Åben By") and "# Foreningen Åben By" not in text
