"""parse_message on realistic Danish replies, each quirk on its own; combined_text."""

from __future__ import annotations

import base64
import email.policy
import hashlib
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import mailparser
import pytest

from hoering.parse.combined import combined_text
from hoering.parse.limits import ExtractLimits
from hoering.parse.message import MAX_DEPTH, UnparseableMessage, parse_message
from hoering.parse.message_read import unindented_words_folded
from hoering.parse.mime_depth import MAX_MIME_DEPTH
from hoering.parse.model import Attachment, ParsedMessage
from tests.kit import hostile
from tests.kit.mails import make_mail
from tests.parse.test_pdf import make_pdf

HEAD = (
    b"From: =?iso-8859-1?Q?S=F8ren_=C6r=F8?= <Soren@Borgernet.Example>\r\n"
    b"To: rumth@digst.dk\r\n"
    b"Date: Thu, 10 Aug 2017 10:15:00 +0200\r\n"
    b"Message-ID: <svar-1@borgernet.example>\r\n"
)


def raw_mail(
    body: bytes, subject: bytes = b"=?utf-8?Q?OGP-h=C3=B8ring?=", head: bytes = HEAD
) -> bytes:
    """Header block plus a body given as raw bytes (MIME headers included in `body`)."""
    return head + b"Subject: " + subject + b"\r\n" + body


def plain_mail(text: str = "Vi foreslår åbne data.", subject: str = "OGP-høring") -> bytes:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = "Søren Ærø <soren@borgernet.example>"
    msg["To"] = "rumth@digst.dk"
    msg["Subject"] = subject
    msg["Date"] = "Thu, 10 Aug 2017 10:15:00 +0200"
    msg["Message-ID"] = "<svar-1@borgernet.example>"
    msg.set_content(text)
    return msg.as_bytes()


def with_headers(part: Message, subject: str = "OGP-høring") -> bytes:
    part["From"] = "Søren Ærø <soren@borgernet.example>"
    part["Subject"] = subject
    part["Date"] = "Thu, 10 Aug 2017 10:15:00 +0200"
    return part.as_bytes()


def forwarded_mail(inner: Message, outer_text: str = "Se nedenstående.") -> bytes:
    outer = MIMEMultipart("mixed")
    outer.attach(MIMEText(outer_text, "plain", "utf-8"))
    forward = MIMEMessage(inner)
    forward["Content-Disposition"] = "attachment"
    outer.attach(forward)
    return with_headers(outer, "VS: OGP-høring")


def inner_reply(with_pdf: bytes | None = None) -> MIMEMultipart:
    inner = MIMEMultipart("mixed")
    inner["From"] = "Mette Lund <mette@borgernet.example>"
    inner["Subject"] = "OGP-høring: åbne data"
    inner["Date"] = "Wed, 09 Aug 2017 09:00:00 +0200"
    inner.attach(MIMEText("Jeg støtter åbne data.", "plain", "utf-8"))
    if with_pdf is not None:
        inner.attach(attachment_part(with_pdf, "application", "pdf", "bilag.pdf"))
    return inner


def attachment_part(data: bytes, maintype: str, subtype: str, filename: str) -> MIMEBase:
    part = MIMEBase(maintype, subtype)
    part.set_payload(base64.encodebytes(data).decode("ascii"))
    part["Content-Transfer-Encoding"] = "base64"
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def by_path(msg: ParsedMessage) -> dict[str, Attachment]:
    return {attachment.path: attachment for attachment in msg.attachments}


# --- headers -------------------------------------------------------------------------------


def test_plain_reply_headers() -> None:
    msg = parse_message(plain_mail())
    assert (msg.subject, msg.sender_name, msg.sender_email) == (
        "OGP-høring",
        "Søren Ærø",
        "soren@borgernet.example",
    )
    assert msg.sent_at == datetime(2017, 8, 10, 8, 15, tzinfo=UTC)


def test_message_id_loses_angle_brackets() -> None:
    assert parse_message(plain_mail()).message_id == "svar-1@borgernet.example"


def test_missing_message_id_is_none() -> None:
    assert parse_message(raw_mail(b"\r\nhej\r\n", head=b"From: a@b.dk\r\n")).message_id is None


def test_empty_message_id_is_none() -> None:
    data = raw_mail(b"Message-ID: < >\r\n\r\nhej\r\n", head=b"From: a@b.dk\r\n")
    assert parse_message(data).message_id is None


