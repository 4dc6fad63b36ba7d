# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on numbered sections and on headings a Word file shows only by layout (issue
18 item 2): chapters and letter sections are no proposals, sub-numbers are items, template
sections one proposal, bold lines under styled headings are headings. Texts written for
these tests."""

from __future__ import annotations

import io

import docx

from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.parse.docx import extract_docx_text
from hoering.parse.text import html_to_text


def split(text: str, source: str = "brødtekst") -> tuple[Initiative, ...]:
    return split_initiatives([Section(source, text)])


def test_a_report_numbered_by_its_chapters_proposes_nothing() -> None:
    text = (
        "1. Indledning\nRapporten beskriver borgernes brug af aktindsigt i ti kommuner i 2016.\n"
        "2. Metode\nVi har interviewet 300 borgere og gennemgået 400 sager fra perioden.\n"
        "3. Resultater\nHalvdelen af sagerne blev besvaret inden for fristen.\n"
        "4. Afslutning\nRapporten er udarbejdet med støtte fra en privat fond.\n"
    )
    assert split(text, "rapport.pdf") == ()


def test_sub_numbered_proposals_under_a_section_that_names_them_are_the_initiatives() -> None:
    text = (
        "1. Indledning\nVi har samlet vores forslag nedenfor.\n"
        "2. Forslag\n"
        "2.1 Offentlige kalendere for ministrene med mødernes emne.\n"
        "2.2 Et register over møder mellem lobbyister og embedsværket.\n"
        "2.3 Alle høringssvar samlet på ét sted.\n"
        "3. Afslutning\nVi står gerne til rådighed.\n"
    )
    found = split(text)
    assert [i.title for i in found] == [
        "Offentlige kalendere for ministrene med mødernes emne",
        "Et register over møder mellem lobbyister og embedsværket",
        "Alle høringssvar samlet på ét sted",
    ]


def test_one_proposal_in_numbered_template_sections_with_sub_points_is_one_initiative() -> None:
    text = (
        "Vores forslag er en fælles portal for kommunale tilskud til foreninger.\n"
        "1. Problem\n1.1 Foreninger kan ikke se, hvilke puljer der findes.\n1.2 Kommunerne svarer på de samme spørgsmål.\n"
        "2. Løsning\n2.1 En portal med alle puljer og tildelinger som åbne data.\n2.2 Tildelinger indberettes hvert kvartal.\n"
        "Med venlig hilsen\n"
    )
    assert len(split(text)) == 1


def test_bold_lines_under_word_heading_sections_are_the_proposals() -> None:
    # Word text: styled headings carry "#", a bold paragraph in Normal style one more
    # (parse/word_headings.py).
    text = (
        "# Høringssvar fra Lokalrådenes Landsforening\n"
        "## Indledning\n"
        "Landsforeningen takker for muligheden for at give input til den kommende handlingsplan.\n"
        "### Åbne udvalgsreferater\n"
        "Vi foreslår, at alle kommunale udvalg offentliggør referater senest en uge efter mødet.\n"
        "### Borgerbudgetter i lokalområderne\n"
        "Vi foreslår, at kommunerne lader lokalrådene prioritere en del af anlægsbudgettet.\n"
        "## Afslutning\nVi uddyber gerne forslagene.\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == [
        "Åbne udvalgsreferater",
        "Borgerbudgetter i lokalområderne",
    ]


def test_titles_explained_under_a_heading_right_above_the_first_title_take_their_text() -> None:
    text = (
        "Vi har tre forslag:\n- Åbne kalendere\n- Lobbyregister\n- Whistleblowerordning\n"
        "Uddybning af forslagene\n"
        "Åbne kalendere\nMinistrenes kalendere bør offentliggøres hver uge med mødernes emne og deltagere.\n"
        "Lobbyregister\nDer bør oprettes et register over alle møder mellem lobbyister og ministerier.\n"
        "Whistleblowerordning\nAlle ministerier bør have en uafhængig ordning, hvor ansatte kan indberette.\n"
        "Med venlig hilsen\n"
    )
    found = split(text)
    assert len(found) == 3
    assert "hver uge" in found[0].text


def test_a_list_nested_in_an_html_item_stays_part_of_that_item() -> None:
    markup = (
        "<p>Vi foreslår:</p><ol><li>Åbne kalendere for ministrene<ul><li>med mødernes emne</li>"
        "<li>med deltagerne</li></ul></li><li>Et lobbyregister for embedsværket</li>"
        "<li>Høringssvar samlet ét sted</li></ol><p>Med venlig hilsen</p>"
    )
    found = split(html_to_text(markup))
    assert len(found) == 3
    assert "deltagerne" in found[0].text


def test_numbered_word_items_without_an_introduction_are_the_proposals() -> None:
    document = docx.Document()
    document.add_paragraph(
        "Vi har læst materialet og bidrager gerne med erfaringer fra kommunerne."
    )
    document.add_paragraph(
        "Åbne udvalgsreferater. Alle udvalg bør offentliggøre referater.", style="List Number"
    )
    document.add_paragraph(
        "Borgerbudgetter. Kommunerne bør lade borgerne prioritere.", style="List Number"
    )
    document.add_paragraph("Med venlig hilsen")
    buffer = io.BytesIO()
    document.save(buffer)
    found = split(extract_docx_text(buffer.getvalue()), "svar.docx")
    assert [i.title for i in found] == ["Åbne udvalgsreferater", "Borgerbudgetter"]


def test_proposal_headings_under_theme_headings_are_the_initiatives_not_the_themes() -> None:
    text = (
        "# Høringssvar\nVi har tre forslag under to temaer.\n"
        "## Åbenhed\nHer har vi to forslag.\n"
        "### Åbne kalendere\nMinistrenes kalendere bør offentliggøres hver uge.\n"
        "### Lobbyregister\nDer bør oprettes et register over møder med lobbyister.\n"
        "## Inddragelse\n### Borgerpaneler\nKommunerne bør afprøve lodtrukne borgerpaneler.\n"
        "Med venlig hilsen\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == [
        "Åbne kalendere",
        "Lobbyregister",
        "Borgerpaneler",
    ]


def test_sub_headings_under_a_proposal_that_opens_with_its_ask_are_its_parts() -> None:
    text = (
        "## Åbne kalendere\nMinistrenes kalendere bør offentliggøres hver uge.\n"
        "### Sådan kan det gøres\nKalenderne lægges på ministeriernes hjemmesider.\n"
        "## Lobbyregister\nDer bør oprettes et register over møder med lobbyister.\n"
        "### Sådan kan det gøres\nRegisteret drives af Folketinget.\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == ["Åbne kalendere", "Lobbyregister"]


def test_bare_bullets_between_titled_ones_in_a_list_that_shows_its_nesting_are_items() -> None:
    text = (
        "Vores forslag:\n"
        "- Åbne udvalgsreferater\n"
        "Vi foreslår, at alle udvalg offentliggør referater senest en uge efter mødet.\n"
        "  - også for lukkede punkter, i anonymiseret form\n"
        "- Borgerbudgetter\n"
        "- Lobbyregister\n"
        "Der bør oprettes et register over alle møder mellem lobbyister og ministerier.\n"
        "Med venlig hilsen\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == [
        "Åbne udvalgsreferater",
        "Borgerbudgetter",
        "Lobbyregister",
    ]


def test_a_table_whose_header_names_the_proposals_in_other_words_gives_a_row_each() -> None:
    text = (
        "Vi har samlet vores forslag i tabellen.\n"
        "Emne | Vores forslag | Begrundelse\n"
        "Åbenhed | Et lobbyregister for alle ministerier | Borgerne skal se, hvem der påvirker\n"
        "Inddragelse | Borgerpaneler i kommunerne | Flere skal høres\n\nMed venlig hilsen\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == [
        "Et lobbyregister for alle ministerier",
        "Borgerpaneler i kommunerne",
    ]


def _docx(*paragraphs: tuple[str, str | None]) -> str:
    document = docx.Document()
    for text, style in paragraphs:
        if style and style.startswith("Heading"):
            document.add_heading(text, level=int(style[-1]))
        else:
            document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_docx_text(buffer.getvalue())


def test_word_numbered_activities_under_a_template_heading_are_parts_of_one_proposal() -> None:
    text = _docx(
        ("Forslag: En åben portal for kommunale tilskud", "Heading 1"),
        ("Vi foreslår en fælles portal, hvor alle kommunale tilskud til foreninger vises.", None),
        ("Aktiviteter", "Heading 2"),
        ("Kortlægning af puljerne i alle kommuner.", "List Number"),
        ("Udvikling af portalen med åbne data.", "List Number"),
        ("Kampagne over for foreningerne.", "List Number"),
        ("Med venlig hilsen", None),
    )
    assert len(split(text, "svar.docx")) == 1


def test_a_numbered_list_after_a_sentence_that_announces_steps_is_one_proposal() -> None:
    text = (
        "Vi foreslår et lobbyregister for alle ministerier. Registeret indføres i tre trin.\n"
        "1. Ministrenes møder registreres fra 2018.\n"
        "2. Departementschefernes møder følger i 2019.\n"
        "3. Alle styrelser er med fra 2020.\n"
    )
    assert len(split(text)) == 1


def test_an_adding_word_inside_a_proposal_written_in_sections_does_not_split_it() -> None:
    text = (
        "## Åbne kalendere\nMinistrenes kalendere bør offentliggøres hver uge.\n"
        "### Aktiviteter\nKalenderne lægges på nettet.\n"
        "Derudover bør der laves en vejledning til ministerierne.\n"
        "## Lobbyregister\nDer bør oprettes et register over møder med lobbyister.\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == ["Åbne kalendere", "Lobbyregister"]


def test_bold_labels_inside_styled_proposal_headings_stay_inside_their_proposal() -> None:
    text = (
        "## Åbne kalendere\nMinistrenes kalendere bør offentliggøres hver uge med emne og deltagere.\n"
        "Hvad det kræver\nEn fælles skabelon og en side på hvert ministeriums hjemmeside til formålet.\n"
        "## Lobbyregister\nDer bør oprettes et register over alle møder mellem lobbyister og ministerier.\n"
        "Hvad det kræver\nEn lov om registrering og en database, som Folketinget driver fremover.\n"
    )
    assert [i.title for i in split(text, "svar.docx")] == ["Åbne kalendere", "Lobbyregister"]


def test_a_heading_that_opens_with_a_template_word_inside_a_longer_word_is_a_proposal() -> None:
    # "Effektiv ..." is no "Effekt" section: the template words match whole words only.
    text = (
        "Vi har to forslag.\n\n"
        "Effektiv offentlig service: Klart sprog\n"
        "Vi foreslår et krav om klart sprog i alle breve fra det offentlige til borgerne.\n\n"
        "Borgerinddragelse: Én høringsportal\n"
        "Vi foreslår, at alle offentlige høringer samles på én tilgængelig høringsportal.\n"
    )
    assert len(split(text)) == 2
