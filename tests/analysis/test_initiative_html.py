# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on HTML mails read as a reader sees them (issue 18 item 2): the HTML
alternative's lists and levels, not the text part that flattens them."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.initiatives import Section, split_initiatives
from hoering.parse.message import parse_message
from tests.parse.test_html_text import item, outlook, para


def titles(text: str) -> list[str]:
    return [i.title for i in split_initiatives([Section("brødtekst", text)])]


def test_a_list_numbered_on_under_a_second_theme_heading_gives_each_item() -> None:
    # Outlook's and Gmail's <ol start="3">, Word's "continue numbering": 3. and 4. go on.
    text = (
        "Til Digitaliseringsstyrelsen\n\nKommunen har samlet sine forslag under to af høringens temaer.\n\n"
        "Borgerinddragelse\n\n1. Et nationalt videnscenter for samskabelse, hvor kommuner kan dele metoder.\n"
        "2. Forsøg med digitale borgerpaneler i planlægningen af anlægsprojekter.\n\n"
        "Åbne data\n\n3. En fælles standard for kommunale data om vej- og parkeringsforhold.\n"
        "4. Støtte til mindre kommuner, der vil udstille data.\n\n"
        "Venlig hilsen\n\nBirgitte\n"
    )
    assert [t.split()[0] for t in titles(text)] == ["Et", "Forsøg", "En", "Støtte"]


def test_an_outlook_mail_is_split_by_the_levels_its_html_shows() -> None:
    # The text part drops the levels: every bullet at the margin, sub-points like proposals.
    html = outlook(
        para("Kære Digitaliseringsstyrelse"),
        para("&nbsp;"),
        para("Foreningen har to forslag:"),
        item(
            1,
            "·",
            "Et offentligt lobbyregister over ministres møder med interesseorganisationer.",
            "MsoListParagraphCxSpFirst",
        ),
        item(2, "·", "Registret bør vise dato og deltagere."),
        item(2, "·", "Registret bør opdateres hver uge."),
        item(
            1,
            "·",
            "Bedre beskyttelse af whistleblowere i den offentlige sektor.",
            "MsoListParagraphCxSpLast",
        ),
        para("&nbsp;"),
        para("Med venlig hilsen"),
        para("Hanne Juul"),
    )
    plain = (
        "Kære Digitaliseringsstyrelse\n\nForeningen har to forslag:\n\n"
        "·         Et offentligt lobbyregister over ministres møder med interesseorganisationer.\n"
        "·         Registret bør vise dato og deltagere.\n·         Registret bør opdateres hver uge.\n"
        "·         Bedre beskyttelse af whistleblowere i den offentlige sektor.\n\n"
        "Med venlig hilsen\nHanne Juul\n"
    )
    message = EmailMessage(policy=SMTP)
    message["From"], message["Subject"] = "hj@forening.dk", "OGP-høring"
    message.set_content(plain)
    message.add_alternative(html, subtype="html")
    found = split_initiatives(
        [Section("brødtekst", clean_reply(parse_message(message.as_bytes()).body_text).reply)]
    )
    assert [i.title.split()[:2] for i in found] == [["Et", "offentligt"], ["Bedre", "beskyttelse"]]
    assert "opdateres hver uge" in found[0].text


def test_numbered_questions_on_lines_of_one_paragraph_are_not_the_proposal() -> None:
    # An HTML list of questions reads as lines of one paragraph, as its reader sees it.
    text = (
        "Kære Digitaliseringsstyrelse\n\nVi har to spørgsmål til processen:\n\n"
        "1. Hvordan vil styrelsen udvælge forslagene?\n2. Er der afsat midler til initiativerne?\n\n"
        "Vores forslag er, at handlingsplanen får en uafhængig følgeforskning i borgerinddragelsen.\n\n"
        "Med venlig hilsen\nRasmus\n"
    )
    (found,) = split_initiatives([Section("brødtekst", text)])
    assert "følgeforskning" in found.text and "udvælge" not in found.text


def test_an_english_general_comments_heading_is_a_section_of_the_letter() -> None:
    # Gmail's <b> headings: the general comment is a remark, the proposals are the list's.
    text = (
        "Dear colleagues,\n\nPlease find our submission below.\n\n"
        "General comments\nDenmark has a strong record on open data. We would encourage more work on access to information.\n\n"
        "Our proposals\n\n1. Publish statistics on access to information requests every year.\n"
        "2. An online request portal for all state bodies.\n\nKind regards,\nHelen\n"
    )
    assert [t.split()[0] for t in titles(text)] == ["Publish", "An"]
