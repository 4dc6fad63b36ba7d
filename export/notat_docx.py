"""The høringsnotat model (export/notat_model.py) written as DOCX, accessible when published:
language da-DK, author and title set, real heading styles, a table of contents that is a
Word field (Word updates it on opening; until then it lists the headings), the Bilag table's
header row repeated on every page, and English quotes marked en-GB so a screen reader
switches voice. With a template (`[notat] template`), the ministry's own styles, header
and logo: its body is emptied and the notat written into it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from hoering.export.docx_page import (
    begin_field,
    describe_document,
    end_field,
    header_and_footer,
    set_up_page,
)
from hoering.export.files import atomic_file
from hoering.export.notat_model import Entry, Notat, Section

SMALL = Pt(9)
BILAG_WIDTHS = (Cm(2.2), Cm(9.8), Cm(4.0))
TOC_LEVELS = "1-2"


def write_notat_docx(notat: Notat, output: Path, author: str, template: Path | None) -> None:
    """Write the notat atomically; into `template`'s styles when one is given."""
    doc = _start(template, notat)
    describe_document(doc, notat.title, author)
    _title_block(doc, notat)
    _contents(doc, notat)
    for section in notat.sections:
        _section(doc, section, notat.remark_label, level=1)
    _bilag(doc, notat)
    _update_fields_on_open(doc)
    with atomic_file(output, "wb") as handle:
        doc.save(handle)


def _start(template: Path | None, notat: Notat):
    if template is None:
        doc = Document()
        set_up_page(doc)
        header_and_footer(doc, notat.header, notat.front[-1].removeprefix("Dato: "))
        return doc
    doc = Document(str(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page setup, header and logo stay
            body.remove(child)
    return doc


def _title_block(doc, notat: Notat) -> None:
    for number, line in enumerate(notat.front):
        run = doc.add_paragraph().add_run(line)
        run.bold = number == 0
    doc.add_heading("Høringsnotat", level=0)
    doc.add_paragraph().add_run(notat.title.removeprefix("Høringsnotat – ")).bold = True


def _contents(doc, notat: Notat) -> None:
    """ "Indhold" and a TOC field whose shown result lists the headings already."""
    doc.add_paragraph().add_run("Indhold").bold = True
    paragraph = doc.add_paragraph()
    begin_field(paragraph, f'TOC \\o "{TOC_LEVELS}" \\h \\z \\u')
    headings = [*_toc_order(notat), "Bilag"]
    for number, heading in enumerate(headings):
        run = paragraph.add_run(heading)
        run.font.size = Pt(10)
        if number < len(headings) - 1:
            run.add_break()
    end_field(paragraph)


def _toc_order(notat: Notat) -> list[str]:
    found = []
    for section in notat.sections:
        found.append(section.heading)
        found += [f"    {sub.heading}" for sub in section.subsections]
    return found


def _section(doc, section: Section, label: str, level: int) -> None:
    doc.add_heading(section.heading, level=level)
    for text in section.paragraphs:
        doc.add_paragraph(text)
    for bullet in section.bullets:
        doc.add_paragraph(bullet, style="List Bullet")
    for entry in section.entries:
        _entry(doc, entry, label)
    for sub in section.subsections:
        _section(doc, sub, label, level + 1)


def _entry(doc, entry: Entry, label: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.keep_with_next = True
    for part in entry.runs:
        run = paragraph.add_run(part.text)
        run.bold, run.italic = part.bold or None, part.italic or None
        if part.english:
            _language(run, "en-GB")
    answer = doc.add_paragraph()
    answer.add_run(label).italic = True
    answer.add_run(f" {entry.remark}")


def _language(run, tag: str) -> None:
    props = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    props.append(lang)


def _bilag(doc, notat: Notat) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Bilag", level=1)
    doc.add_paragraph("Høringssvarene, nummereret som bilag:")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Bilag", "Høringspart", "Modtaget"), strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, SMALL
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in notat.bilag:
        cells = table.add_row().cells
        for cell, text in zip(cells, (row.number, row.party, row.received), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = SMALL
    table.autofit = False
    for column, width in zip(table.columns, BILAG_WIDTHS, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _update_fields_on_open(doc) -> None:
    """Word asks to update the fields (the table of contents' page numbers) on opening."""
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
