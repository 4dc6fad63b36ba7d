"""PDFs laid out as respondents' letters are, each with the text a person reads off the page.

Word processors' layouts come from LibreOffice (a DOCX built with python-docx, converted with
`soffice --headless --convert-to pdf`): justified paragraphs ("lige margen"), a running
header and footer, a sentence across a page break, two columns. Layouts a word processor
will not make on demand come from fpdf2: a word hyphenated at a line end, words spaced wide
and lines double-spaced as some PDF printers place them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from fpdf import FPDF

HEADER = "Dansk Byggeri – høringssvar om udbudsloven"
FOOTER = "Dansk Byggeri · Nørre Voldgade 106 · 1358 København K"
LETTERHEAD = "Dansk Byggeri\nNørre Voldgade 106\n1358 København K"

_PROPOSALS = [
    "1. Vi foreslår, at ordregiveren altid oplyser den forventede kontraktsum i "
    "udbudsbekendtgørelsen, så små og mellemstore virksomheder kan vurdere, om de har "
    "kapacitet til at byde.",
    "2. Vi foreslår, at der indføres en tærskel for sikkerhedsstillelse, som står i "
    "rimeligt forhold til den samlede kontraktsum.",
    "3. Vi foreslår, at de nye registreringspligter for underleverandører udskydes, indtil "
    "den digitale løsning er klar og afprøvet af branchen.",
    "4. Vi foreslår, at klagenævnets afgørelser offentliggøres i fuld tekst, så alle "
    "tilbudsgivere kan lære af dem.",
]
_FILLER = (
    "Det styrker konkurrencen og tilliden til de offentlige indkøb, når reglerne er "
    "enkle, forudsigelige og ens for alle tilbudsgivere, store som små. "
)


@dataclass(frozen=True)
class Layout:
    """A PDF and the text a person reads from it, paragraphs separated by blank lines."""

    name: str
    pdf: bytes
    reference: str


def soffice_available() -> bool:
    return shutil.which("soffice") is not None


def justified_letter() -> Layout:
    """A two-page justified letter: letterhead, running header and footer, numbered
    proposals, and a sentence that crosses the page break."""
    paragraphs = [
        "Høringssvar vedrørende forslag til ændring af udbudsloven",
        "Dansk Byggeri takker for muligheden for at afgive høringssvar. " + _FILLER * 3,
        *_PROPOSALS,
        _FILLER * 9 + "Denne sætning krydser sideskiftet og skal læses i ét stykke uden "
        "sidehoved eller sidefod midt i, " + "fordi den fortsætter på næste side. " * 3,
        "Med venlig hilsen\nDansk Byggeri",
    ]
    document = _document()
    _running(document)
    letterhead = document.add_paragraph(LETTERHEAD)
    letterhead.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for text in paragraphs:
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    reference = "\n\n".join([HEADER, LETTERHEAD, *paragraphs, FOOTER])
    return Layout("justified letter", _converted(document), reference)


def two_columns() -> Layout:
    """A page set in two justified columns: the left column is read before the right."""
    left = [
        "Venstre spalte begynder her. " + _FILLER * 4,
        "Venstre spalte slutter med denne sætning om kommunernes rolle.",
    ]
    right = [
        "Højre spalte begynder her. " + _FILLER * 4,
        "Højre spalte slutter med et forslag om åbne data.",
    ]
    document = _document()
    section = document.sections[0]
    _columns(section, 2)
    for text in left:
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph().add_run().add_break(_column_break())
    for text in right:
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_section(WD_SECTION.CONTINUOUS)
    return Layout("two columns", _converted(document), "\n\n".join(left + right))


# A letter whose headings are bold paragraphs in Normal style (no Word heading styles), as
# many respondents write them: the PDF shows them only by its type.
HEADED_LETTERHEAD = ("Foreningen Åben Kommune", "Nørregade 12, 8000 Aarhus C")
HEADED_TITLE = "Høringssvar til OGP-handlingsplanen 2017-2019"
HEADED_CHAPTER = "Vores forslag"
HEADED_PROPOSALS = (
    "Åbne kommunale budgetter",
    "Borgerpaneler i planlægningen",
    "Et register over lobbymøder",
)


def headed_letter() -> bytes:
    """A letter with a bold letterhead name over its address, a title set larger, and three
    proposals under bold headings in a chapter whose larger heading is set tight on the
    first of them, one heading set tight on its paragraph (pdfminer boxes each pair
    together) and one proposal over two paragraphs; closing and signature."""
    document = _document()
    letterhead = document.add_paragraph()
    letterhead.add_run(HEADED_LETTERHEAD[0]).bold = True
    letterhead.runs[0].add_break()
    letterhead.add_run(HEADED_LETTERHEAD[1]).font.size = Pt(9)
    title = document.add_paragraph().add_run(HEADED_TITLE)
    title.bold, title.font.size = True, Pt(14)
    document.add_paragraph("Foreningen takker for muligheden for at komme med forslag. " + _FILLER)
    texts = (
        ("Kommunerne bør offentliggøre deres budgetter som åbne data, så borgerne kan følge "
         "med i, hvad pengene bruges til. " + _FILLER,),
        ("Vi foreslår, at kommunerne inddrager borgerpaneler, før en lokalplan skrives. "
         + _FILLER, "Panelernes anbefalinger bør offentliggøres sammen med planforslaget."),
        ("Ministerier og styrelser bør føre et offentligt register over møder med "
         "lobbyister. " + _FILLER,),
    )  # fmt: skip
    chapter = document.add_paragraph()
    chapter.add_run(HEADED_CHAPTER).bold = True
    chapter.runs[0].font.size = Pt(13)
    chapter.paragraph_format.space_after = Pt(0)
    for heading, paragraphs in zip(HEADED_PROPOSALS, texts, strict=True):
        head = document.add_paragraph()
        head.add_run(heading).bold = True
        head.paragraph_format.space_before = Pt(0 if heading == HEADED_PROPOSALS[0] else 12)
        tight = heading == HEADED_PROPOSALS[1]
        head.paragraph_format.space_after = Pt(0 if tight else 6)
        for text in paragraphs:
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.space_before = Pt(0)
    document.add_paragraph("Med venlig hilsen")
    document.add_paragraph("Karen Holm\nformand")
    return _converted(document)


# A report's chapters (Heading 1) over its proposals (Heading 2), a chapter opening with a
# paragraph that wraps over two lines.
CHAPTERS = {
    "Deltagelse": ("Anbefaling 1: Én indgang til høringer", "Anbefaling 2: Borgerforslag"),
    "Gennemsigtighed": ("Anbefaling 3: Dagsordener som data",),
}  # fmt: skip


def report_chapters() -> bytes:
    """Chapters set larger than the proposals under them; PDF shows the levels only by size."""
    document = _document()
    document.add_paragraph("Foreningen Digitalt Medborgerskab · notat, august 2017")
    for chapter, proposals in CHAPTERS.items():
        document.add_heading(chapter, level=1)
        document.add_paragraph(
            f"Kapitlet om {chapter.lower()} handler om, hvordan borgerne kan påvirke "
            "beslutningerne mellem valgene, og hvad de oplever i dag."
        )
        for proposal in proposals:
            document.add_heading(proposal, level=2)
            document.add_paragraph(
                "Myndighederne bør gøre det enkelt for borgerne at deltage. " + _FILLER
            )
    return _converted(document)


# A Word-numbered list that mixes questions to the agency (each with a sentence on why it
# asks) and proposals: the questions are remarks.
ASKED_AND_PROPOSED = (
    "Hvornår bliver høringssvarene offentliggjort? Sidste år gik der tre måneder.",
    "Vi foreslår, at alle offentlige formularer testes med skærmlæsere, før de tages i brug.",
    "Gælder planen også regionerne, eller kun staten?",
    "Vi foreslår en fast frist på fire uger for svar på aktindsigt i hele den offentlige sektor.",
)


def numbered_questions_and_proposals() -> bytes:
    """One numbered list ("List Number"): questions and proposals in turn."""
    document = _document()
    document.add_paragraph("Foreningen har følgende spørgsmål og forslag:")
    for item in ASKED_AND_PROPOSED:
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("Med venlig hilsen")
    return _converted(document)


def hyphenated() -> Layout:
    """Lines ending in a hyphenated word ("registrerings-" / "pligter")."""
    lines = [
        "Vi foreslår, at de nye registrerings-",
        "pligter for underleverandører udskydes, og at",
        "ordregiveren oplyser den forventede kontrakt-",
        "sum. Mellem- og små virksomheder får",
        "derved lettere adgang til de offentlige ud-",
        "bud i hele landet.",
    ]
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    reference = (
        "Vi foreslår, at de nye registreringspligter for underleverandører udskydes, og at "
        "ordregiveren oplyser den forventede kontraktsum. Mellem- og små virksomheder får "
        "derved lettere adgang til de offentlige udbud i hele landet."
    )
    return Layout("hyphenated", bytes(pdf.output()), reference)


def wide_spaced() -> Layout:
    """Each word placed on its own, a wide gap between words, lines double-spaced: the
    layout that reads as two spaces between words and a blank line between lines."""
    paragraphs = [
        "Vi foreslår et åbent lobbyregister for alle ministerier og styrelser.",
        "Det styrker tilliden til den offentlige forvaltning og gør det lettere for "
        "borgerne at følge med i, hvem der påvirker lovgivningen.",
    ]
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    gap = pdf.get_string_width(" ") * 2.2
    width = pdf.epw * 0.8
    for text in paragraphs:
        x = pdf.l_margin
        for word in text.split():
            advance = pdf.get_string_width(word)
            if x + advance > pdf.l_margin + width:
                x = pdf.l_margin
                pdf.ln(12)
            pdf.set_x(x)
            pdf.cell(advance, 6, word)
            x += advance + gap
        pdf.ln(22)
    return Layout("wide spaced", bytes(pdf.output()), "\n\n".join(paragraphs))


def all_layouts() -> list[Layout]:
    made = [hyphenated(), wide_spaced()]
    if soffice_available():
        made[:0] = [justified_letter(), two_columns()]
    return made


def _document() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(12)
    return document


def _running(document: Document) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = FOOTER


def _columns(section: object, count: int) -> None:
    properties = section._sectPr  # type: ignore[attr-defined]
    columns = properties.find(qn("w:cols"))
    if columns is None:
        columns = properties.makeelement(qn("w:cols"), {})
        properties.append(columns)
    columns.set(qn("w:num"), str(count))
    columns.set(qn("w:space"), "720")


def _column_break() -> object:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.COLUMN


def _converted(document: Document) -> bytes:
    """The document as PDF through LibreOffice, with a private profile so parallel runs
    do not share one."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        source = folder / "letter.docx"
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
            timeout=120,
            check=True,
        )
        return (folder / "letter.pdf").read_bytes()
