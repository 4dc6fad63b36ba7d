"""Respondents read from attached letters and from the reply's lines, where the cases of the
independent tune set showed the reading going wrong: an addressee taken for the sender, a
clause of a sentence or a town taken for a body."""

from __future__ import annotations

from hoering.analysis.respondent import identify_respondent
from hoering.rules.derive import normalize_proposal
from hoering.store import models
from hoering.vocab import RespondentType

BORGER, VIRKSOMHED, ORGANISATION, MYNDIGHED = RespondentType

# A letter laid out as Danish letters are: the sender's letterhead, then the addressee.
LETTER = (
    "GRØNNE BYERS NETVÆRK\nVestergade 12\n8000 Aarhus C\n\n"
    "Digitaliseringsstyrelsen\nLandgreven 4\n1301 København K\n\n"
    "Høringssvar vedr. handlingsplanen\n\nVi foreslår åbne data om byrum.\n\n"
    "Med venlig hilsen\n\nKaren Holt\nSekretariatsleder\nGrønne Byers Netværk"
)


def test_the_addressee_block_of_a_letter_is_not_the_sender() -> None:
    who = identify_respondent("Karen Holt", "kh@gbn.example", attachments=[LETTER])
    assert (who.type, who.organisation) == (ORGANISATION, "Grønne Byers Netværk")


def test_a_line_above_att_names_the_addressee() -> None:
    letter = "Digitaliseringsstyrelsen\nAtt.: OGP-sekretariatet\n\nVi foreslår åbne data."
    who = identify_respondent("Karen Holt", "kh@gmail.com", attachments=[letter])
    assert (who.type, who.organisation) == (BORGER, "")


def test_bodies_named_in_a_letters_last_lines_without_a_closing_are_not_the_sender() -> None:
    ideas = "".join(f"Idé {n}\nTitel\nPuljerne offentliggøres.\n" for n in range(1, 4))
    letter = f"{ideas}Hvem\nSocialstyrelsen, Slots- og Kulturstyrelsen"
    who = identify_respondent("Karen Holt", "kh@gmail.com", attachments=[letter])
    assert (who.type, who.organisation) == (BORGER, "")


def test_derivation_reads_the_attached_letter() -> None:
    proposal = models.Proposal(
        sender_name="Karen Holt", sender_email="kh@gbn.example", body_text="Se vedhæftede."
    )
    proposal.attachments = [models.Attachment(text=LETTER, detected_type="docx")]
    normalize_proposal(proposal)
    assert (proposal.respondent_type, proposal.respondent_organisation) == (
        ORGANISATION,
        "Grønne Byers Netværk",
    )


def test_a_clause_naming_a_municipality_is_not_a_letterhead() -> None:
    text = "Jeg bor i Aarhus Kommune, og jeg foreslår åbne referater."
    who = identify_respondent("Ib Lund", "ib@firma.example", "Hilsen\nIb Lund", text=text)
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_former_title_above_a_town_names_no_employer() -> None:
    signature = "Venlig hilsen\nIb Lund\nPensioneret skoleleder\nHolstebro"
    who = identify_respondent("Ib Lund", "ib@lund.example", signature)
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_town_under_a_title_is_not_an_employer() -> None:
    signature = "Venlig hilsen\nIb Lund\nSkoleleder\nHolstebro"
    who = identify_respondent("Ib Lund", "ib@lund.example", signature)
    assert (who.type, who.organisation) == (BORGER, "")


def test_an_unknown_employer_under_a_title_from_webmail_stays_a_person() -> None:
    signature = "Venlig hilsen\nIb Lund\nProjektleder\nByLab Odense"
    who = identify_respondent("Ib Lund", "iblund@gmail.com", signature)
    assert (who.type, who.organisation) == (BORGER, "")


def test_title_comma_organisation_names_the_employer() -> None:
    signature = "Mvh\nSøren Kjær\nFormand, Open Knowledge Danmark"
    who = identify_respondent("Søren Kjær", "sk@okfn.example", signature)
    assert (who.type, who.organisation) == (ORGANISATION, "Open Knowledge Danmark")


def test_a_title_word_inside_a_name_does_not_hide_the_employer() -> None:
    signature = (
        "Kind regards,\nLaura White\nProgramme Manager, Europe\nOpen Contracting Partnership"
    )
    who = identify_respondent("Laura White", "lw@ocp.example", signature)
    assert who.organisation == "Open Contracting Partnership"


def test_writers_who_say_they_are_a_company_are_named_by_their_domain() -> None:
    text = "Vi er et mindre softwarefirma i Odense og bruger offentlige data."
    who = identify_respondent("Mikkel Jessen", "mj@kodekompagniet.example", text=text)
    assert (who.type, who.organisation) == (VIRKSOMHED, "kodekompagniet.example")
    assert who.review


def test_a_citizens_service_passing_on_a_letter_speaks_for_the_citizen() -> None:
    text = "Vi har fået nedenstående henvendelse fra en borger, som bad os sende den videre."
    signature = "Venlig hilsen\nCamilla Brix\nBorgerservice, Nordby Kommune"
    who = identify_respondent("Borgerservice", "borgerservice@nordby.example", signature, text=text)
    assert (who.type, who.organisation) == (BORGER, "")


def test_som_borger_in_an_organisations_prose_is_no_private_statement() -> None:
    text = "Det skal være let som borger at finde kommunens data."
    who = identify_respondent("Karsten Holm", "khv@kl.dk", "Hilsen\nKarsten Holm", text=text)
    assert (who.type, who.organisation) == (ORGANISATION, "KL")


def test_a_short_form_in_brackets_is_not_part_of_the_name() -> None:
    signature = "Med venlig hilsen\nLis Krog\nGrundejerforeningen Møllevænget (GFM)"
    who = identify_respondent("Lis Krog", "lk@gfm.example", signature)
    assert who.organisation == "Grundejerforeningen Møllevænget"