def test_encoded_word_subject_with_danish_reply_prefix() -> None:
    # Danish Outlook: "SV:" and an ISO-8859-1 Q word.
    msg = parse_message(raw_mail(b"\r\nhej\r\n", subject=b"SV: =?iso-8859-1?Q?OGP-h=F8ring?="))
    assert msg.subject == "SV: OGP-høring"


def test_raw_latin1_subject_keeps_its_letters() -> None:
    # Outlook 2000 sends unencoded Latin-1 subjects (corpus zbateson_m0001); mail-parser
    # 4.8.0 drops the 8-bit bytes, so the subject comes from the raw header bytes.
    msg = parse_message(raw_mail(b"\r\nhej\r\n", subject=b"SV: OGP-h\xf8ring"))
    assert msg.subject == "SV: OGP-høring"


def test_mailparser_still_drops_latin1_subject_bytes() -> None:
    # Canary for the workaround above: when this fails, mail-parser was fixed.
    parsed = mailparser.parse_from_bytes(raw_mail(b"\r\nhej\r\n", subject=b"SV: OGP-h\xf8ring"))
    assert parsed.subject == "SV: OGP-hring"


def test_sender_encoded_as_one_word_with_address() -> None:
    # A broken mailer encodes the whole 'Name <address>' as ONE encoded word.
    word = base64.b64encode("Søren Ærø <soren@example.dk>".encode()).decode()
    head = f"From: =?utf-8?B?{word}?=\r\n".encode()
    msg = parse_message(raw_mail(b"\r\nhej\r\n", head=head))
    assert (msg.sender_name, msg.sender_email) == ("Søren Ærø", "soren@example.dk")


def test_received_at_from_topmost_received_header() -> None:
    head = HEAD + (
        b"Received: from mx.digst.dk by imap.digst.dk; Thu, 10 Aug 2017 10:16:05 +0200\r\n"
        b"Received: from smtp.borgernet.example by mx.digst.dk; Thu, 10 Aug 2017 10:15:30 +0200\r\n"
    )
    msg = parse_message(raw_mail(b"\r\nhej\r\n", head=head))
    assert msg.received_at == datetime(2017, 8, 10, 8, 16, 5, tzinfo=UTC)


def test_obsolete_space_before_colon_headers_are_read() -> None:
    # RFC 822 syntax (corpus mime4j_obsolete): the stdlib alone finds no header at all.
    msg = parse_message(b"Subject : OGP-h\xc3\xb8ring\r\nFrom : a@b.dk\r\n\r\nhej\r\n")
    assert (msg.subject, msg.sender_email) == ("OGP-høring", "a@b.dk")


def test_leading_blank_line_and_bom_are_ignored() -> None:
    msg = parse_message(b"\xef\xbb\xbf\r\n" + plain_mail())
    assert msg.subject == "OGP-høring"


# --- unparseable input -----------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n"], ids=["empty", "blank"])
def test_empty_input_is_unparseable(data: bytes) -> None:
    with pytest.raises(UnparseableMessage, match="empty"):
        parse_message(data)


def test_text_without_any_header_is_unparseable() -> None:
    with pytest.raises(UnparseableMessage, match="no header"):
        parse_message("Jeg støtter forslaget.\r\n\r\nMvh Søren\r\n".encode())


# --- body ----------------------------------------------------------------------------------


def test_plain_body_is_used() -> None:
    msg = parse_message(plain_mail("Vi foreslår åbne data.\n\nMvh Søren"))
    assert (msg.body_text, msg.body_source) == ("Vi foreslår åbne data.\n\nMvh Søren", "text/plain")


def test_crlf_is_normalised_to_lf() -> None:
    body = b"Content-Type: text/plain; charset=utf-8\r\n\r\nlinje 1\r\nlinje 2\r\n"
    assert parse_message(raw_mail(body)).body_text == "linje 1\nlinje 2"


def test_alternative_reads_the_html_a_reader_sees_and_drops_the_plain_copy() -> None:
    # The text part is the mailer's flattening: lists, nesting and bold are lost in it.
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("Vi foreslår:\n\nÅbne data\n\nMvh Søren", "plain", "utf-8"))
    alternative.attach(
        MIMEText("<p>Vi foreslår:</p><ul><li>Åbne data</li></ul><p>Mvh Søren</p>", "html", "utf-8")
    )
    msg = parse_message(with_headers(alternative))
    assert (msg.body_text, msg.body_source, msg.attachments) == (
        "Vi foreslår:\n\n- Åbne data\n\nMvh Søren",
        "text/html",
        (),
    )


