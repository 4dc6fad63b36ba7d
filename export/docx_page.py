"""Page furniture for DOCX exports: A4, one font, header and footer with page numbers.

python-docx has no API for fields; PAGE and NUMPAGES are written as the complex fields
Word writes itself (fldChar begin / instrText / separate / end), which LibreOffice and Word
both update when they lay the document out.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt
from docx.text.paragraph import Paragraph

# Word has Arial everywhere; LibreOffice lays it out with the metric-compatible Liberation
# Sans (fonts-liberation, installed with it), so pages break the same in both.
FONT = "Arial"
TAB_RIGHT = Cm(16.0)  # the right margin on A4 with 2.5 cm margins


def set_up_page(doc, font: str = FONT, size: int = 11) -> None:
    """A4 portrait, 2.5 cm margins, one font for body, headings and tables."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.2)
    for style in doc.styles:
        if style.type == 1 and hasattr(style, "font"):  # paragraph styles
            style.font.name = font
            # East-Asian and complex-script slots too, or Word picks its theme font there.
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.append(fonts)
            for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(slot), font)
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                fonts.attrib.pop(qn(theme), None)
    doc.styles["Normal"].font.size = Pt(size)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field such as PAGE or NUMPAGES; `placeholder` shows until the field is updated."""
    begin_field(paragraph, instruction)
    paragraph.add_run(placeholder)
    end_field(paragraph)


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field: the runs added until `end_field` are its shown result (a TOC lists the
    headings there, so a reader who never updates fields still sees them)."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def end_field(paragraph: Paragraph) -> None:
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def header_and_footer(doc, left: str, right: str) -> None:
    """Header: `left` and `right` on one line; footer: "Side N af M", centred."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    tabs = header.paragraph_format.tab_stops
    # The template's Header style has a centre tab at 3.25" and a right tab at 6.5", past
    # our right margin: clear both, right-align at the margin.
    for inherited in (Inches(3.25), Inches(6.5)):
        tabs.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(TAB_RIGHT, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run(left)
    header.add_run(f"\t{right}")
    for run in header.runs:
        run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Side ")
    add_field(footer, "PAGE")
    footer.add_run(" af ")
    add_field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(9)


def describe_document(doc, title: str, author: str, language: str = "da-DK") -> None:
    """Title, author and language in the file itself: screen readers pick the voice from the
    language, and a published notat should not say "python-docx" wrote it in en-US."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.language, props.comments = language, ""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    run_props = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if run_props is None:
        return
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), language)
