# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""A letter with one proposal and no structure: the initiative is its proposing part, and
the general paragraphs around it (thanks, who the sender is, support for the process) are
the reply's remarks (analysis/initiative_core.py, issue 18 item 2)."""

from __future__ import annotations

import io

import docx

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.analysis.remarks import general_remarks
from hoering.parse.docx import extract_docx_text

MAIL = """\
Kære Digitaliseringsstyrelse

Tak for muligheden for at komme med input. Foreningen Åben By er en landsdækkende forening med 400 medlemmer, der arbejder for gennemsigtighed i den offentlige sektor.

I dag kan borgerne ikke se, hvilke lobbyister ministrene mødes med, og hvad møderne handler om.

Vi foreslår derfor, at der oprettes et offentligt register over møder mellem ministre og lobbyister.

Registret bør opdateres hver måned og kunne søges på navn og emne. Det vil styrke tilliden til, at beslutningerne træffes på et åbent grundlag.

Vi støtter i øvrigt arbejdet med handlingsplanen og er glade for, at høringen er åben for alle.

Vi uddyber gerne forslaget, hvis I har spørgsmål.

Med venlig hilsen
Karen Holm
"""


def one(text: str) -> Initiative:
    found = split_initiatives([Section("brødtekst", clean_reply(text).content)])
    assert len(found) == 1
    return found[0]


def test_the_one_proposal_is_its_background_ask_and_explanation() -> None:
    text = one(MAIL).text
    assert text.startswith("I dag kan borgerne ikke se")
    assert text.endswith("træffes på et åbent grundlag.")


def test_thanks_who_the_sender_is_and_the_offer_are_no_part_of_the_proposal() -> None:
    text = one(MAIL).text
    for general in ("Tak for muligheden", "400 medlemmer", "uddyber gerne", "Karen Holm"):
        assert general not in text


def test_support_for_the_process_outside_the_proposal_is_a_general_remark() -> None:
    body = clean_reply(MAIL).content
    remarks = general_remarks(body, [one(MAIL).text])
    assert remarks.startswith("Vi støtter i øvrigt arbejdet med handlingsplanen")
    assert "lobbyister" not in remarks


def test_a_paragraph_between_two_asks_stays_in_the_proposal() -> None:
    letter = (
        "Hej\n\nJeg foreslår, at alle kommuner lægger deres byrådsmøder på nettet.\n\n"
        "Mange borgere har ikke tid til at møde op om aftenen, og referaterne er korte.\n\n"
        "Optagelserne bør også have undertekster, så alle kan følge med.\n\nMvh Ole"
    )
    text = one(letter).text
    assert "ikke tid til at møde op" in text and text.endswith("så alle kan følge med.")


def test_a_word_letter_s_letterhead_title_and_signature_are_no_part_of_the_proposal() -> None:
    document = docx.Document()
    for line in ("Foreningen Åben By", "Vesterbrogade 12, 1620 København V"):
        document.add_paragraph(line)
    document.add_paragraph().add_run("Høringssvar vedr. OGP-handlingsplan 2017-2019").bold = True
    for paragraph in (
        "Foreningen takker for muligheden for at give input til den kommende handlingsplan.",
        "Der bør oprettes et offentligt register over lobbyister, der mødes med ministerier.",
        "Et register vil vise, hvem der påvirker lovgivningen, og styrke tilliden til den.",
        "Vi bakker i øvrigt op om arbejdet med handlingsplanen.",
        "Med venlig hilsen",
        "Karen Holm",
        "Sekretariatschef, Foreningen Åben By",
    ):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    sections = [
        Section("brødtekst", "Se vedhæftede."),
        Section("svar.docx", extract_docx_text(buffer.getvalue())),
    ]
    (found,) = split_initiatives(sections)
    assert found.source == "svar.docx"
    assert found.text == (
        "Der bør oprettes et offentligt register over lobbyister, der mødes med ministerier.\n"
        "Et register vil vise, hvem der påvirker lovgivningen, og styrke tilliden til den."
    )
    assert found.title.startswith("Der bør oprettes et offentligt register")


def test_a_letter_that_asks_in_no_words_is_kept_whole() -> None:
    # No paragraph asks in so many words: nothing tells the proposal from the rest.
    letter = "Hej\n\n" + "Et register over lobbymøder i ministerierne, opdateret hver måned. " * 12
    assert "lobbymøder" in one(letter).text