def test_alternative_reads_the_html_beside_a_text_part_with_picture_and_link_targets() -> None:
    # Outlook's text part names the signature's logo and writes each link's target.
    alternative = MIMEMultipart("alternative")
    alternative.attach(
        MIMEText(
            "Vi foreslår åbne data.\n\nMvh Søren\n[cid:image001.png@01D2F3A4.B5C6D7E0]\n"
            "Læs mere<https://www.example.dk/om-os>",
            "plain",
            "utf-8",
        )
    )
    alternative.attach(
        MIMEText(
            "<p class=MsoNormal>Vi foreslår åbne data.</p><p class=MsoNormal>&nbsp;</p>"
            '<p class=MsoNormal>Mvh Søren</p><p class=MsoNormal><img src="cid:image001.png"></p>'
            '<p class=MsoNormal><a href="https://www.example.dk/om-os">Læs mere</a></p>',
            "html",
            "utf-8",
        )
    )
    msg = parse_message(with_headers(alternative))
    assert (msg.body_text, msg.body_source) == (
        "Vi foreslår åbne data.\n\nMvh Søren\nLæs mere",
        "text/html",
    )


def test_alternative_keeps_the_plain_text_when_the_html_lacks_its_words() -> None:
    # A newsletter's HTML that shows a picture where the text part has the words.
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("Vi foreslår åbne data for alle kommuner.", "plain", "utf-8"))
    alternative.attach(MIMEText('<p><img src="cid:x"> Vi foreslår</p>', "html", "utf-8"))
    msg = parse_message(with_headers(alternative))
    assert (msg.body_text, msg.body_source) == (
        "Vi foreslår åbne data for alle kommuner.",
        "text/plain",
    )


def test_empty_plain_placeholder_gives_way_to_html() -> None:
    # Bulk mailers may send a blank text/plain beside the real HTML (corpus spamscope_mail_test_17).
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(" ", "plain", "utf-8"))
    alternative.attach(MIMEText("<p>Vi foreslår åbne data.</p>", "html", "utf-8"))
    msg = parse_message(with_headers(alternative))
    assert (msg.body_text, msg.body_source) == ("Vi foreslår åbne data.", "text/html")


OUTLOOK_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
    "<style>p.MsoNormal{margin:0cm}</style><title>x</title></head>"
    "<body lang=DA><div class=WordSection1>"
    "<p class=MsoNormal>Kære Digitaliseringsstyrelsen<o:p></o:p></p>"
    "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    "<p class=MsoNormal>Vi foreslår&nbsp;åbne\r\ndata.<o:p></o:p></p>"
    "<script>alert(1)</script></div></body></html>"
)


def test_outlook_html_only_body_becomes_readable_text() -> None:
    # Outlook with "HTML only": <o:p> paragraphs and &nbsp; for blank lines.
    msg = parse_message(with_headers(MIMEText(OUTLOOK_HTML, "html", "windows-1252")))
    assert msg.body_source == "text/html"
    assert msg.body_text == "Kære Digitaliseringsstyrelsen\n\nVi foreslår åbne data."


def test_gmail_div_lines_and_blank_div() -> None:
    # Gmail writes one <div> per line and <div><br></div> for a blank line.
    html = "<div dir=ltr><div>Kære styrelse</div><div><br></div><div>Vi foreslår</div></div>"
    msg = parse_message(with_headers(MIMEText(html, "html", "utf-8")))
    assert msg.body_text == "Kære styrelse\n\nVi foreslår"


def test_html_lists_breaks_and_table_cells_are_kept_apart() -> None:
    # As a mail client shows it: the paragraph, list and table are set apart by blank lines.
    html = (
        "<p>Forslag:<br>se nedenfor</p><ul><li>åbne data</li><li>gennemsigtighed</li></ul>"
        "<table><tr><td>Emne</td><td>Forslag</td></tr><tr><td>1</td><td>Data</td></tr></table>"
    )
    msg = parse_message(with_headers(MIMEText(html, "html", "utf-8")))
    assert msg.body_text == (
        "Forslag:\nse nedenfor\n\n- åbne data\n- gennemsigtighed\n\nEmne | Forslag\n1 | Data"
    )


