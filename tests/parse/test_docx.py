"""DOCX text extraction, on real documents generated with python-docx."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from hoering.parse.attachments import extract_attachment
from hoering.parse.docx import DocxError, extract_docx_text
from tests.kit.office_files import BILLION_LAUGHS
from tests.parse.test_sniff import make_ole


def save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_in_order() -> None:
    document = docx.Document()
    for text in ("Indledning", "Bemærkninger til § 2", "Afslutning"):
        document.add_paragraph(text)
    assert extract_docx_text(save(document)) == "Indledning\nBemærkninger til § 2\nAfslutning"


def test_headings_and_list_items_carry_light_markdown() -> None:
    # The initiative splitter reads "# " headings and "- " items; a numbered item carries the
    # number Word shows (parse/word_numbering.py), a bullet "- ".
    document = docx.Document()
    document.add_heading("Forslag til initiativer", level=1)
    document.add_heading("Åbne budgetdata", level=2)
    document.add_paragraph("Første forslag", style="List Number")
    document.add_paragraph("Et trin", style="List Bullet 2")
    document.add_paragraph("Brødtekst")
    assert extract_docx_text(save(document)) == (
        "# Forslag til initiativer\n## Åbne budgetdata\n1. Første forslag\n  - Et trin\nBrødtekst"
    )


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


# --- notes, comments, fallback, hostile XML -------------------------------------------------

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "footnotes": ("footnotes", "footnote", "application/vnd.openxmlformats-officedocument."
                  "wordprocessingml.footnotes+xml"),
    "comments": ("comments", "comment", "application/vnd.openxmlformats-officedocument."
                 "wordprocessingml.comments+xml"),
}  # fmt: skip


def with_part(payload: bytes, kind: str, texts: list[str], prefix: str = "") -> bytes:
    """The .docx with a footnotes or comments part (python-docx cannot write footnotes)."""
    root, item, content_type = _PARTS[kind]
    entries = "".join(
        f'<w:{item} w:id="{n}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{item}>'
        for n, text in enumerate(texts, 1)
    )
    if kind == "footnotes":  # Word always writes the separator notes first
        entries = f'<w:{item} w:type="separator" w:id="-1"><w:p/></w:{item}>' + entries
    xml = f"{prefix}<w:{root} {_W_NS}>{entries}</w:{root}>"
    source = zipfile.ZipFile(io.BytesIO(payload))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/word/{root}.xml" ContentType="{content_type}"/>'
                    "</Types>".encode(),
                )
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdX{root}" Type="{_RELS}/{root}" Target="{root}.xml"/>'
                    "</Relationships>".encode(),
                )
            archive.writestr(info, data)
        archive.writestr(f"word/{root}.xml", xml)
    return buffer.getvalue()


def body_docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return save(document)


def test_footnotes_follow_the_body_numbered_in_order() -> None:
    payload = with_part(body_docx("Brødtekst"), "footnotes", ["Kilde: DST", "Se bilag"])
    assert extract_docx_text(payload) == "Brødtekst\n\n[1] Kilde: DST\n[2] Se bilag"


def test_comments_follow_the_body() -> None:
    payload = with_part(body_docx("Brødtekst"), "comments", ["Skal vi nævne Ærø?"])
    assert extract_docx_text(payload) == "Brødtekst\n\n[Kommentar] Skal vi nævne Ærø?"


def test_macro_enabled_document_is_read_by_the_xml_fallback() -> None:
    # Word saves .docm files with a content type python-docx refuses to open.
    payload = body_docx("Makroer er slået fra")
    source = zipfile.ZipFile(io.BytesIO(payload))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            archive.writestr(info, data)
    attachment = extract_attachment("svar.docm", "svar.docm", "", buffer.getvalue())
    assert (attachment.method, attachment.text) == ("fallback", "Makroer er slået fra")


def test_entity_expansion_in_a_part_is_refused_quickly() -> None:
    lol = "&lol9;"
    payload = with_part(body_docx("Brødtekst"), "comments", [lol], prefix=BILLION_LAUGHS)
    start = time.perf_counter()
    attachment = extract_attachment("bombe.docx", "bombe.docx", "", payload)
    assert time.perf_counter() - start < 2
    assert attachment.error == "docx: XML with a DTD refused (entity expansion)"


def test_entity_expansion_in_the_main_document_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(body_docx("x")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b"?>" + BILLION_LAUGHS.split("?>", 1)[1].encode() + rest
                data = data.replace(b"<w:t>x</w:t>", b"<w:t>&lol9;</w:t>")
            archive.writestr(info, data)
    start = time.perf_counter()
    attachment = extract_attachment("bombe.docx", "bombe.docx", "", buffer.getvalue())
    assert time.perf_counter() - start < 2
    assert "lollol" not in attachment.text
    assert attachment.error == "docx: XML with a DTD refused (entity expansion)"
