"""A case of the PDF reading set as a Word letter (python-docx) printed by LibreOffice."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def libreoffice_pdf(case) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(case.font_size)
    section = document.sections[0]
    if case.width_cm:
        spare = section.page_width - Cm(case.width_cm)
        section.left_margin = section.right_margin = spare // 2
    _furniture(document, case)
    body = list(case.body)
    if case.columns > 1:
        document.add_paragraph(body.pop(0))  # the title runs across the page
        _columns(document.add_section(WD_SECTION.CONTINUOUS), case.columns)
    for text in body:
        paragraph = document.add_paragraph()
        if case.column_break_before and text.startswith(case.column_break_before):
            paragraph.add_run().add_break(WD_BREAK.COLUMN)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = _run(paragraph, line)
            if i < len(lines) - 1:
                run.add_break()
        if case.justify and len(lines) == 1:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return _converted(document)


def _run(paragraph, text: str):
    """A run of the text with Word's own element for each soft hyphen in it."""
    run = paragraph.add_run()
    for i, piece in enumerate(text.split("\u00ad")):
        if i:
            run._r.append(OxmlElement("w:softHyphen"))
        run._r.append(_text(piece))
    return run


def _text(piece: str):
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = piece
    return element


def _furniture(document, case) -> None:
    section = document.sections[0]
    if case.letterhead:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = case.letterhead
        if case.footer:
            section.first_page_footer.paragraphs[0].text = case.footer
    if case.header:
        section.header.paragraphs[0].text = case.header
    if case.footer:
        section.footer.paragraphs[0].text = case.footer
    if case.page_numbers:
        numbers = section.footer.add_paragraph("Side ")
        _field(numbers, "PAGE")
        numbers.add_run(" af ")
        _field(numbers, "NUMPAGES")
    for name in ("Header", "Footer"):  # small print, whatever size the body is set in
        document.styles[name].font.size = Pt(10)


def _field(paragraph, code: str) -> None:
    # Word's field markup: each part in a run of its own.
    for kind, text in (("begin", None), (None, code), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def _columns(section, count: int) -> None:
    properties = section._sectPr
    columns = properties.find(qn("w:cols"))
    if columns is None:
        columns = properties.makeelement(qn("w:cols"), {})
        properties.append(columns)
    columns.set(qn("w:num"), str(count))
    columns.set(qn("w:space"), "720")


def _converted(document) -> bytes:
    # A private profile, so a running LibreOffice (or a parallel build) is not disturbed.
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        source = folder / "case.docx"
        document.save(str(source))
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
        return (folder / "case.pdf").read_bytes()