def test_related_html_with_inline_image_in_alternative() -> None:
    # Apple Mail: alternative(plain, related(html, image)).
    related = MIMEMultipart("related")
    related.attach(MIMEText('<p>Se billedet <img src="cid:logo"></p>', "html", "utf-8"))
    image = attachment_part(b"\x89PNG\r\n\x1a\nfake", "image", "png", "logo.png")
    image.replace_header("Content-Disposition", 'inline; filename="logo.png"')
    related.attach(image)
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("Se billedet", "plain", "utf-8"))
    alternative.attach(related)
    msg = parse_message(with_headers(alternative))
    assert msg.body_text == "Se billedet"
    assert [a.path for a in msg.attachments] == ["logo.png"]


def test_windows_1252_body_is_decoded() -> None:
    # Outlook on Windows: Windows-1252 quoted-printable with curly quotes and the euro sign.
    body = (
        b"Content-Type: text/plain; charset=windows-1252\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"=93B=E6redygtig=94 koster 80 =80.\r\n"
    )
    assert parse_message(raw_mail(body)).body_text == "“Bæredygtig” koster 80 €."


def test_undeclared_8bit_latin1_body_is_read_as_windows_1252() -> None:
    # Old mailers send 8-bit text with no charset at all (corpus zbateson_github-102-02).
    msg = parse_message(raw_mail(b"\r\nH\xf8ringssvar fra \xc6r\xf8\r\n"))
    assert msg.body_text == "Høringssvar fra Ærø"
    assert "body: undeclared 8-bit text read as windows-1252" in msg.warnings


def test_undeclared_8bit_short_danish_body_is_not_read_as_cyrillic() -> None:
    # Issue 16: in windows-1251 "æøå" is "жше", one Cyrillic-looking word; Danish stays.
    msg = parse_message(raw_mail(b"\r\ntekstfil \xe6\xf8\xe5\r\n"))
    assert msg.body_text == "tekstfil æøå"
    assert "body: undeclared 8-bit text read as windows-1252" in msg.warnings


def test_undeclared_8bit_windows_1251_body_is_read_as_cyrillic() -> None:
    # Old Russian and Ukrainian mail clients send windows-1251 with no charset either.
    body = "Уважаемые коллеги, поддерживаем открытые данные.\r\nС уважением, Иван"
    msg = parse_message(raw_mail(b"\r\n" + body.encode("cp1251") + b"\r\n"))
    assert msg.body_text == body.replace("\r\n", "\n")
    assert "body: undeclared 8-bit text read as windows-1251" in msg.warnings


def test_undeclared_8bit_utf8_body_needs_no_warning() -> None:
    msg = parse_message(raw_mail("\r\nHøringssvar\r\n".encode()))
    assert (msg.body_text, msg.warnings) == ("Høringssvar", ())


def test_unknown_charset_falls_back_to_utf8_with_warning() -> None:
    # Corpus zbateson_invalid-charset: a label no codec knows.
    body = b"Content-Type: text/plain; charset=x-unknown\r\n\r\nH\xc3\xb8ringssvar\r\n"
    msg = parse_message(raw_mail(body))
    assert msg.body_text == "Høringssvar"
    assert "body: unknown charset 'x-unknown'; read as utf-8" in msg.warnings


def test_us_ascii_label_on_utf8_bytes_falls_back() -> None:
    # Corpus mikel_raw_email6: declared us-ascii, sent UTF-8.
    body = b"Content-Type: text/plain; charset=us-ascii\r\n\r\nH\xc3\xb8ring\r\n"
    assert parse_message(raw_mail(body)).body_text == "Høring"


def test_latin1_label_on_utf8_bytes_is_read_as_utf8() -> None:
    # Corpus phpmmp_issue230: UTF-8 bytes under a single-byte label (there x-mac-cyrillic).
    body = b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\nH\xc3\xb8ring\r\n"
    msg = parse_message(raw_mail(body))
    assert msg.body_text == "Høring"
    assert "body: charset 'iso-8859-1' declared but the bytes are UTF-8" in msg.warnings


def test_misspelled_quoted_printable_is_decoded() -> None:
    # Corpus mikel_content_transfer_encoding_qp_with_space: "quoted printable".
    body = (
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted printable\r\n\r\nH=C3=B8ring\r\n"
    )
    assert parse_message(raw_mail(body)).body_text == "Høring"


def test_message_without_text_part_has_no_body() -> None:
    part = attachment_part(make_pdf("Svar"), "application", "pdf", "svar.pdf")
    msg = parse_message(with_headers(part))
    assert (msg.body_text, msg.body_source) == ("", "none")
    assert [a.path for a in msg.attachments] == ["svar.pdf"]


