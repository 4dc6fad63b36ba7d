"""message/partial (RFC 2046 5.2.2): a split mail, joined when every fragment is there."""

from __future__ import annotations

from hoering.parse.message import parse_message
from hoering.parse.partial import fragment, reassemble
from tests.kit.mails import make_mail, split_partial
from tests.kit.paths import CORPUS

BILAG = b"Bilag om lobbyregister\n" * 50
MAIL = make_mail(
    body="Kære Digitaliseringsstyrelsen\n\n" + "Vi foreslår åbne data.\n" * 30 + "Slut.\n",
    attachments=[("bilag.txt", "text/plain", BILAG)],
)


def in_one_message(fragments: list[bytes]) -> bytes:
    """The fragments as the parts of one multipart/mixed mail (a digest of them)."""
    data = (
        b"From: Soren <soren@borgernet.example>\r\nSubject: OGP-h=?utf-8?q?=C3=B8?=ring\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=DEL\r\n\r\n"
    )
    for item in fragments:
        head, _, body = item.partition(b"\r\n\r\n")
        content_type = next(line for line in head.split(b"\r\n") if line.startswith(b"Content-"))
        data += b"--DEL\r\n" + content_type + b"\r\n\r\n" + body + b"\r\n"
    return data + b"--DEL--\r\n"


def test_first_fragment_alone_keeps_what_it_holds() -> None:
    # MimeKit's test fragment: 1 of 3 of a mail with a text part and a JPEG.
    msg = parse_message((CORPUS / "eml" / "mimekit_message-partial.0.eml").read_bytes())
    assert msg.subject == "Photo of a girl with feather earrings"
    assert msg.body_text.startswith("Hey all,\n\nTook the attached photo of a girl on the subway.")
    assert msg.warnings[0] == (
        "message/partial id '6MCVORPHW0U4.BCPTXD0EM9BT3@mit.edu': fragment(s) 2, 3 of 3 missing; "
        "what fragment(s) 1 hold is kept"
    )
    assert [a.path for a in msg.attachments] == ["earrings.jpg"]  # cut short: damaged


def test_later_fragment_alone_is_kept_with_a_warning() -> None:
    msg = parse_message(split_partial(MAIL, 3)[1])
    assert msg.subject == "OGP-høring (del 2 af 3)"
    assert "message/partial id 'split-1@example': fragment(s) 2 of 3 without the first; " in (
        " ".join(msg.warnings)
    )


def test_every_fragment_in_one_message_is_joined() -> None:
    msg = parse_message(in_one_message(split_partial(MAIL, 3)))
    assert [a.path for a in msg.attachments] == [
        "Videresendt besked.eml",
        "Videresendt besked.eml/bilag.txt",
    ]
    joined, bilag = msg.attachments
    assert "Vi foreslår åbne data.\n" * 30 + "Slut." in joined.text
    assert bilag.text == BILAG.decode().strip("\n")
    assert not any("message/partial" in warning for warning in msg.warnings)


def test_gap_in_one_message_joins_up_to_it() -> None:
    first, _second, third = split_partial(MAIL, 3)
    msg = parse_message(in_one_message([first, third]))
    assert msg.attachments[0].path == "Videresendt besked.eml"
    assert "Kære Digitaliseringsstyrelsen" in msg.attachments[0].text
    assert (
        "Videresendt besked.eml: message/partial id 'split-1@example': fragment(s) 2 of 3 "
        "missing; what fragment(s) 1 hold is kept"
    ) in msg.warnings


def test_reassembly_gives_back_the_enclosed_message() -> None:
    pieces = [fragment(item) for item in split_partial(MAIL, 4)]
    whole, warning = reassemble([piece for piece in reversed(pieces) if piece])
    assert warning is None and whole is not None
    joined = parse_message(whole)
    assert (joined.subject, joined.message_id) == (
        "OGP-høring: forslag om åbne data",
        "svar-1@borgernet.example",  # the enclosed message's, not a fragment's
    )
    assert joined.sender_email == "soren@borgernet.example"  # from the first enclosing mail
    assert joined.attachments[0].text == BILAG.decode().strip("\n")
