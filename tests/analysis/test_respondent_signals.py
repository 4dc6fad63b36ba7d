"""Who speaks, read from the signals Danish replies carry beyond a plain signature: a board
member's title, a title before "for"/"i", "på vegne af bestyrelsen i", the subject, a
forwarded mail's author, a person's own words, a citizen passed on by a library or a
citizens' service, and the registry's public bodies."""

from __future__ import annotations

import re
import time

import pytest

from hoering.analysis import respondent_words
from hoering.analysis.registry import default_registry
from hoering.analysis.respondent import identify_respondent
from hoering.derived import ReplyInputs
from hoering.rules.reply_derive import derive_reply
from hoering.vocab import RespondentType

BORGER, VIRKSOMHED, ORGANISATION, MYNDIGHED = RespondentType


def read(signature: str = "", email: str = "ib@gmail.com", **kwargs: object) -> tuple:
    who = identify_respondent("Ib Lund", email, signature, **kwargs)  # type: ignore[arg-type]
    return who.type, who.organisation


def test_a_board_members_title_before_a_comma_names_the_association() -> None:
    signature = "Venlig hilsen\nIb Lund\nBestyrelsesmedlem, Open Knowledge Danmark"
    assert read(signature, "ib@okfn.dk") == (ORGANISATION, "Open Knowledge Danmark")


def test_a_title_before_for_names_the_council() -> None:
    signature = "Venlig hilsen\nIb Lund\nFormand for Ældrerådet i Vejle Kommune"
    assert read(signature) == (ORGANISATION, "Ældrerådet i Vejle Kommune")


def test_a_title_before_a_dash_names_the_employer() -> None:
    signature = "Mvh\nIb Lund\nProjektleder – ByLab Nordhavn"
    assert read(signature, "ib@bylab.example") == (ORGANISATION, "ByLab Nordhavn")


def test_the_organisation_above_its_signatory_names_the_body() -> None:
    signature = "Med venlig hilsen\nByLab Nordhavn\nIb Lund\nProjektleder"
    assert read(signature, "ib@bylab.example") == (ORGANISATION, "ByLab Nordhavn")


def test_a_village_council_is_an_association() -> None:
    signature = "Venlig hilsen\nIb Lund\nKasserer\nLandsbyrådet Østerby"
    assert read(signature) == (ORGANISATION, "Landsbyrådet Østerby")


def test_a_town_council_stays_an_authority() -> None:
    signature = "Venlig hilsen\nIb Lund\nByrådet i Nordby Kommune"
    assert read(signature, "ib@nordby.example")[0] == MYNDIGHED


def test_on_behalf_of_the_board_of_a_body_names_the_body() -> None:
    text = "Hermed høringssvar på vegne af bestyrelsen i Foreningen Åbne Data."
    assert read(text=text) == (ORGANISATION, "Foreningen Åbne Data")


def test_the_subject_names_a_known_body() -> None:
    subject = "SV: OGP-høring - høringssvar fra PROSA"
    assert read(email="ib@prosa.example", subject=subject, text="Se vedhæftede.") == (
        ORGANISATION,
        "PROSA",
    )


def test_the_subject_naming_a_person_names_no_organisation() -> None:
    subject = "OGP-høring - høringssvar fra Ib Lund"
    assert read(subject=subject, text="Jeg foreslår åbne data.") == (BORGER, "")


@pytest.mark.parametrize(
    "words",
    [
        "Jeg skriver som almindelig borger og ikke som ansat.",
        "Bemærk at det er mine personlige synspunkter.",
        "Jeg skriver ikke på vegne af KL.",
        "Ib Lund (privatperson)",
        "I write in a personal capacity; these are my own views.",
        "I am writing as a concerned citizen of Denmark.",
        "Jeg er helt almindelig borger i Odense.",
        "Jeg skriver fra min arbejdsmail, men idéerne er vores egne.",
        "Det er vores egne idéer og ikke min arbejdsplads'.",
        "Sent from my work address, but the ideas are ours.",
    ],
)
def test_a_person_saying_they_write_privately_from_a_work_address_is_a_citizen(
    words: str,
) -> None:
    assert read(email="ib@kl.dk", text=words) == (BORGER, "")


@pytest.mark.parametrize(
    "words",
    [
        "En borger har afleveret vedlagte brev i Borgerservice.",
        "Vi sender hermed et forslag på vegne af en ældre borger.",
        "Til orientering videresendes henvendelse fra borger.",
        "Vi har skrevet brevet af på lånerens vegne.",
    ],
)
def test_a_citizen_passed_on_by_an_authority_is_a_citizen(words: str) -> None:
    assert read(email="borgerservice@aarhus.dk", text=words) == (BORGER, "")


