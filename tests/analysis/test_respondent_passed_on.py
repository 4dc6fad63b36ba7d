# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""Who speaks when a mail passes on another's letter: an umbrella body sending a member
organisation's reply "på vegne af vores medlemsorganisation X" speaks for X; a library or
a secretary passing on a citizen's letter speaks for a citizen. A joint reply names every
body that replies. Real mails with a Word letter attached, parsed and derived as import
does."""

from __future__ import annotations

from hoering.derived import AttachmentText, ReplyInputs
from hoering.parse.message import parse_message
from hoering.rules.reply_derive import derive_reply
from hoering.vocab import RespondentType
from tests.kit.initiative_docs import to_docx
from tests.kit.mails import make_mail

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LETTER = to_docx(
    [
        ("p", "Bidrag til OGP-handlingsplanen 2017-2019"),
        ("p", "Vi foreslår, at kommunerne lægger hver skoles budget ud i en forenklet form."),
        ("p", "Med venlig hilsen"),
        ("p", "Peter Dam Nørgaard"),
        ("p", "Sekretariatschef"),
    ]
)


def inputs_of(mail: bytes) -> ReplyInputs:
    msg = parse_message(mail)
    return ReplyInputs(
        msg.sender_name,
        msg.sender_email,
        msg.subject,
        msg.body_text,
        tuple(AttachmentText(a.filename, a.detected_type, a.text) for a in msg.attachments),
    )


def respondent_of(body: str, sender: str) -> tuple[RespondentType, str]:
    mail = make_mail(body=body, sender=sender, attachments=[("bidrag.docx", DOCX, LETTER)])
    who = derive_reply(inputs_of(mail)).respondent
    return who.type, who.organisation


def test_an_umbrella_body_forwarding_a_members_reply_speaks_for_the_member() -> None:
    body = (
        "Kære Digitaliseringsstyrelsen\n\n"
        "Vi videresender hermed vedhæftede høringssvar på vegne af vores medlemsorganisation "
        "Nordisk Skoleskak, som har bedt os om at sende det samlet med øvrige henvendelser.\n\n"
        "Venlig hilsen\n\nSusanne Hald\nSekretær\nSkoleidrættens Samråd\n"
    )
    got = respondent_of(body, "Susanne Hald <sh@skolesamraad.example>")
    assert got == (RespondentType.ORGANISATION, "Nordisk Skoleskak")


def test_a_secretary_asked_to_send_a_persons_letter_still_speaks_for_a_citizen() -> None:
    body = (
        "Kære Digitaliseringsstyrelsen\n\n"
        "Vedhæftede brev er skrevet af en af vores lånere, som har bedt os om at sende det.\n\n"
        "Venlig hilsen\n\nSusanne Hald\nBibliotekar\n"
    )
    assert respondent_of(body, "Susanne Hald <sh@bibliotek.example>") == (
        RespondentType.BORGER,
        "",
    )


def test_a_member_named_after_on_behalf_of_is_no_body() -> None:
    # "medlem" before a name is a person: only the words for a body make the name one.
    body = (
        "Kære Digitaliseringsstyrelsen\n\n"
        "Vi sender hermed et høringssvar på vegne af vores medlem Ib Lund, som har bedt os "
        "om at sende det.\n\nVenlig hilsen\n\nSusanne Hald\n"
    )
    assert respondent_of(body, "Susanne Hald <sh@gmail.com>") == (RespondentType.BORGER, "")


def joint_letter(title: str) -> bytes:
    return to_docx(
        [
            ("title", title),
            ("p", "Vi foreslår, at alle ministerier lægger deres postlister på nettet hver uge."),
            ("p", "Med venlig hilsen"),
            ("p", "Lene Damsgaard"),
        ]
    )


def test_a_joint_reply_names_every_body_that_replies() -> None:
    title = "Fælles høringssvar fra Danske Medier, Dansk Journalistforbund og Foreningen for Undersøgende Journalistik om OGP-handlingsplanen"
    mail = make_mail(
        body="Hermed vores fælles høringssvar.\n\nVenlig hilsen\nLene Damsgaard\n",
        sender="Lene Damsgaard <ld@danskemedier.dk>",
        attachments=[("svar.docx", DOCX, joint_letter(title))],
    )
    who = derive_reply(inputs_of(mail)).respondent
    assert (who.type, who.organisation) == (
        RespondentType.ORGANISATION,
        "Danske Medier, Dansk Journalistforbund og Foreningen for Undersøgende Journalistik",
    )


def test_a_list_that_breaks_off_names_the_first_body_alone() -> None:
    title = "Høringssvar fra KL, som repræsenterer alle 98 kommuner, om OGP-handlingsplanen"
    mail = make_mail(
        body="Hermed KL's høringssvar.\n\nVenlig hilsen\nLene Damsgaard\n",
        sender="Lene Damsgaard <ld@kl.dk>",
        attachments=[("svar.docx", DOCX, joint_letter(title))],
    )
    assert derive_reply(inputs_of(mail)).respondent.organisation == "KL"


def test_an_authority_in_the_signature_of_a_webmail_reply_is_the_writers_workplace() -> None:
    # A ministry's staff answer from its domain; from gmail.com it is a person's job.
    body = (
        "Kære Digitaliseringsstyrelsen\n\nJeg foreslår et offentligt lobbyregister.\n\n"
        "Med venlig hilsen\nOle Berg\ncand.scient.pol.\nFinansministeriet\n"
    )
    mail = make_mail(body=body, sender="Ole Berg <ole.berg@gmail.com>")
    assert derive_reply(inputs_of(mail)).respondent.type == RespondentType.BORGER


def test_a_councils_chair_writing_from_home_still_speaks_for_the_council() -> None:
    body = (
        "Kære Digitaliseringsstyrelsen\n\nRådet foreslår åbne dagsordener for alle udvalg.\n\n"
        "Med venlig hilsen\nOle Berg\nFormand\nÆldrerådet i Vejle Kommune\n"
    )
    mail = make_mail(body=body, sender="Ole Berg <ole.berg@gmail.com>")
    who = derive_reply(inputs_of(mail)).respondent
    assert (who.type, who.organisation) == (
        RespondentType.ORGANISATION,
        "Ældrerådet i Vejle Kommune",
    )
