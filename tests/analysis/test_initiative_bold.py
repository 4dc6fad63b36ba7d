# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""How people use bold in Word letters, and what a drafter labels in each (issue 18 item 2):
real DOCX files through extraction (parse/word_headings.py) and the splitter. A bold
heading is the title of what stands under it; bold that is a letterhead, a closing, a
table's header, a lead-in or a template's labels is no proposal of its own."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from docx.document import Document

from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.parse.docx import extract_docx_text
from tests.kit.pdf_layouts import soffice_available

INTRO = "Foreningen takker for muligheden for at give input til den kommende handlingsplan for åben forvaltning."
CALENDARS = "Ministres kalendere bør offentliggøres hver uge med møder, deltagere og emne."
REGISTER = "Der bør oprettes et offentligt register over lobbyister, der mødes med ministerier."
PURCHASES = "Alle offentlige indkøb over 100.000 kr. bør offentliggøres som åbne data."


def bold(document: Document, text: str, style: str | None = None) -> None:
    document.add_paragraph(style=style).add_run(text).bold = True


def opening(
    document: Document, title: str = "Høringssvar vedr. OGP-handlingsplan 2017-2019"
) -> Document:
    document.add_paragraph("Foreningen Åben By")
    bold(document, title)
    document.add_paragraph(INTRO)
    return document


def closing(document: Document) -> Document:
    for line in ("Med venlig hilsen", "Karen Holm", "Sekretariatschef, Foreningen Åben By"):
        document.add_paragraph(line)
    return document


def split(document: Document) -> tuple[Initiative, ...]:
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_docx_text(buffer.getvalue())
    return split_initiatives([Section("brødtekst", "Se vedhæftede."), Section("svar.docx", text)])


def titles(document: Document) -> list[str]:
    return [initiative.title for initiative in split(document)]


def test_bold_bullets_each_over_its_explanation_are_one_proposal_each() -> None:
    document = opening(docx.Document())
    for title, text in (
        ("Åbne kalendere", CALENDARS),
        ("Lobbyregister", REGISTER),
        ("Åbne indkøbsdata", PURCHASES),
    ):
        bold(document, title, "List Bullet")
        document.add_paragraph(text)
    found = split(closing(document))
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister", "Åbne indkøbsdata"]
    assert found[2].text.endswith(PURCHASES)


def test_bold_numbered_items_after_an_introduction_keep_their_explanations() -> None:
    document = docx.Document()
    document.add_paragraph("Foreningen Åben By")
    document.add_paragraph("Foreningen har følgende forslag til den nye handlingsplan:")
    for title, text in (("Åbne kalendere", CALENDARS), ("Lobbyregister", REGISTER)):
        bold(document, title, "List Number")
        document.add_paragraph(text)
    found = split(closing(document))
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]
    assert REGISTER in found[1].text


def test_a_table_s_bold_header_row_is_no_heading_and_each_row_a_proposal() -> None:
    document = opening(docx.Document())
    rows = (("Forslag", "Beskrivelse"), ("Åbne kalendere", CALENDARS), ("Lobbyregister", REGISTER))
    table = document.add_table(rows=3, cols=2)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(value).bold = value in rows[0]
    assert titles(closing(document)) == ["Åbne kalendere", "Lobbyregister"]


def test_a_bold_letterhead_and_title_are_no_proposals() -> None:
    document = docx.Document()
    bold(document, "Foreningen Åben By")
    for line in ("Vesterbrogade 12", "1620 København V", "20. august 2017"):
        document.add_paragraph(line)
    bold(document, "Høringssvar vedr. OGP-handlingsplan 2017-2019")
    document.add_paragraph(INTRO)
    for title, text in (("Åbne kalendere", CALENDARS), ("Lobbyregister", REGISTER)):
        bold(document, title)
        document.add_paragraph(text)
    assert titles(closing(document)) == ["Åbne kalendere", "Lobbyregister"]


def test_bold_proposals_under_a_styled_letter_title_and_theme_headings() -> None:
    document = docx.Document()
    document.add_heading("Høringssvar vedr. OGP-handlingsplan 2017-2019", level=1)
    document.add_paragraph(INTRO)
    document.add_heading("Åbenhed i ministerierne", level=2)
    for title, text in (("Åbne kalendere", CALENDARS), ("Lobbyregister", REGISTER)):
        bold(document, title)
        document.add_paragraph(text)
    document.add_heading("Data", level=2)
    bold(document, "Åbne indkøbsdata")
    document.add_paragraph(PURCHASES)
    assert titles(closing(document)) == ["Åbne kalendere", "Lobbyregister", "Åbne indkøbsdata"]