def test_a_letters_example_of_a_citizens_request_does_not_make_a_citizen() -> None:
    letter = "Høringssvar\n\nEn borger har skrevet til os om aktindsigt.\n\nVi foreslår mere."
    assert read(email="ib@kl.dk", attachments=[letter]) == (ORGANISATION, "KL")


def test_the_author_of_a_forwarded_mail_speaks_not_the_office_forwarding() -> None:
    body = (
        "Se nedenstående.\n\nVenlig hilsen\nBorgerservice\n\n"
        "---------- Videresendt besked ----------\n"
        "Fra: Grethe Holm <grethe.holm@gmail.com>\nDato: 3. aug. 2017\nEmne: Forslag\n\n"
        "Jeg foreslår, at byrådsmøder bliver filmet.\n\nVenlig hilsen\nGrethe Holm\n"
    )
    inputs = ReplyInputs("Borgerservice", "borgerservice@aarhus.dk", "VS: OGP-høring", body)
    who = derive_reply(inputs).respondent
    assert (who.type, who.organisation, who.name) == (BORGER, "", "Grethe Holm")


def test_a_colleagues_forward_from_the_same_domain_keeps_the_sender() -> None:
    body = (
        "Videresender.\n\n-----Oprindelig meddelelse-----\nFra: Mette Holm <mh@kl.dk>\n"
        "Sendt: 3. august 2017 10:12\nEmne: OGP\n\nKL foreslår åbne data.\n"
    )
    who = derive_reply(ReplyInputs("Jens Dal", "jd@kl.dk", "VS: OGP", body)).respondent
    assert (who.type, who.organisation, who.name) == (ORGANISATION, "KL", "Jens Dal")


@pytest.mark.parametrize(
    ("domain", "name", "type_"),
    [
        ("modst.dk", "Moderniseringsstyrelsen", MYNDIGHED),
        ("oim.dk", "Økonomi- og Indenrigsministeriet", MYNDIGHED),
        ("slks.dk", "Slots- og Kulturstyrelsen", MYNDIGHED),
        ("lo.dk", "LO", ORGANISATION),
        ("ftf.dk", "FTF", ORGANISATION),
        ("prosa.dk", "PROSA", ORGANISATION),
        ("okfn.dk", "Open Knowledge Danmark", ORGANISATION),
        ("via.dk", "VIA University College", MYNDIGHED),
        ("atea.dk", "Atea", VIRKSOMHED),
    ],
)
def test_the_registry_knows_public_bodies_unions_and_companies(
    domain: str, name: str, type_: RespondentType
) -> None:
    body = default_registry().by_domain(domain)
    assert body is not None and (body.name, body.type) == (name, type_)


def test_a_plain_personal_signature_from_webmail_stays_a_citizen() -> None:
    signature = "Venlig hilsen\nIb Lund\nSkovvej 4\n8000 Aarhus C"
    assert read(signature) == (BORGER, "")


def test_a_membership_line_names_no_speaking_organisation() -> None:
    signature = "Venlig hilsen\nIb Lund\nMedlem af Dansk Folkeparti"
    assert read(signature) == (BORGER, "")


def test_a_library_that_forwards_a_letter_passes_on_a_citizen() -> None:
    who = identify_respondent(
        "Hovedbiblioteket",
        "hovedbibliotek@odense.dk",
        "Venlig hilsen\nLise Holm\nBibliotekar",
        text="Vi videresender hermed nedenstående brev, som blev afleveret i udlånet.",
    )
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_library_that_typed_up_a_visitors_letter_passes_on_a_citizen() -> None:
    who = identify_respondent(
        "Hanne Søby",
        "hasoe@nordby.dk",
        "Venlig hilsen\nHanne Søby\nBibliotekar\nBorgerservice og Bibliotek, Nordby Kommune",
        text="Vi har haft besøg af en borger, som ikke selv har e-mail. "
        "Jeg har skrevet forslaget af efter hans håndskrevne brev.",
    )
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_subject_saying_a_citizens_proposal_is_passed_on_makes_a_citizen() -> None:
    who = identify_respondent(
        "Hanne Søby",
        "hasoe@nordby.dk",
        "Venlig hilsen\nHanne Søby\nNordby Kommune",
        text="Hermed et forslag til høringen.",
        subject="VS: OGP-høring – forslag fra borger",
    )
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_students_university_address_is_the_students_own() -> None:
    for email in ("201507733@post.au.dk", "s123456@student.dtu.dk", "abc123@alumni.ku.dk"):
        who = identify_respondent("Frida Nissen", email, "Mvh\nFrida Nissen", text="Hej")
        assert (who.type, who.organisation, who.rule_id) == (BORGER, "", "student-domain")


