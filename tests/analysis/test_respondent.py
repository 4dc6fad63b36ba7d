"""identify_respondent: name, organisation and respondent type, with the rule that fired."""

from __future__ import annotations

import email
import email.policy

import pytest

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.registry import (
    RegistryError,
    default_registry,
    load_registry,
    registry_from_mapping,
)
from hoering.analysis.respondent import (
    DEFAULT_DOMAINS,
    Domains,
    identify_respondent,
    signature_name,
)
from hoering.parse.message import parse_message
from hoering.vocab import RespondentType
from tests.kit.paths import ROOT
from tests.kit.paths import SAMPLE_INBOX as INBOX

BORGER, VIRKSOMHED, ORGANISATION, MYNDIGHED = RespondentType


def respondent_of(name: str):
    message = parse_message((INBOX / name).read_bytes())
    signature = clean_reply(message.body_text).signature
    return identify_respondent(message.sender_name, message.sender_email, signature)


@pytest.mark.parametrize(
    ("name", "type_", "organisation"),
    [
        ("01-borger-videresendt-aabne-data.eml", BORGER, ""),
        ("02-borger-svar-citat-cpr.eml", BORGER, ""),
        ("03-forening-dfdd-html.eml", ORGANISATION, "Dansk Forening for Digital Demokrati"),
        ("04-virksomhed-pdf-bilag.eml", VIRKSOMHED, "Dataklar ApS"),
        ("05-virksomhed-windows1252.eml", VIRKSOMHED, "Nordlys Software A/S"),
        ("06-kommune-docx-bilag.eml", MYNDIGHED, "Nordby Kommune"),
        ("07-region-sent-svar.eml", MYNDIGHED, "Region Sydkyst"),
        ("08-forening-gennemsigtighed.eml", ORGANISATION, "Foreningen Gennemsigtighed Nu"),
        ("10-borger-kampagne-a.eml", BORGER, ""),
        ("11-borger-kampagne-b.eml", BORGER, ""),
    ],
)
def test_sample_inbox_respondents(name: str, type_: str, organisation: str) -> None:
    respondent = respondent_of(name)
    assert (respondent.type, respondent.organisation) == (type_, organisation)


def test_rule_that_fired_is_shown_in_danish() -> None:
    respondent = respondent_of("04-virksomhed-pdf-bilag.eml")
    assert respondent.rule == 'signatur indeholder "ApS"'
    assert respondent.rule_id == "company-form"


def test_organisation_as_display_name_takes_the_person_from_the_signature() -> None:
    # Inbox 08: From "Foreningen Gennemsigtighed Nu", signed "Jens Kofoed".
    respondent = respondent_of("08-forening-gennemsigtighed.eml")
    assert respondent.name == "Jens Kofoed"
    assert respondent.email == "kontakt@gennemsigtighednu.example"


def test_outlook_last_comma_first_display_name_is_turned_round() -> None:
    # Outlook in companies shows "Bech, Jonas" (inbox 04).
    assert respondent_of("04-virksomhed-pdf-bilag.eml").name == "Jonas Bech"


def test_role_mailbox_with_comma_is_not_turned_round() -> None:
    respondent = identify_respondent("Borgerservice, Nordby Kommune", "bs@nordby.dk")
    assert respondent.name == "Borgerservice, Nordby Kommune"
    assert respondent.type == MYNDIGHED


def test_email_is_lower_cased() -> None:
    assert identify_respondent("", "Mette.Lund@Gmail.COM").email == "mette.lund@gmail.com"


