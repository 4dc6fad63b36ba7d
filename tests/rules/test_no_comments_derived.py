"""Whether a reply has nothing to add is a derived field, judged once when the reply is
derived (analysis/no_comments.py) and stored as the flag "ingen bemærkninger" that the
notat, the exports and the desk read. Real mails, with a Word letter where one is attached,
parsed and derived as import does."""

from __future__ import annotations

from hoering.derived import AttachmentText, ReplyInputs
from hoering.parse.message import parse_message
from hoering.rules.reply_derive import derive_reply
from tests.kit.initiative_docs import to_docx
from tests.kit.mails import make_mail

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def no_comments(body: str, attachments: list[tuple[str, str, bytes]] = ()) -> bool:
    msg = parse_message(make_mail(body=body, attachments=attachments))
    inputs = ReplyInputs(
        msg.sender_name,
        msg.sender_email,
        msg.subject,
        msg.body_text,
        tuple(AttachmentText(a.filename, a.detected_type, a.text) for a in msg.attachments),
    )
    return derive_reply(inputs).no_comments


def test_a_short_mail_saying_so_has_no_comments() -> None:
    assert no_comments("Kære Digitaliseringsstyrelse\n\nKL har ingen bemærkninger.\n\nMvh Ib\n")


def test_a_cover_notes_letter_without_comments_has_no_comments() -> None:
    # An authority's cover note with its letter: the letterhead, then a subordinate clause
    # ("at styrelsen ikke har bemærkninger") the short mail's reading does not see.
    letter = to_docx(
        [
            ("p", "Erhvervsstyrelsen"),
            ("p", "Langelinie Allé 17"),
            ("p", "Høringssvar vedr. Danmarks OGP-handlingsplan 2017-2019"),
            (
                "p",
                "Erhvervsstyrelsen har modtaget Digitaliseringsstyrelsens høring af 22. juni "
                "2017 og skal hermed meddele, at styrelsen ikke har bemærkninger til høringen.",
            ),
            ("p", "Med venlig hilsen"),
            ("p", "Karina Holt"),
        ]
    )
    body = "Vedlagt Erhvervsstyrelsens svar på høringen.\n\nMvh Karina Holt\n"
    assert no_comments(body, [("svar.docx", DOCX, letter)])


def test_an_announced_no_comments_in_a_subordinate_clause_has_no_comments() -> None:
    body = (
        "Til Digitaliseringsstyrelsen\n\nRudersdal Kommune har modtaget høringen om idéer til "
        "Danmarks OGP-handlingsplan 2017-2019 og skal meddele, at kommunen ikke har "
        "bemærkninger.\n\nVores j.nr. 2017-4418\n"
    )
    assert no_comments(body)


def test_a_reply_that_proposes_has_comments() -> None:
    body = "Vi foreslår et lobbyregister for Folketinget. Ellers har vi ingen bemærkninger.\n"
    assert not no_comments(body)


def test_a_reply_with_a_remark_beside_its_no_comments_has_comments() -> None:
    body = (
        "Styrelsen har ikke selvstændige bemærkninger til forslagene.\n\n"
        "Vi savner dog, at høringsfristen ikke ligger midt i sommerferien næste gang.\n\nMvh Ib\n"
    )
    assert not no_comments(body)