def test_a_students_signature_does_not_make_the_university_speak() -> None:
    signature = "Mvh\nFrida Nissen\nstud.scient.pol., Aarhus Universitet"
    assert read(signature, "frida@gmail.com") == (BORGER, "")


def test_a_lecturers_signature_still_names_the_university() -> None:
    signature = "Mvh\nFrida Nissen\nLektor, Aarhus Universitet"
    assert read(signature, "fn@au.dk")[1] == "Aarhus Universitet"


def test_a_municipal_council_writing_from_the_municipalitys_address_speaks_for_itself() -> None:
    who = identify_respondent(
        "Jette Hvid",
        "jette.hvid@svendborg.dk",
        "Venlig hilsen\nJette Hvid\nSekretær for Ældrerådet\nSvendborg Kommune",
        text="På vegne af Ældrerådet i Svendborg Kommune fremsendes rådets høringssvar.",
    )
    assert (who.type, who.organisation) == (ORGANISATION, "Ældrerådet i Svendborg Kommune")


def test_the_municipality_spelled_out_from_its_own_address_stays_the_municipality() -> None:
    who = identify_respondent(
        "Jette Hvid",
        "jette.hvid@svendborg.dk",
        "Venlig hilsen\nJette Hvid",
        text="På vegne af Svendborg Kommune fremsendes kommunens høringssvar.",
    )
    assert (who.type, who.organisation) == (MYNDIGHED, "Svendborg Kommune")


def test_a_cover_note_sending_an_associations_letter_names_the_association() -> None:
    text = "Hermed brev fra Ry Lokalhistoriske Forening. Det er scannet."
    assert read(text=text) == (ORGANISATION, "Ry Lokalhistoriske Forening")


def test_a_citizen_mentioning_a_letter_from_a_body_stays_a_citizen() -> None:
    text = "Hej\n\nJeg har læst et brev fra KL om sagen, og jeg synes, det er for lidt."
    assert read(text=text) == (BORGER, "")


def test_a_library_association_replying_for_itself_is_an_organisation() -> None:
    who = identify_respondent(
        "Lise Holm",
        "lh@db.dk",
        "Venlig hilsen\nLise Holm\nDanmarks Biblioteksforening",
        text="Vi foreslår, at bibliotekerne får en rolle i borgerinddragelsen.",
    )
    assert (who.type, who.organisation) == (ORGANISATION, "Danmarks Biblioteksforening")


def test_a_short_form_in_brackets_after_a_name_names_the_body() -> None:
    who = identify_respondent("Jakob Thorsen (DI)", "jt@gmail.com")
    assert (who.type, who.organisation) == (ORGANISATION, "Dansk Industri")


def test_a_name_marked_privat_on_its_own_line_is_a_citizen() -> None:
    assert read("Venlig hilsen\nIb Lund (privat)", "ib@kl.dk") == (BORGER, "")


def test_a_private_phone_number_in_an_office_signature_is_no_private_statement() -> None:
    signature = "Venlig hilsen\nIb Lund\nChefkonsulent\nKL\nTlf. (privat) 12 34 56 78"
    assert read(signature, "ib@kl.dk") == (ORGANISATION, "KL")


def test_an_associations_chair_writing_from_webmail_speaks_for_it() -> None:
    signature = "Venlig hilsen\nIb Lund\nFormand\nGrønne Naboer Vesterbro"
    assert read(signature) == (ORGANISATION, "Grønne Naboer Vesterbro")


def test_a_citizen_citing_another_bodys_comments_deep_in_a_letter_stays_a_citizen() -> None:
    text = "\n\n".join(
        [*(f"Afsnit {n} om åbenhed i forvaltningen." for n in range(1, 12)),
         "Jeg er enig i bemærkninger fra KL om aktindsigt."]
    )  # fmt: skip
    assert read(text=text) == (BORGER, "")


def test_input_from_a_body_counts_in_the_subject_not_in_running_text() -> None:
    text = "Jeg har læst bidrag fra KL, og jeg foreslår åbne referater."
    assert read(text=text) == (BORGER, "")
    assert read(subject="OGP-høring - input fra KL", text="Se vedhæftede.") == (
        ORGANISATION,
        "KL",
    )


