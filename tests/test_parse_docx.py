"""DOCX text extraction, on real documents generated with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from parse.docx import DocxError, extract_docx_text
from tests.test_parse_sniff import make_ole


def save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_in_order() -> None:
    document = docx.Document()
    for text in ("Indledning", "Bemærkninger til § 2", "Afslutning"):
        document.add_paragraph(text)
    assert extract_docx_text(save(document)) == "Indledning\nBemærkninger til § 2\nAfslutning"


def test_tables_sit_between_paragraphs_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("Før tabellen")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Paragraf", "Forslag"
    table.cell(1, 0).text, table.cell(1, 1).text = "§ 1", "Slet stk. 2"
    document.add_paragraph("Efter tabellen")
    text = extract_docx_text(save(document))
    assert text == "Før tabellen\nParagraf | Forslag\n§ 1 | Slet stk. 2\nEfter tabellen"


def test_merged_cells_appear_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Vandret flettet"
    table.cell(0, 2).merge(table.cell(1, 2)).text = "Lodret flettet"
    table.cell(1, 0).text = "B1"
    text = extract_docx_text(save(document))
    assert text.count("Vandret flettet") == 1
    assert text.count("Lodret flettet") == 1
    assert text == "Vandret flettet | Lodret flettet\nB1"


def test_nested_table_is_read_inside_its_cell() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ydre"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Indre A", "Indre B"
    document.add_paragraph("Bagefter")
    text = extract_docx_text(save(document))
    assert (
        text.index("Ydre") < text.index("Indre A") < text.index("Indre B") < text.index("Bagefter")
    )
    assert text.count("Indre A") == 1


def test_header_first_and_footer_last() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Sidehoved"
    section.footer.paragraphs[0].text = "Sidefod"
    document.add_paragraph("Brødtekst")
    assert extract_docx_text(save(document)) == "Sidehoved\n\nBrødtekst\n\nSidefod"


def test_each_distinct_header_once_across_sections() -> None:
    document = docx.Document()
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Forside"
    first.header.paragraphs[0].text = "Løbende sidehoved"
    document.add_paragraph("Afsnit et")
    document.add_section()  # linked to the previous section's header
    document.add_paragraph("Afsnit to")
    text = extract_docx_text(save(document))
    assert text.count("Løbende sidehoved") == 1
    assert text.count("Forside") == 1
    assert text.index("Løbende sidehoved") < text.index("Afsnit et") < text.index("Afsnit to")


def test_tracked_changes_read_as_accepted() -> None:
    # Replies to a consultation often send the draft back with Track Changes on.
    document = docx.Document()
    paragraph = document.add_paragraph("Fristen er ")
    change = 'w:id="{}" w:author="Borger" w:date="2026-01-05T10:00:00Z"'
    paragraph._p.append(
        parse_xml(
            f"<w:del {nsdecls('w')} {change.format(1)}><w:r><w:delText>14</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(f"<w:ins {nsdecls('w')} {change.format(2)}><w:r><w:t>30</w:t></w:r></w:ins>")
    )
    paragraph.add_run(" dage.")
    assert extract_docx_text(save(document)) == "Fristen er 30 dage."


def test_content_controls_are_read() -> None:
    # Government reply templates put the answer fields in content controls (w:sdt),
    # which python-docx's own iteration skips.
    document = docx.Document()
    anchor = document.add_paragraph("Navn:")
    anchor._p.addnext(
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Navn"/></w:sdtPr>'
            "<w:sdtContent><w:p><w:r><w:t>Ærø Kommune</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    assert extract_docx_text(save(document)) == "Navn:\nÆrø Kommune"


def test_tabs_and_line_breaks_inside_a_paragraph() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("Navn\tAdresse")
    run.add_break()
    run.add_text("Anden linje")
    assert extract_docx_text(save(document)) == "Navn\tAdresse\nAnden linje"


def test_document_without_text_gives_empty_string() -> None:
    assert extract_docx_text(save(docx.Document())) == ""


def test_not_a_zip_is_not_a_word_file() -> None:
    with pytest.raises(DocxError, match=r"^not a valid Word file$"):
        extract_docx_text(b"PK\x03\x04 but nothing after it")


def test_zip_without_word_parts_is_not_a_word_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("noter.txt", "ikke Word")
    with pytest.raises(DocxError, match=r"^not a valid Word file"):
        extract_docx_text(buffer.getvalue())


def test_password_protected_docx_is_encrypted() -> None:
    # Word stores a password-protected .docx as an OLE2 file with an EncryptedPackage stream.
    with pytest.raises(DocxError, match=r"^encrypted$"):
        extract_docx_text(make_ole("EncryptionInfo", "EncryptedPackage"))


def test_old_word_file_is_not_a_docx() -> None:
    with pytest.raises(DocxError, match="OLE2"):
        extract_docx_text(make_ole("WordDocument", "1Table"))