def test_bold_template_labels_under_styled_proposals_are_their_parts() -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    for title, text in (("Åbne kalendere", CALENDARS), ("Lobbyregister", REGISTER)):
        document.add_heading(title, level=1)
        bold(document, "Problem")
        document.add_paragraph("I dag kan borgerne ikke se, hvem ministrene mødes med.")
        bold(document, "Løsning")
        document.add_paragraph(text)
    found = split(closing(document))
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]
    assert CALENDARS in found[0].text


def test_one_proposal_in_bold_template_labels_leaves_out_its_about_us() -> None:
    document = opening(docx.Document())
    bold(document, "Åben adgang til kommunale kontrakter")
    for label, text in (
        (
            "Kort beskrivelse",
            "Alle kommunale kontrakter over 500.000 kr. offentliggøres i en fælles database.",
        ),
        (
            "Problem",
            "I dag er det svært for borgere at se, hvad kommunerne køber ind og til hvilken pris.",
        ),
        ("Målsætning", "Fuld åbenhed om kommunale indkøb inden 2019."),
        (
            "Aktiviteter",
            "KL og Digitaliseringsstyrelsen udvikler databasen, og kommunerne indberetter.",
        ),
        ("Måling af fremskridt", "Andel af kommuner, der indberetter mindst en gang i kvartalet."),
        ("Om os", "Foreningen Åben By arbejder for gennemsigtighed og har 400 medlemmer."),
    ):
        bold(document, label)
        document.add_paragraph(text)
    (found,) = split(closing(document))
    assert found.title == "Åben adgang til kommunale kontrakter"
    assert "i kvartalet" in found.text and "400 medlemmer" not in found.text


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_strong_emphasis_headings_and_a_bold_closing() -> None:
    # LibreOffice writes <strong> as its "Strong Emphasis" character style, not as w:b.
    html = (
        f"<html><body><p>Foreningen Åben By</p><p>{INTRO}</p>"
        f"<p><strong>Åbne kalendere</strong></p><p>{CALENDARS}</p>"
        f"<p><strong>Lobbyregister</strong></p><p>{REGISTER}</p>"
        "<p><b>Med venlig hilsen</b></p><p><b>Karen Holm</b></p></body></html>"
    )
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "svar.html").write_text(html, encoding="utf-8")
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
             "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
             "--outdir", str(folder / "out"), str(folder / "svar.html")],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        text = extract_docx_text((folder / "out" / "svar.docx").read_bytes())
    assert "\n# Åbne kalendere\n" in text and text.endswith("Med venlig hilsen\nKaren Holm")
    found = split_initiatives([Section("svar.docx", text)])
    assert [i.title for i in found] == ["Åbne kalendere", "Lobbyregister"]


def test_a_closing_phrase_set_in_bold_is_no_proposal() -> None:
    document = opening(docx.Document())
    for title, text in (("Åbne kalendere", CALENDARS), ("Lobbyregister", REGISTER)):
        bold(document, title)
        document.add_paragraph(text)
    bold(document, "Vi ser frem til det videre arbejde")
    assert titles(closing(document)) == ["Åbne kalendere", "Lobbyregister"]


def test_a_proposal_in_bold_template_labels_alone_is_its_sections_without_about_us() -> None:
    # No title and no ask word ("... offentliggøres"): the template's sections are the
    # proposal; the letterhead, thanks, "Om os" and signature around them are not.
    document = opening(docx.Document())
    for label, text in (
        (
            "Kort beskrivelse",
            "Alle kommunale kontrakter over en halv million offentliggøres samlet.",
        ),
        (
            "Problem",
            "I dag er det svært for borgere at se, hvad kommunerne køber ind og til hvilken pris.",
        ),
        (
            "Aktiviteter",
            "KL og Digitaliseringsstyrelsen udvikler databasen, og kommunerne indberetter.",
        ),
        ("Om os", "Foreningen Åben By arbejder for gennemsigtighed og har 400 medlemmer."),
    ):
        bold(document, label)
        document.add_paragraph(text)
    (found,) = split(closing(document))
    assert found.text.startswith("# Kort beskrivelse\nAlle kommunale kontrakter")
    assert found.text.endswith("kommunerne indberetter.")
    assert found.title == "Alle kommunale kontrakter over en halv million offentliggøres samlet"