@pytest.mark.parametrize(
    "line",
    [
        "Borger i Holbæk Kommune",
        "Bosiddende i Region Sjælland",
        "Medlem af Dansk Handicap Forbund",
        "Studerende ved Aarhus Universitet",
    ],
)
def test_where_a_person_lives_or_belongs_names_no_speaking_body(line: str) -> None:
    assert read(f"Venlig hilsen\nIb Lund\n{line}") == (BORGER, "")


def test_an_authority_at_the_head_of_a_private_persons_letter_is_its_addressee() -> None:
    letter = "Digitaliseringsstyrelsen\nLandgreven 4\n1301 København K\n\nJeg foreslår åbne data."
    assert read("Venlig hilsen\nIb Lund", attachments=[letter]) == (BORGER, "")


def test_an_authoritys_own_letterhead_from_its_own_domain_names_it() -> None:
    letter = "Slots- og Kulturstyrelsen\nH.C. Andersens Boulevard 2\n\nVi foreslår åbne data."
    assert read(email="ib@slks.dk", attachments=[letter]) == (
        MYNDIGHED,
        "Slots- og Kulturstyrelsen",
    )


def test_a_heading_naming_the_recipient_names_no_sender() -> None:
    text = "Forslag til Digitaliseringsstyrelsen\n\nJeg foreslår åbne data."
    assert read(text=text) == (BORGER, "")


def test_on_behalf_of_the_board_of_an_international_ngo_names_it() -> None:
    text = "Submitted on behalf of the board of Open Procurement Watch."
    assert read(email="hs@opw.example", text=text) == (ORGANISATION, "Open Procurement Watch")


def test_a_subject_from_a_person_tied_to_a_municipality_names_no_authority() -> None:
    subject = "Høringssvar fra Borger i Aarhus Kommune"
    assert read(subject=subject, text="Jeg foreslår åbne referater.") == (BORGER, "")


@pytest.mark.parametrize(
    "pattern",
    [
        value
        for name, value in vars(respondent_words).items()
        if name.isupper() and isinstance(value, re.Pattern)
    ],
    ids=lambda pattern: pattern.pattern[:24],
)
@pytest.mark.parametrize("letter", ["a", "A", "1", " "])
def test_no_reading_word_list_is_quadratic_in_a_long_run(pattern: re.Pattern, letter: str) -> None:
    # A hang guard, as in test_hostile_text: quadratic takes seconds, linear milliseconds.
    started = time.process_time()
    pattern.search(letter * 100_000)
    assert time.process_time() - started < 2


def test_a_long_run_in_a_letter_subject_and_forward_is_read_in_bounded_time() -> None:
    long = "a" * 200_000
    body = f"Se nedenstående.\n\n-----Oprindelig meddelelse-----\nFra: {long}\n\n{long}\n"
    started = time.process_time()
    forwarded = derive_reply(ReplyInputs("Ib Lund", "ib@gmail.com", long, body)).respondent
    lettered = identify_respondent("Ib Lund", "ib@gmail.com", long, text=long, attachments=[long])
    assert time.process_time() - started < 10
    assert (forwarded.type, lettered.type) == (BORGER, BORGER)


def test_a_signature_line_that_spells_the_senders_domain_names_the_company() -> None:
    signature = "Venlig hilsen\nIb Lund\nNordlys Analyse\nwww.nordlysanalyse.dk"
    who = identify_respondent("Ib Lund", "ib@nordlysanalyse.dk", signature)
    assert (who.type, who.organisation, who.rule_id) == (
        VIRKSOMHED,
        "Nordlys Analyse",
        "domain-name-line",
    )
    assert who.review  # read from the domain alone: a reviewer should look


def test_a_persons_own_name_in_their_family_domain_names_no_body() -> None:
    who = identify_respondent("Jens Aagaard", "jens@aagaard.dk", "Hilsen\nJens Aagaard\nAagaard")
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_tenants_board_is_an_association_not_an_agency() -> None:
    # "-bestyrelsen" ends in "styrelsen" as the agencies' names do ("Digitaliseringsstyrelsen").
    signature = "Venlig hilsen\nIb Lund\nAfdelingsbestyrelsen, Vestparken"
    assert read(signature, "bestyrelsen@vestparken.example")[0] == ORGANISATION


def test_a_members_association_named_a_council_is_no_authority() -> None:
    # The registry's public bodies hold no association that only sounds like a council.
    letter = "Vi foreslår åbne data.\n\nPå vegne af Rådet for Digital Sikkerhed\n\nIb Lund"
    found = read("Venlig hilsen\nSekretariatet", "post@sikkerhed.example", attachments=[letter])
    assert found == (ORGANISATION, "Rådet for Digital Sikkerhed")
