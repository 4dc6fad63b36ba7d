"""clean_reply: the reply apart from quoted mail, signature and disclaimer; what kind of reply."""

from __future__ import annotations

import pytest

from hoering.analysis.cleaning import (
    Reference,
    clean_reply,
    find_references,
    flag_labels,
    forwarded_mail_content,
)
from hoering.parse.message import parse_message
from tests.kit.paths import SAMPLE_INBOX as INBOX

PROPOSAL = (
    "Vi foreslår, at alle kommuner offentliggør deres budgetter som åbne data, så borgerne\n"
    "kan sammenligne på tværs."
)


def body_of(name: str) -> str:
    return parse_message((INBOX / name).read_bytes()).body_text


# --- quoted earlier mail -----------------------------------------------------------------


def test_apple_mail_attribution_wrapped_over_two_lines() -> None:
    # Apple Mail (inbox 02): "Den 3. jul. 2017 kl. 10.12 skrev X" and "<adr>:" on the next line.
    cleaned = clean_reply(body_of("02-borger-svar-citat-cpr.eml"))
    assert cleaned.quoted.startswith("Den 3. jul. 2017 kl. 10.12 skrev Digitaliseringsstyrelsen")
    assert "Kære modtager" not in cleaned.reply
    assert cleaned.reply.endswith("men det er 010180-1234.")
    assert not cleaned.forwarded


def test_gmail_danish_attribution_on_one_line() -> None:
    # Gmail in Danish: weekday, date and address on one line.
    text = f"{PROPOSAL}\n\nDen tir. 4. jul. 2017 kl. 09.30 skrev OGP <rumth@digst.dk>:\n> Kære"
    cleaned = clean_reply(text)
    assert cleaned.reply == PROPOSAL
    assert cleaned.quoted.startswith("Den tir. 4. jul. 2017")


def test_english_on_wrote_attribution() -> None:
    # Gmail and Thunderbird in English.
    attribution = "On Mon, Jul 3, 2017 at 10:12 AM, OGP <rumth@digst.dk> wrote:"
    text = f"We support open data.\n\n{attribution}\n> Dear"
    assert clean_reply(text).reply == "We support open data."


def test_outlook_oprindelig_meddelelse_separator() -> None:
    # Danish Outlook 2010-2016 in plain text.
    text = f"{PROPOSAL}\n\n-----Oprindelig meddelelse-----\nFra: OGP [mailto:rumth@digst.dk]\nTekst"
    cleaned = clean_reply(text)
    assert cleaned.reply == PROPOSAL
    assert cleaned.quoted.startswith("-----Oprindelig meddelelse-----")


def test_outlook_header_block_below_underscore_rule() -> None:
    # Outlook 2013+ in HTML, as text: a rule of underscores, then "Fra:/Sendt:/Til:/Emne:".
    text = (
        f"{PROPOSAL}\n\n________________________________\nFra: Digitaliseringsstyrelsen\n"
        "Sendt: 3. juli 2017 10:12\nTil: Mette Lund\nEmne: OGP-høring\n\nKære modtager"
    )
    cleaned = clean_reply(text)
    assert cleaned.reply == PROPOSAL
    assert cleaned.quoted.startswith("_____")
    assert not cleaned.forwarded


def test_fra_in_prose_is_not_a_header_block() -> None:
    text = "Fra: vores side er der opbakning.\nVi støtter forslaget fuldt ud."
    assert clean_reply(text).quoted == ""


def test_interleaved_quote_lines_leave_the_answers_in_the_reply() -> None:
    # Thunderbird "reply inline": the respondent answers between the quoted questions.
    text = "> Hvad mener du om åbne data?\nJa tak, mere af det.\n> Og open source?\nOgså ja."
    cleaned = clean_reply(text)
    assert cleaned.reply == "Ja tak, mere af det.\nOgså ja."
    assert cleaned.quoted == "> Hvad mener du om åbne data?\n> Og open source?"


def test_outlook_forward_chain_is_forwarded_content() -> None:
    # Inbox 03: Outlook HTML; the proposals are in the mail forwarded below ("jf. nedenstående").
    cleaned = clean_reply(body_of("03-forening-dfdd-html.eml"))
    assert cleaned.forwarded
    assert "Open source som standard" in cleaned.quoted
    assert "Open source som standard" in cleaned.content
    assert "Open source som standard" not in cleaned.reply


