"""Word's list numbers in DOCX text (parse/word_numbering.py): a numbered paragraph reads as
Word shows it, on documents made with python-docx and a multilevel list of their own."""

from __future__ import annotations

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from hoering.parse.docx import extract_docx_text
from tests.parse.test_docx import save

# One multilevel definition, as Word writes "1." over "1.1" over "a)".
LEVELS = (("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "%3)"))


def with_list(document: Document, num_ids: tuple[int, ...]) -> None:
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    abstract = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">{levels}</w:abstractNum>'
    first = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    if first is not None:
        first.addprevious(parse_xml(abstract))
    else:
        numbering.append(parse_xml(abstract))
    for num_id in num_ids:
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="77"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ))  # fmt: skip


def numbered(document: Document, text: str, num_id: int, level: int) -> Paragraph:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))  # fmt: skip
    return paragraph


def test_numbered_items_and_sub_items_read_as_word_shows_them() -> None:
    document = docx.Document()
    with_list(document, (901,))
    for text, level in (("Åbne data", 0), ("Kalendere", 1), ("Postlister", 1), ("Lobby", 0)):
        numbered(document, text, 901, level)
    numbered(document, "Møder", 901, 2)
    assert extract_docx_text(save(document)) == (
        "1. Åbne data\n  1.1 Kalendere\n  1.2 Postlister\n2. Lobby\n    a) Møder"
    )


def test_a_list_with_a_start_override_starts_again_at_one() -> None:
    document = docx.Document()
    with_list(document, (901, 902))
    numbered(document, "Første liste", 901, 0)
    numbered(document, "Stadig første", 901, 0)
    document.add_paragraph("Mellem listerne")
    numbered(document, "Anden liste", 902, 0)
    lines = extract_docx_text(save(document)).split("\n")
    assert lines == ["1. Første liste", "2. Stadig første", "Mellem listerne", "1. Anden liste"]


def test_bulleted_items_stay_dashes() -> None:
    document = docx.Document()
    document.add_paragraph("Et punkt", style="List Bullet")
    document.add_paragraph("Et underpunkt", style="List Bullet 2")
    assert extract_docx_text(save(document)) == "- Et punkt\n  - Et underpunkt"


def test_numbering_switched_off_on_a_list_style_paragraph_gives_no_marker() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Ingen nummer", style="List Number")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>')
    )
    assert extract_docx_text(save(document)) == "Ingen nummer"