# --- the rules, one by one ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "type_", "rule_id"),
    [
        ("Med venlig hilsen\nKim Holm\nNordby Kommune", MYNDIGHED, "public-municipality"),
        ("Mvh\nKim Holm\nRegion Sydkyst, Center for IT", MYNDIGHED, "public-region"),
        ("Venlig hilsen\nKim Holm\nVejministeriet", MYNDIGHED, "public-ministry"),
        ("Venlig hilsen\nKim Holm\nKystbeskyttelsesstyrelsen", MYNDIGHED, "public-agency"),
        ("Venlig hilsen\nKim Holm\nFyrtilsynet", MYNDIGHED, "public-institution"),
        ("Venlig hilsen\nKim Holm\nHolm Rådgivning IVS", VIRKSOMHED, "company-form"),
        ("Venlig hilsen\nKim Holm\nHolm & Søn I/S", VIRKSOMHED, "company-form"),
        ("Venlig hilsen\nKim Holm\nAdvokatfirmaet Holm P/S", VIRKSOMHED, "company-form"),
        ("Venlig hilsen\nKim Holm\nDansk Vejforening", ORGANISATION, "association"),
        ("Venlig hilsen\nKim Holm\nDet Digitale Fonden", ORGANISATION, "association"),
        ("Venlig hilsen\nKim Holm\nDansk Skribentforbund", ORGANISATION, "association"),
        ("Venlig hilsen\nKim Holm\nHolm Rådgivning\nCVR-nr. 12345678", VIRKSOMHED, "cvr-number"),
    ],
)
def test_signature_rules(signature: str, type_: str, rule_id: str) -> None:
    respondent = identify_respondent("Kim Holm", "kim@holm.example", signature)
    assert (respondent.type, respondent.rule_id) == (type_, rule_id)


def test_board_of_an_association_is_not_an_agency() -> None:
    # "bestyrelsen" ends in "styrelsen" but is an association's board.
    signature = "Venlig hilsen\nKim Holm\nFormand for bestyrelsen, Grundejerforeningen Lyngen"
    assert identify_respondent("Kim Holm", "kim@lyngen.example", signature).type == ORGANISATION


def test_municipality_with_cvr_number_is_still_an_authority() -> None:
    signature = "Venlig hilsen\nKim Holm\nNordby Kommune\nCVR 29189919"
    respondent = identify_respondent("Kim Holm", "kh@nordby.dk", signature)
    assert respondent.rule_id == "public-municipality"


def test_association_with_cvr_number_is_still_an_organisation() -> None:
    signature = "Venlig hilsen\nKim Holm\nForeningen Åbenhed\nCVR 12345678"
    assert identify_respondent("Kim", "k@aabenhed.example", signature).type == ORGANISATION


def test_company_form_in_display_name() -> None:
    respondent = identify_respondent("Dataklar ApS", "info@dataklar.example")
    assert respondent.rule == 'afsendernavn indeholder "ApS"'
    assert respondent.organisation == "Dataklar ApS"


def test_known_public_domain() -> None:
    respondent = identify_respondent("Kim Holm", "kh@digst.dk")
    assert respondent.type == MYNDIGHED
    assert respondent.organisation == "Digitaliseringsstyrelsen"
    assert respondent.rule == "domænet digst.dk tilhører Digitaliseringsstyrelsen"


def test_subdomain_of_a_public_domain() -> None:
    assert identify_respondent("", "kh@sikkermail.kk.dk").organisation == "Københavns Kommune"


def test_domain_naming_a_municipality() -> None:
    respondent = identify_respondent("Kim Holm", "kh@nordbykommune.dk")
    assert (respondent.type, respondent.rule_id) == (MYNDIGHED, "public-domain-name")


def test_regional_newspaper_domain_is_not_a_region() -> None:
    assert identify_respondent("Kim Holm", "kh@regionalavisen.example").type == BORGER


@pytest.mark.parametrize(
    "domain", ["gmail.com", "hotmail.dk", "outlook.com", "yahoo.dk", "mail.dk", "jubii.dk"]
)
def test_webmail_domain_is_a_citizen(domain: str) -> None:
    respondent = identify_respondent("Kim Holm", f"kim@{domain}")
    assert (respondent.type, respondent.rule) == (BORGER, f"domænet {domain} er en webmail")