def test_multipart_without_boundary_in_body_keeps_its_text() -> None:
    # Corpus spamscope_mail_malformed_3: the declared boundary never occurs.
    body = 'Content-Type: multipart/alternative; boundary="nix"\r\n\r\nVi foreslår\r\n'.encode()
    msg = parse_message(raw_mail(body))
    assert msg.body_text == "Vi foreslår"
    assert "body: multipart boundary not found; raw text used" in msg.warnings


TRUNCATED = (
    b'Content-Type: multipart/mixed; boundary="ydre"\r\n\r\n--ydre\r\n'
    b'Content-Type: multipart/alternative; boundary="indre"\r\n\r\nVi foresl'
)


def test_truncated_multipart_that_crashes_mailparser_is_still_parsed() -> None:
    # A message cut off in transfer, before the inner multipart's first boundary.
    msg = parse_message(raw_mail(TRUNCATED))
    assert (msg.subject, msg.body_text) == ("OGP-høring", "Vi foresl")
    assert "multipart/mixed: CloseBoundaryNotFoundDefect" in msg.warnings


def test_mailparser_still_crashes_on_truncated_multipart() -> None:
    # Canary for the stdlib fallback above.
    with pytest.raises(AttributeError):
        mailparser.parse_from_bytes(raw_mail(TRUNCATED))


def test_mailparser_defects_become_warnings() -> None:
    body = b'Content-Type: multipart/mixed; boundary="nix"\r\n\r\nhej\r\n'
    msg = parse_message(raw_mail(body))
    assert "multipart/mixed: StartBoundaryNotFoundDefect" in msg.warnings


# --- attachments -----------------------------------------------------------------------------


def mixed_with(*parts: Message, text: str = "Se vedhæftede.") -> bytes:
    outer = MIMEMultipart("mixed")
    outer.attach(MIMEText(text, "plain", "utf-8"))
    for part in parts:
        outer.attach(part)
    return with_headers(outer)


def test_pdf_attachment_bytes_and_text() -> None:
    # mail-parser 4.8.0 gives payloads as base64 str; content must be the real bytes.
    pdf = make_pdf("Vi støtter forslaget")
    msg = parse_message(mixed_with(attachment_part(pdf, "application", "pdf", "svar.pdf")))
    [attachment] = msg.attachments
    assert (attachment.path, attachment.content, attachment.size) == ("svar.pdf", pdf, len(pdf))
    assert attachment.sha256 == hashlib.sha256(pdf).hexdigest()
    assert attachment.text == "Vi støtter forslaget"


def test_mailparser_still_returns_payloads_as_base64_str() -> None:
    # Canary for the workaround above.
    data = mixed_with(attachment_part(b"%PDF-1.4 x", "application", "pdf", "svar.pdf"))
    [attachment] = mailparser.parse_from_bytes(data).attachments
    assert isinstance(attachment["payload"], str)


def test_rfc2231_filename_is_decoded() -> None:
    # Thunderbird encodes non-ASCII names as RFC 2231 (filename*=utf-8'').
    part = attachment_part(make_pdf("Svar"), "application", "pdf", "x")
    part.replace_header(
        "Content-Disposition", "attachment; filename*=utf-8''H%C3%B8ringssvar%20%C3%86r%C3%B8.pdf"
    )
    [attachment] = parse_message(mixed_with(part)).attachments
    assert (attachment.path, attachment.filename) == ("Høringssvar Ærø.pdf", "Høringssvar Ærø.pdf")


def test_rfc2047_word_in_quoted_filename_is_decoded() -> None:
    # Gmail and Outlook put an encoded word inside the quoted name (corpus phpmmp_m0024).
    part = attachment_part(make_pdf("Svar"), "application", "pdf", "x")
    part.replace_header("Content-Disposition", 'attachment; filename="=?utf-8?Q?H=C3=B8ring.pdf?="')
    [attachment] = parse_message(mixed_with(part)).attachments
    assert attachment.path == "Høring.pdf"


def test_path_traversal_in_filename_is_removed() -> None:
    # Corpus phpmmp_m0027: "1234/../../1234.txt".
    part = attachment_part(b"hej", "text", "plain", "../../svar.txt")
    [attachment] = parse_message(mixed_with(part)).attachments
    assert attachment.path == "svar.txt"