def test_gmail_forwarded_message_marker() -> None:
    # Gmail: "---------- Forwarded message ---------".
    text = "Til orientering.\n\n---------- Forwarded message ---------\nFrom: A\n\nOpen data nu."
    cleaned = clean_reply(text)
    assert cleaned.forwarded
    assert cleaned.content.endswith("Open data nu.")


def test_mail_that_is_only_a_quote_is_forwarded_content() -> None:
    # Outlook "Videresend" with nothing typed above the header block.
    text = "Fra: Kim Holm\nSendt: 17. august 2017 14:05\nTil: OGP\nEmne: Forslag\n\nÅbne data nu."
    cleaned = clean_reply(text)
    assert cleaned.reply == ""
    assert cleaned.forwarded
    assert cleaned.content.endswith("Åbne data nu.")


def test_answered_mail_is_not_part_of_the_content() -> None:
    cleaned = clean_reply(body_of("02-borger-svar-citat-cpr.eml"))
    assert cleaned.content == cleaned.reply


def test_original_is_kept_untouched() -> None:
    text = "Hej\r\n\r\nForslag.\r\n\r\nMvh\r\nBo\r\n"
    assert clean_reply(text).original == text


# --- signatures ---------------------------------------------------------------------------


def test_med_venlig_hilsen_block_goes_to_signature() -> None:
    cleaned = clean_reply(body_of("04-virksomhed-pdf-bilag.eml"))
    assert cleaned.reply == "Se vedhæftede høringssvar."
    assert cleaned.signature.splitlines()[0] == "Med venlig hilsen"
    assert "Dataklar ApS" in cleaned.signature


def test_mvh_and_sig_dash_line_together() -> None:
    # Apple Mail with a "-- " signature below a hand-written "Mvh / Søren" (inbox 02).
    cleaned = clean_reply(body_of("02-borger-svar-citat-cpr.eml"))
    assert cleaned.signature.splitlines()[:2] == ["Mvh", "Søren"]
    assert "Tlf. 11 22 33 44" in cleaned.signature
    assert "Søren Ærø Jørgensen" not in cleaned.reply


def test_iphone_footer_goes_to_signature() -> None:
    # iPhone Mail appends "Sendt fra min iPhone" (inbox 11).
    cleaned = clean_reply(body_of("11-borger-kampagne-b.eml"))
    assert cleaned.signature.endswith("Sendt fra min iPhone")
    assert "iPhone" not in cleaned.reply


def test_closing_on_one_line_with_the_name() -> None:
    cleaned = clean_reply(f"{PROPOSAL}\n\nMvh Søren Jørgensen")
    assert cleaned.reply == PROPOSAL
    assert cleaned.signature == "Mvh Søren Jørgensen"


@pytest.mark.parametrize(
    "closing", ["Bedste hilsner", "Venlige hilsner", "Kærlige hilsner", "Med venlig hilsen"]
)
def test_a_closing_in_the_plural_starts_the_signature(closing: str) -> None:
    signature = f"{closing}\nTina Dahl\nProjektleder, Open Data DK"
    cleaned = clean_reply(f"{PROPOSAL}\n\n{signature}")
    assert (cleaned.reply, cleaned.signature) == (PROPOSAL, signature)


def test_sentence_starting_with_hilsen_is_not_a_closing() -> None:
    text = f"Hilsen til alle der har arbejdet med planen, den er rigtig god.\n\n{PROPOSAL}"
    assert clean_reply(text).signature == ""


def test_closing_with_long_text_below_is_not_a_signature() -> None:
    text = "Venlig hilsen\n" + "\n".join(f"Punkt {n}: mere åbenhed." for n in range(20))
    assert clean_reply(text).signature == ""


# --- disclaimers --------------------------------------------------------------------------


def test_danish_confidentiality_disclaimer_is_set_aside() -> None:
    disclaimer = (
        "Denne e-mail kan indeholde fortrolig information. Hvis du ikke er den rette modtager,\n"
        "bedes du slette den og give afsender besked."
    )
    cleaned = clean_reply(f"{PROPOSAL}\n\nMed venlig hilsen\nKim\n\n{disclaimer}")
    assert cleaned.reply == PROPOSAL
    assert cleaned.disclaimer == disclaimer
    assert "fortrolig" not in cleaned.signature