def test_webmail_user_signing_for_a_company_is_a_company() -> None:
    signature = "Mvh\nKim Holm\nHolm Byg ApS"
    assert identify_respondent("Kim Holm", "holmbyg@gmail.com", signature).type == VIRKSOMHED


def test_webmail_user_with_cvr_has_no_domain_as_organisation() -> None:
    respondent = identify_respondent("Kim", "holmbyg@gmail.com", "Mvh\nKim\nCVR 12345678")
    assert (respondent.type, respondent.organisation) == (VIRKSOMHED, "")


def test_nothing_fires_gives_an_assumed_citizen() -> None:
    respondent = identify_respondent("Bo Andersen", "bo.andersen@eksempel.dk", "Mvh\nBo")
    assert respondent.type == BORGER
    assert respondent.rule == "ingen regel ramte; privatperson antaget"


def test_extra_public_domain_from_configuration() -> None:
    domains = Domains(
        {**DEFAULT_DOMAINS.public, "nordby.dk": "Nordby Kommune"}, DEFAULT_DOMAINS.webmail
    )
    respondent = identify_respondent("Peter Vinther", "pvi@nordby.dk", domains=domains)
    assert respondent.organisation == "Nordby Kommune"


def test_signature_name_skips_titles_and_addresses() -> None:
    signature = "Med venlig hilsen\n\nDirektør\nNørregade 7, 9999 Nordby\nJonas Bech\nDataklar ApS"
    assert signature_name(signature) == "Jonas Bech"


def test_association_named_after_a_municipality_is_an_organisation() -> None:
    # Sample inbox reply 12: "Foreningen Åben Kommune", from formand@aabenkommune.example.
    signature = "Venlig hilsen\nLone Kristiansen\nForeningen Åben Kommune"
    respondent = identify_respondent("Lone Kristiansen", "formand@aabenkommune.example", signature)
    assert (respondent.type, respondent.organisation) == (ORGANISATION, "Foreningen Åben Kommune")


def test_municipality_with_an_association_elsewhere_in_the_signature_stays_public() -> None:
    signature = "Med venlig hilsen\nKim Holm\nNordby Kommune, Kultur og Fritid"
    assert identify_respondent("Kim Holm", "kh@nordby.dk", signature).type == MYNDIGHED


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Hermed høringssvar fra Grethe Villadsen, som har bedt biblioteket om at sende det.",
            "høringssvar fra Grethe Villadsen",
        ),
        ("Vedhæftet brev fra borger Grethe Villadsen.", "brev fra borger Grethe Villadsen"),
    ],
)
def test_library_sending_on_a_citizens_letter_makes_the_citizen_the_respondent(
    text: str, phrase: str
) -> None:
    respondent = identify_respondent(
        "Nordby Bibliotek", "bibliotek@nordby.dk", "Venlig hilsen\nNordby Bibliotek", text=text
    )
    assert (respondent.name, respondent.type, respondent.organisation) == (
        "Grethe Villadsen",
        BORGER,
        "",
    )
    assert respondent.rule == f'teksten siger "{phrase}" (sendt af Nordby Bibliotek)'


@pytest.mark.parametrize(
    "text",
    [
        "Hermed bidrag fra Nordlys Software A/S.",  # a company, not a person
        "Hermed høringssvar fra Region Sydkyst.",
        "Hermed høringssvar fra Kim Holm.",  # the sender's own name
    ],
)
def test_reply_naming_an_organisation_or_the_sender_is_not_sent_on_behalf(text: str) -> None:
    respondent = identify_respondent("Kim Holm", "kh@holm.example", text=text)
    assert respondent.rule_id != "sent-on-behalf"