def test_unnamed_attachment_gets_a_stable_name() -> None:
    # mail-parser 4.8.0 invents a random name for every parse; the part's position is stable.
    part = attachment_part(make_pdf("Svar"), "application", "pdf", "x")
    part.replace_header("Content-Disposition", "attachment")
    data = mixed_with(part)
    assert [a.path for a in parse_message(data).attachments] == ["unavngivet-2.pdf"]
    assert parse_message(data) == parse_message(data)


def test_same_filename_twice_gets_unique_paths() -> None:
    first = attachment_part(b"et", "text", "plain", "svar.txt")
    second = attachment_part(b"to", "text", "plain", "svar.txt")
    paths = [a.path for a in parse_message(mixed_with(first, second)).attachments]
    assert paths == ["svar.txt", "svar (2).txt"]


def test_truncated_base64_attachment_records_an_error() -> None:
    # A truncated transfer cuts the base64 mid-quantum; mail-parser 4.8.0 would only
    # fail when the payload is decoded later.
    pdf = make_pdf("Vi støtter forslaget")
    broken = attachment_part(pdf, "application", "pdf", "svar.pdf")
    encoded = base64.b64encode(pdf).decode("ascii")
    broken.set_payload(encoded[: len(encoded) // 8 * 4 + 1] + "\n")  # length % 4 == 1
    good = attachment_part(b"Bilag 2", "text", "plain", "bilag.txt")
    msg = parse_message(mixed_with(broken, good))
    attachments = by_path(msg)
    assert attachments["svar.pdf"].error.startswith("damaged base64")
    assert attachments["bilag.txt"].text == "Bilag 2"
    assert msg.body_text == "Se vedhæftede."


def test_mailparser_still_defers_base64_errors_to_decode_time() -> None:
    # Canary: mail-parser hands the damaged base64 over as if it were fine.
    part = attachment_part(b"x" * 30, "application", "pdf", "svar.pdf")
    part.set_payload("eHh4eHh4eHh4e")
    [attachment] = mailparser.parse_from_bytes(mixed_with(part)).attachments
    with pytest.raises(ValueError):  # binascii.Error
        base64.b64decode(attachment["payload"])


def test_base64_without_padding_is_only_a_warning() -> None:
    # eM Client leaves out the '=' padding (corpus phpmmp_m0028); no byte is missing.
    part = attachment_part(b"Bilag", "text", "plain", "bilag.txt")
    part.set_payload(base64.b64encode(b"Bilag").decode().rstrip("="))
    msg = parse_message(mixed_with(part))
    assert (msg.attachments[0].text, msg.attachments[0].error) == ("Bilag", None)
    assert "bilag.txt: base64 without padding" in msg.warnings


def test_unknown_transfer_encoding_is_kept_raw_with_warning() -> None:
    # Corpus mime4j_x-gzip64: an encoding nobody implements.
    part = attachment_part(b"x", "application", "octet-stream", "data.gz")
    part.replace_header("Content-Transfer-Encoding", "x-gzip64")
    msg = parse_message(mixed_with(part))
    assert (
        "data.gz: unknown Content-Transfer-Encoding 'x-gzip64'; payload kept as sent"
        in msg.warnings
    )


# --- forwarded messages ----------------------------------------------------------------------


def test_forwarded_message_becomes_its_own_attachment() -> None:
    # Thunderbird's "Forward as attachment" sends a message/rfc822 part.
    msg = parse_message(forwarded_mail(inner_reply()))
    assert msg.body_text == "Se nedenstående."  # mail-parser 4.8.0 would append the inner body
    [forward] = msg.attachments
    assert (forward.path, forward.detected_type, forward.declared_type) == (
        "Videresendt besked.eml",
        "message",
        "message/rfc822",
    )
    assert forward.text == (
        "Fra: Mette Lund <mette@borgernet.example>\n"
        "Dato: Wed, 09 Aug 2017 09:00:00 +0200\n"
        "Emne: OGP-høring: åbne data\n\n"
        "Jeg støtter åbne data."
    )


def test_forwarded_message_attachments_follow_under_its_path() -> None:
    msg = parse_message(forwarded_mail(inner_reply(with_pdf=make_pdf("Bilag til svar"))))
    assert [a.path for a in msg.attachments] == [
        "Videresendt besked.eml",
        "Videresendt besked.eml/bilag.pdf",
    ]
    assert msg.attachments[1].text == "Bilag til svar"


def test_forwarded_message_parses_the_same_twice() -> None:
    # mail-parser 4.8.0 names the rfc822 part with a new random string on each parse.
    data = forwarded_mail(inner_reply(with_pdf=make_pdf("Bilag")))
    assert parse_message(data) == parse_message(data)


def test_mailparser_still_flattens_forwards_with_random_names() -> None:
    # Canary for the three tests above.
    data = forwarded_mail(inner_reply())
    parsed = [mailparser.parse_from_bytes(data) for _ in range(3)]
    assert "Jeg støtter åbne data." in parsed[0].body
    assert len({p.attachments[0]["filename"] for p in parsed}) > 1


def test_attached_eml_file_is_opened() -> None:
    # A saved .eml attached as an ordinary file arrives as application/octet-stream.
    eml = inner_reply().as_bytes()
    msg = parse_message(mixed_with(attachment_part(eml, "application", "octet-stream", "svar.eml")))
    [forward] = msg.attachments
    assert (forward.path, forward.detected_type, forward.content) == ("svar.eml", "message", eml)
    assert "Jeg støtter åbne data." in forward.text


def test_unnamed_octet_stream_holding_a_mail_is_opened() -> None:
    part = attachment_part(inner_reply().as_bytes(), "application", "octet-stream", "x")
    part.replace_header("Content-Disposition", "attachment")
    [forward] = parse_message(mixed_with(part)).attachments
    assert forward.detected_type == "message"


def test_base64_encoded_rfc822_part_is_decoded_and_opened() -> None:
    # Novell GroupWise base64-encodes message/rfc822 (corpus tika_testGroupWiseEml).
    inner = inner_reply().as_bytes()
    part = attachment_part(inner, "message", "rfc822", "svar.eml")
    msg = parse_message(mixed_with(part))
    assert msg.attachments[0].content == inner
    assert "Jeg støtter åbne data." in msg.attachments[0].text


def test_forward_nesting_is_bounded() -> None:
    message: Message = inner_reply()
    for _ in range(MAX_DEPTH + 2):
        wrapper = MIMEMultipart("mixed")
        wrapper["Subject"] = "VS: OGP-høring"
        wrapper.attach(MIMEMessage(message))
        message = wrapper
    msg = parse_message(with_headers(message))
    assert sum(a.path.endswith(".eml") for a in msg.attachments) == MAX_DEPTH + 1
    assert any("nested deeper than" in w for w in msg.warnings)


def test_warnings_inside_a_forward_name_its_path() -> None:
    inner = MIMEText("Høring", "plain", "utf-8")
    inner.set_param("charset", "x-unknown")
    msg = parse_message(forwarded_mail(inner))
    expected = "Videresendt besked.eml: body: unknown charset 'x-unknown'; read as utf-8"
    assert expected in msg.warnings


def test_html_only_forward_is_rendered() -> None:
    inner = MIMEText("<p>Jeg støtter<br>forslaget</p>", "html", "utf-8")
    inner["Subject"] = "Svar"
    [forward] = parse_message(forwarded_mail(inner)).attachments
    assert (forward.text, forward.method) == ("Emne: Svar\n\nJeg støtter\nforslaget", "html")


# --- combined_text ---------------------------------------------------------------------------


def test_combined_text_lists_body_then_attachments_with_headings() -> None:
    pdf = attachment_part(make_pdf("Bilag til svar"), "application", "pdf", "svar.pdf")
    msg = parse_message(mixed_with(pdf, text="Se bilag."))
    assert combined_text(msg) == "Se bilag.\n\n--- Vedhæftet fil: svar.pdf ---\nBilag til svar"


def test_combined_text_names_forwarded_messages() -> None:
    text = combined_text(parse_message(forwarded_mail(inner_reply())))
    assert "--- Videresendt besked: Videresendt besked.eml ---\nFra: Mette Lund" in text


def test_combined_text_reports_attachments_without_text() -> None:
    attachment = Attachment(
        "scan.pdf", "scan.pdf", "application/pdf", "pdf", 10, "0", error="no text"
    )
    msg = ParsedMessage(None, "", "", "", None, None, "Hej", "text/plain", (attachment,))
    assert combined_text(msg) == "Hej\n\n--- Vedhæftet fil: scan.pdf (ingen tekst: no text) ---"


def test_combined_text_marks_partial_text() -> None:
    attachment = Attachment("a.txt", "a.txt", "text/plain", "text", 3, "0", text="abc", error="cut")
    msg = ParsedMessage(None, "", "", "", None, None, "", "none", (attachment,))
    assert combined_text(msg) == "--- Vedhæftet fil: a.txt (delvis tekst: cut) ---\nabc"


def test_extractor_is_injectable_and_sees_every_attachment() -> None:
    # The pipeline passes a sandboxed extractor; parse_message must use it for every part.
    from hoering.parse.message import extract
    from hoering.parse.model import AttachmentInput

    seen: list[AttachmentInput] = []

    def recording(item: AttachmentInput):
        seen.append(item)
        return extract(item)

    msg = EmailMessage()
    msg["Subject"] = "OGP-høring"
    msg["From"] = "a@b.dk"
    msg.set_content("Se bilag.")
    msg.add_attachment(b"bilag 1", maintype="text", subtype="plain", filename="a.txt")
    msg.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf", filename="b.pdf")
    parsed = parse_message(msg.as_bytes(), extract=recording)
    assert [item.path for item in seen] == ["a.txt", "b.pdf"]
    assert [a.path for a in parsed.attachments] == ["a.txt", "b.pdf"]


def test_body_and_attachment_text_are_cut_at_the_message_limit() -> None:
    mail = make_mail(body="a" * 300, attachments=[("bilag.txt", "text/plain", b"b" * 300)])
    parsed = parse_message(mail, limits=ExtractLimits(text_chars=1000, message_text_chars=400))
    [attachment] = parsed.attachments
    assert len(parsed.body_text) == 300 and len(attachment.text) == 100
    assert attachment.error == "text cut at 100 characters"
    assert "bilag.txt: text cut at 100 characters" in parsed.warnings


def test_a_body_over_the_message_limit_is_cut_and_warned() -> None:
    parsed = parse_message(make_mail(body="a" * 5000), limits=ExtractLimits(message_text_chars=100))
    assert len(parsed.body_text) == 100 and "body: text cut at 100 characters" in parsed.warnings


@pytest.mark.parametrize("build", [hostile.deep_rfc822, hostile.deep_multipart])
def test_1000_levels_of_nesting_keep_the_top_text(build) -> None:
    # A mail loop that forwards a mail into itself, or a crafted mail: mail-parser gives up.
    parsed = parse_message(build(1000))
    assert parsed.body_text.strip() == hostile.TOP_TEXT
    assert f"nesting cut at depth {MAX_MIME_DEPTH}" in parsed.warnings[0]


def test_the_parts_below_the_cut_are_kept_as_one_attachment() -> None:
    parsed = parse_message(hostile.deep_multipart(1000))
    [cut] = parsed.attachments
    assert cut.filename == "dybere-mime-dele.txt" and "boundary=" in cut.text


def test_nesting_within_the_guard_is_parsed_as_before() -> None:
    parsed = parse_message(hostile.deep_multipart(20))
    assert not any("nesting cut" in w for w in parsed.warnings)
    assert "bund" in parsed.body_text or any("bund" in a.text for a in parsed.attachments)


def test_unindented_encoded_word_line_continues_the_subject() -> None:
    # Exchange Online folds long encoded subjects without the leading space.
    data = (
        b"From: a@example.com\r\nSubject: =?utf-8?B?T0dQLWg=?=\r\n=?utf-8?B?w7hyaW5n?=\r\n"
        b"To: b@example.com\r\n\r\nHej\r\n"
    )
    msg = parse_message(data)
    assert (msg.subject, msg.body_text) == ("OGP-høring", "Hej")


def test_header_lines_that_lost_their_indent_continue_the_field_above() -> None:
    # A news-to-mail gateway (lists.php.net) unfolds a Received field without the blank.
    data = (
        b"Received: from relay (127.0.0.1)\nby localhost with SMTP; 19 Nov 2014\n"
        b"From: a@example.com\nSubject: OGP-h\xc3\xb8ring\n\nHej\n"
    )
    msg = parse_message(data)
    assert (msg.subject, msg.sender_email, msg.body_text) == ("OGP-høring", "a@example.com", "Hej")


def test_a_mime_boundary_after_a_header_without_its_empty_line_is_no_continuation() -> None:
    data = (
        b"From: a@example.com\nSubject: Svar\nContent-Type: multipart/mixed; boundary=b\n"
        b"--b\nContent-Type: text/plain\nMIME-Version: 1.0\n\nHej\n--b--\n"
    )
    # A mail that omits the empty line before its first part: the part stays a part.
    assert unindented_words_folded(data) == data