def test_english_disclaimer_is_set_aside() -> None:
    text = f"{PROPOSAL}\n\nIf you are not the intended recipient, please delete this e-mail."
    assert clean_reply(text).disclaimer.startswith("If you are not the intended recipient")


# --- attachment-only and "ingen bemærkninger" replies ----------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "01-borger-videresendt-aabne-data.eml",
        "04-virksomhed-pdf-bilag.eml",
        "06-kommune-docx-bilag.eml",
    ],
)
def test_sample_bodies_that_point_to_an_attachment(name: str) -> None:
    assert clean_reply(body_of(name)).attachment_only


@pytest.mark.parametrize(
    "text",
    [
        "Se vedhæftede.",
        "Vedhæftet fremsendes vores høringssvar.",
        "Hermed vores høringssvar i vedhæftede fil.",
        "Vores bemærkninger følger vedlagt.",
        "Please find attached our comments.",
    ],
)
def test_pointer_phrases(text: str) -> None:
    assert clean_reply(text).attachment_only


def test_question_about_attachments_is_not_attachment_only() -> None:
    # Inbox 12: "må man sende det som en vedhæftet fil?"
    assert not clean_reply(body_of("12-spoergsmaal.eml")).attachment_only


def test_long_reply_mentioning_an_attachment_is_not_attachment_only() -> None:
    text = " ".join([PROPOSAL] * 6) + "\nSe også vedhæftede notat."
    assert not clean_reply(text).attachment_only


@pytest.mark.parametrize(
    "text",
    [
        "Nordby Kommune har ingen bemærkninger til høringen.",
        "Høringen giver ikke anledning til bemærkninger fra Region Sydkyst.",
        "Styrelsen har ikke yderligere bemærkninger.",
        "Ingen bemærkninger.",
        "We have no comments.",
    ],
)
def test_no_comments_replies(text: str) -> None:
    assert clean_reply(
        f"Til Digitaliseringsstyrelsen\n\n{text}\n\nMed venlig hilsen\nKim"
    ).no_comments


def test_closing_formula_after_a_long_reply_is_not_no_comments() -> None:
    text = " ".join([PROPOSAL] * 6) + "\nVi har i øvrigt ingen bemærkninger."
    assert not clean_reply(text).no_comments


def test_substantive_reply_is_neither() -> None:
    cleaned = clean_reply(body_of("07-region-sent-svar.eml"))
    assert not cleaned.attachment_only and not cleaned.no_comments


# --- references and language -----------------------------------------------------------------


def test_respondents_reference_numbers_are_kept() -> None:
    text = (
        "Vedr. jeres j.nr. 2017-1234\n\nVi har ingen bemærkninger.\n\n"
        "Med venlig hilsen\nKim Holm\nVores ref.: 17/01234\nSagsnr. SAG-2017-0042."
    )
    assert clean_reply(text).references == (
        Reference("jeres j.nr.", "2017-1234"),
        Reference("Vores ref.", "17/01234"),
        Reference("Sagsnr.", "SAG-2017-0042"),
    )


def test_reference_needs_a_number() -> None:
    assert find_references("Med reference til jeres brev og sagsnr. følger.") == ()


def test_same_reference_twice_is_kept_once() -> None:
    assert len(find_references("J.nr. 2017-1234 ... j.nr. 2017-1234")) == 1


def test_language_of_the_sample_replies_is_danish() -> None:
    assert clean_reply(body_of("08-forening-gennemsigtighed.eml")).language == "da"


def test_forwarded_mail_content_leaves_out_header_lines_and_signature() -> None:
    # parse.message renders an attached .eml as "Fra:/Dato:/Emne:" lines and its body.
    text = (
        "Fra: Mette Lund <mette.lund@borgernet.example>\nDato: Thu, 27 Jul 2017 20:14:33 +0200\n"
        f"Emne: OGP-høring\n\nHej\n\n{PROPOSAL}\n\nVenlig hilsen\nMette Lund\nSkovvej 12"
    )
    content = forwarded_mail_content(text)
    assert PROPOSAL in content
    assert "Fra:" not in content and "Skovvej" not in content


def test_flag_labels_are_one_danish_word_each_in_a_fixed_order() -> None:
    assert flag_labels(True, True, True) == ("kun bilag", "ingen bemærkninger", "videresendt")
    assert flag_labels(False, False, True) == ("videresendt",)