# The organisation registry and the text's own words (issue 18). Invented replies.
def test_a_title_comma_registry_name_in_the_signature_is_that_body() -> None:
    signature = "Med venlig hilsen\nSofie Lund\nSeniorkonsulent, Dansk Erhverv"
    who = identify_respondent("Sofie Lund", "sl@example.dk", signature)
    assert (who.type, who.organisation, who.name) == (
        ORGANISATION,
        "Dansk Erhverv",
        "Sofie Lund",
    )
    assert who.rule_id == "registry-name"


def test_a_short_form_on_its_own_line_names_the_body() -> None:
    who = identify_respondent("Ole Berg", "ob@example.dk", "Venlig hilsen\nOle Berg\nKL")
    assert (who.type, who.organisation) == (ORGANISATION, "KL")


def test_a_short_form_inside_a_sentence_is_not_the_sender() -> None:
    text = "Jeg synes KL bør lytte mere til borgerne."
    who = identify_respondent("Ole Berg", "ob@gmail.com", "Hilsen\nOle Berg", text=text)
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_registry_domain_without_a_name_in_the_text_is_the_body_with_its_contact() -> None:
    who = identify_respondent("Mette Hald", "mh@kl.dk", "Venlig hilsen\nMette Hald")
    assert (who.type, who.organisation, who.name) == (ORGANISATION, "KL", "Mette Hald")
    assert who.rule_id == "registry-domain"


def test_a_registry_subdomain_is_the_body() -> None:
    assert identify_respondent("", "a@post.taenk.dk").organisation == "Forbrugerrådet Tænk"


def test_som_privatperson_makes_a_person_even_from_a_registry_domain() -> None:
    text = "Jeg skriver som privatperson og ikke på vegne af min arbejdsplads."
    who = identify_respondent("Mette Hald", "mh@kl.dk", "Hilsen\nMette Hald", text=text)
    assert (who.type, who.organisation, who.rule_id) == (BORGER, "", "private-statement")


def test_pa_vegne_af_a_known_body_names_it() -> None:
    text = "På vegne af Danske Handicaporganisationer fremsendes hermed vores bemærkninger."
    who = identify_respondent("Lis Krog", "lk@example.dk", text=text)
    assert (who.type, who.organisation, who.rule_id) == (
        ORGANISATION,
        "Danske Handicaporganisationer",
        "on-behalf-org",
    )


def test_horingssvar_fra_a_body_ends_at_its_name() -> None:
    text = "Høringssvar fra Nyborg Kommune vedr. handlingsplanen"
    who = identify_respondent("Lis Krog", "lk@example.dk", text=text)
    assert (who.type, who.organisation) == (MYNDIGHED, "Nyborg Kommune")


def test_horingssvar_fra_a_two_word_registry_name_is_not_a_citizen() -> None:
    text = "Vedhæftet høringssvar fra HK Stat."
    who = identify_respondent("Lis Krog", "lk@example.dk", text=text)
    assert (who.type, who.organisation) == (ORGANISATION, "HK Stat")


def test_a_letterhead_of_an_attached_letter_names_the_body() -> None:
    letter = "Forbrugerrådet Tænk\nNørregade 7\n1165 København K\n\nHøringssvar\n..."
    who = identify_respondent("Lis Krog", "lk@example.dk", attachments=[letter])
    assert (who.organisation, who.type) == ("Forbrugerrådet Tænk", ORGANISATION)


def test_a_line_addressing_the_recipient_is_not_the_sender() -> None:
    text = "Til Digitaliseringsstyrelsen\n\nJeg foreslår åbne data om busser."
    who = identify_respondent("Lis Krog", "lk@gmail.com", "Hilsen\nLis Krog", text=text)
    assert (who.type, who.organisation) == (BORGER, "")


def test_an_unknown_employer_under_a_job_title_is_read_and_flagged() -> None:
    signature = "Venlig hilsen\nAnders Vinther\nProjektleder\nByLab Odense"
    who = identify_respondent("Anders Vinther", "av@bylab.example", signature)
    assert (who.type, who.organisation) == (ORGANISATION, "ByLab Odense")
    assert who.review


