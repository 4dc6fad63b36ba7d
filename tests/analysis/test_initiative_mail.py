# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on mail text (issue 18 item 2) as mailers' text parts write it, and as the
parser renders HTML (parse/body.py reads an HTML alternative that shows the text part's
words): bold and <h3> headings as short lines set apart, tables as cells parted by tabs."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from hoering.analysis.initiatives import Section, split_initiatives
from hoering.parse.message import parse_message


def titles(text: str) -> list[str]:
    return [i.title for i in split_initiatives([Section("brødtekst", text)])]


def test_outlook_bold_headings_over_short_paragraphs_are_all_read() -> None:
    # Outlook's text part: every <p class=MsoNormal> is a paragraph set apart by a blank line.
    text = (
        "Kære Digitaliseringsstyrelse\n\nVi har to forslag til handlingsplanen.\n\n"
        "Åbne byrådsmøder\n\nAlle kommuner bør optage deres byrådsmøder og lægge dem på nettet sammen med dagsordenen.\n\n"
        "Sagsnumre på breve\n\nBreve bør vise sagsnummer.\n\n"
        "Med venlig hilsen\n\nKaren Holm\n"
    )
    assert titles(text) == ["Åbne byrådsmøder", "Sagsnumre på breve"]


def test_short_headings_over_short_paragraphs_are_read_when_there_are_two() -> None:
    # Webmail's <h3> and Gmail's <b> lines: the heading's own line, its paragraph right below.
    text = (
        "Hej\n\nJeg har to forslag.\n\n"
        "Åbne kalendere\nMinistrenes kalendere offentliggøres hver uge.\n\n"
        "Lobbyregister\nEt register over lobbymøder.\n\nMvh Per\n"
    )
    assert titles(text) == ["Åbne kalendere", "Lobbyregister"]


def test_one_short_line_over_a_paragraph_is_not_read_as_a_heading_alone() -> None:
    text = "Hej\n\nDet er et godt initiativ\nVi bør indføre åbne kalendere for alle ministre.\n\nMvh Per\n"
    assert len(titles(text)) == 1


def test_a_table_in_the_text_part_gives_a_row_per_proposal() -> None:
    text = (
        "Hej\n\nVores forslag:\n"
        "\tForslag\tBeskrivelse\n"
        "\tÅbne kalendere\tMinistrenes kalendere offentliggøres.\n"
        "\tLobbyregister\tEt register over lobbymøder.\n"
        "Mvh Per\n"
    )
    assert titles(text) == ["Åbne kalendere", "Lobbyregister"]


def test_a_mail_with_an_html_table_is_split_from_its_text_part() -> None:
    # The real path: a multipart/alternative mail, its body chosen and read by the parser.
    message = EmailMessage(policy=SMTP)
    message["From"], message["Subject"] = "per@example.dk", "OGP-forslag"
    message.set_content(
        "Hej\n\nVores forslag:\n\n\tForslag\tBeskrivelse\n\tÅbne kalendere\tMinistrenes kalendere"
        " offentliggøres.\n\tLobbyregister\tEt register over lobbymøder.\n\nMvh Per\n"
    )
    message.add_alternative(
        "<div>Hej</div><div>Vores forslag:</div><table><tr><td><b>Forslag</b></td><td><b>Beskrivelse"
        "</b></td></tr><tr><td>Åbne kalendere</td><td>Ministrenes kalendere offentliggøres.</td></tr>"
        "<tr><td>Lobbyregister</td><td>Et register over lobbymøder.</td></tr></table><div>Mvh Per</div>",
        subtype="html",
    )
    body = parse_message(message.as_bytes()).body_text
    assert titles(body) == ["Åbne kalendere", "Lobbyregister"]


def test_nested_bullets_written_o_are_parts_of_their_item() -> None:
    # Outlook and Gmail write a second-level bullet as "o" in the text part.
    text = (
        "Hej\n\nVi foreslår disse tre ting:\n\n"
        "   1. Åbne kalendere\n      o hver uge\n      o med deltagere\n"
        "   2. Lobbyregister for alle ministerier\n   3. Whistleblowerordning i staten\n\nMvh\nPer\n"
    )
    found = split_initiatives([Section("brødtekst", text)])
    assert found[0].title == "Åbne kalendere"
    assert len(found) == 3 and "med deltagere" in found[0].text


def test_a_wrapped_line_after_a_sentence_s_end_in_a_labelled_paragraph_opens_no_proposal() -> None:
    # Mail text parts paragraphs by blank lines: "Det gælder især to områder: ..." wrapped
    # onto a line of its own inside "Borgerpaneler: ..." is that paragraph's sentence.
    text = (
        "Vi har følgende forslag:\n\n"
        "Borgerpaneler: Prøv med borgerpaneler i alle kommuner. Det har virket i Aarhus.\n"
        "Det gælder især to områder: skole og ældre, hvor borgerne føler sig overhørt.\n\n"
        "Åbne data: Alle kommuner bør lægge deres budgetter ud som åbne data hvert år.\n\n"
        "Med venlig hilsen\nKaren\n"
    )
    found = split_initiatives([Section("brødtekst", text)])
    assert [i.title for i in found] == ["Borgerpaneler", "Åbne data"]
    assert "skole og ældre" in found[0].text


def test_a_count_in_a_paragraph_wrapped_over_lines_introduces_the_numbered_titles() -> None:
    # Thunderbird wraps a plain-text mail at 72 characters: "tre forslag" is on the
    # paragraph's first line, not its last, and the titles are each over a paragraph.
    message = EmailMessage(policy=SMTP)
    message["From"], message["Subject"] = "ida@example.dk", "OGP-høring"
    message.set_content(
        "Hej\n\nIDA har 110.000 medlemmer, og mange arbejder med it. Vi har samlet tre\n"
        "forslag, som vi mener kan gøre forvaltningen mere åben og samtidig\nstyrke it-sikkerheden.\n\n"
        "1. Åbne it-projektporteføljer\n\nStatens it-projektråd bør offentliggøre status for alle statslige it-projekter.\n\n"
        "2. Forklarlige algoritmer\n\nMyndigheder skal beskrive de modeller, de bruger i sagsbehandlingen.\n\n"
        "3. Ansvarlig offentliggørelse af sårbarheder\n\nStaten indfører en politik for indrapportering af sikkerhedshuller.\n\n"
        "Med venlig hilsen\nThomas\n"
    )
    body = parse_message(message.as_bytes()).body_text
    assert titles(body) == [
        "Åbne it-projektporteføljer",
        "Forklarlige algoritmer",
        "Ansvarlig offentliggørelse af sårbarheder",
    ]


def test_a_numbered_title_opening_with_ansvarlig_is_a_proposal_not_a_template_section() -> None:
    # "Ansvarlig myndighed" is the call's template field; "Ansvarlig offentliggørelse af
    # sårbarheder" is a proposal's title, and does not make the list one proposal's parts.
    text = (
        "Hej\n\n1. Åbne it-projekter\n\nStatens it-projektråd bør offentliggøre status for alle statslige it-projekter.\n\n"
        "2. Ansvarlig offentliggørelse af sårbarheder\n\nStaten bør indføre en politik for indrapportering af sikkerhedshuller.\n\n"
        "Med venlig hilsen\nThomas\n"
    )
    assert titles(text) == ["Åbne it-projekter", "Ansvarlig offentliggørelse af sårbarheder"]