def test_an_unknown_employer_with_a_company_word_is_a_company() -> None:
    signature = "Venlig hilsen\nAnders Vinther\nPartner\nVinther & Holm Rådgivning"
    who = identify_respondent("Anders Vinther", "av@vh.example", signature)
    assert (who.type, who.organisation) == (VIRKSOMHED, "Vinther & Holm Rådgivning")


def test_a_work_address_outside_the_registry_stays_a_person_for_review() -> None:
    who = identify_respondent("Anders Vinther", "av@bylab.example", "Hilsen\nAnders Vinther")
    assert (who.type, who.organisation) == (BORGER, "")
    assert "bylab.example" in who.review


def test_a_webmail_person_needs_no_review() -> None:
    assert identify_respondent("Lis Krog", "lk@gmail.com").review == ""


def test_a_library_passing_on_a_citizens_letter_is_not_the_respondent() -> None:
    text = "En af vores lånere har bedt os om at sende brevet videre."
    who = identify_respondent("Bo Bibliotekar", "bo@nyborg.dk", text=text)
    assert (who.type, who.organisation) == (BORGER, "")


def test_a_municipal_advisory_council_is_an_organisation() -> None:
    signature = "Venlig hilsen\nEva Juhl\nFormand, Ældrerådet i Nordby Kommune"
    who = identify_respondent("Eva Juhl", "ej@example.dk", signature)
    assert (who.type, who.organisation) == (ORGANISATION, "Ældrerådet i Nordby Kommune")


def test_a_configured_registry_adds_a_body(tmp_path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('virksomhed = [{ name = "Nordlys Data", domains = ["nordlys.example"] }]')
    registry = default_registry().extended(load_registry(extra))
    who = identify_respondent("Kim Holm", "kh@nordlys.example", registry=registry)
    assert (who.type, who.organisation) == (VIRKSOMHED, "Nordlys Data")


def test_every_kommune_is_in_the_registry() -> None:
    kommuner = [body for body in default_registry().bodies if body.name.endswith("kommune")]
    kommuner += [body for body in default_registry().bodies if body.name.endswith(" Kommune")]
    assert len(kommuner) == 98 and all(body.domains for body in kommuner)


def test_a_registry_file_with_an_unknown_table_is_refused() -> None:
    with pytest.raises(RegistryError):
        registry_from_mapping({"firma": []})


def test_views_of_my_own_from_a_registry_domain_make_a_person() -> None:
    text = "Jeg arbejder i en kommune, men det er mine egne synspunkter."
    who = identify_respondent("Mette Hald", "mh@kl.dk", "Hilsen\nMette Hald\nKL", text=text)
    assert (who.type, who.organisation) == (BORGER, "")


PRIVACY_SET_C08 = ROOT / "bench" / "sets" / "privacy" / "mails" / "c08.eml"


def test_running_text_at_the_top_is_no_letterhead() -> None:
    # c08 of the privacy set: "..., men det er op til den enkelte kommune, ..." in the first
    # lines named a municipality as the writer of a citizen's letter.
    mail = email.message_from_bytes(PRIVACY_SET_C08.read_bytes(), policy=email.policy.default)
    cleaned = clean_reply(mail.get_body(preferencelist=("plain",)).get_content())
    respondent = identify_respondent(
        "Niels Aagesen", "niels@aagesen.dk", cleaned.signature, text=cleaned.reply
    )
    assert (respondent.type, respondent.organisation) == ("borger", "")


def test_an_office_sending_a_letter_on_speaks_for_nobody() -> None:
    text = "Borgeren ønsker, at den indgår i jeres høring, så vi sender den videre."
    signature = "Borgerservice Aarhus\nAarhus Kommune"
    respondent = identify_respondent("Borgerservice Aarhus", "bs@aarhus.dk", signature, text=text)
    assert respondent.type == "borger"
