"""parse_message over the shared third-party mail corpus: no crash, deterministic, known facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoering.parse.message import UnparseableMessage, parse_message
from hoering.parse.model import ParsedMessage
from tests.kit.needs import missing
from tests.kit.paths import CORPUS

pytestmark = pytest.mark.corpus

EML = CORPUS / "eml"
# Files allowed to raise UnparseableMessage, each with the reason. None today: even
# mime4j_obsolete.msg.eml ("Subject :" headers) and header-less bounces yield something.
UNPARSEABLE: dict[str, str] = {}


def _corpus_files() -> list[Path]:
    return sorted(EML.glob("*.eml")) if EML.is_dir() else []


@pytest.fixture(autouse=True)
def _require_corpus() -> None:
    if EML.is_dir():
        return
    missing(f"mail corpus not found at {EML}")


def parse(name: str) -> ParsedMessage:
    return parse_message((EML / name).read_bytes())


@pytest.mark.parametrize("path", _corpus_files() or [None], ids=lambda p: p.name if p else "none")
def test_corpus_mail_parses_the_same_twice(path: Path | None) -> None:
    assert path is not None  # the fixture has skipped or failed when the corpus is absent
    data = path.read_bytes()
    try:
        first = parse_message(data)
    except UnparseableMessage:
        assert path.name in UNPARSEABLE
        return
    # Attachment.content is excluded from equality (compare=False): bytes are compared
    # through size and sha256 instead.
    assert parse_message(data) == first


def test_raw_latin1_subject_from_outlook_2000() -> None:
    assert parse("zbateson_m0001.eml").subject == "Die Hasen und die Frösche (Microsoft Outlook 00)"


def test_danish_gmail_sender_and_body() -> None:
    msg = parse("os2ds_mail-with-inline-img-and-attached-odt.eml")
    assert (msg.subject, msg.sender_name, msg.sender_email) == (
        "Mail med inline billede og vedhæftet fil",
        "Paw Møller",
        "pawsen@gmail.com",
    )
    assert "Og en vedhæftet fil, embedded-cpr.odt" in msg.body_text
    assert [a.path for a in msg.attachments] == ["cpr.jpg", "embedded-cpr.odt"]


def test_windows_1252_quoted_printable_body() -> None:
    body = parse("zbateson_m0010.eml").body_text
    assert "Die Hasen klagten einst über ihre mißliche Lage" in body


def test_adjacent_words_in_three_charsets() -> None:
    subject = parse("mime4j_intl.msg.eml").subject
    assert subject == "If you can read this you understand the example... so, cool!"


def test_obsolete_space_before_colon_subject() -> None:
    subject = parse("mime4j_obsolete.msg.eml").subject
    assert subject == (
        "The obsolete syntax allow spaces before the colon and also empty lines in folding."
    )


def test_quoted_windows_1252_encoded_sender_name() -> None:
    assert parse("mikel_invalid_subject_characters.eml").sender_name == "Formação Frenetikpolis"


def test_windows_1252_q_encoded_sender() -> None:
    msg = parse("msgreader_TestWithInlineHavingWindows1252Fields.eml")
    assert (msg.sender_name, msg.sender_email) == ("Müller Peter", "peter.mueller@domain.ch")


def test_iso_8859_1_subject_with_utf8_body() -> None:
    msg = parse("spamscope_mail_test_5.eml")
    assert msg.subject == "Je prépare mon été zéro complexe !"


def test_forwarded_message_keeps_its_pdf_under_its_path() -> None:
    msg = parse("mikel_attachment_message_rfc822.eml")
    assert [(a.path, a.detected_type) for a in msg.attachments] == [
        ("ForwardedMessage.eml", "message"),
        ("ForwardedMessage.eml/broken.pdf", "pdf"),
    ]
    assert msg.attachments[0].text.startswith("Fra: Test Tester <xxxx@xxxx.com>\n")


def test_groupwise_base64_forward_is_opened() -> None:
    first = parse("tika_testGroupWiseEml.eml").attachments[0]
    assert (first.path, first.detected_type) == ("test.eml", "message")
    assert 'Fra: "Novell GroupWise"' in first.text


def test_unpadded_base64_attachments_are_complete() -> None:
    msg = parse("phpmmp_m0028.eml")
    assert len(msg.attachments) == 10
    assert not any("damaged base64" in (a.error or "") for a in msg.attachments)


def test_raw_utf8_headers() -> None:
    msg = parse("mikel_utf8_headers.eml")
    assert (msg.subject, msg.sender_name) == ("Säying Hello", "Jöhn Doe")


def test_invalid_8_bit_transfer_encoding_read_as_identity() -> None:
    # Tika's test mail: "Content-Transfer-Encoding: 8-bit" (no such value) on the plain part.
    msg = parse("tika_testEML_embedded_xhtml_and_img.eml")
    assert msg.body_text.startswith("This is a test\n\nUsing inline content")
    assert not any("Content-Transfer-Encoding" in warning for warning in msg.warnings)


def test_encoded_word_folded_without_indent_stays_in_the_subject() -> None:
    # Exchange Online (Japan) folds the subject's encoded words onto unindented lines; read
    # as the end of the header, they pushed every later header and the body into the text.
    msg = parse("msgreader_UTF-8_Test.eml")
    subject = "【要確認】●普通自転車（ノーパンクタイヤ） 再予約通知 2023/11/29 12:00 - 13:00"
    assert msg.subject == subject
    assert msg.body_text == "メッセージです。通常通りパースされることを確認済みです。"
    assert msg.sender_email and msg.warnings == ()


def test_continuation_lines_that_lost_their_indent_stay_in_the_header() -> None:
    # lists.php.net's NNTP gateway unfolds Received and DKIM-Signature lines without the
    # leading blank; read as the end of the header, the Subject and From became body text.
    msg = parse("phpmmp_issue84.eml")
    assert msg.subject == "Re: [PHP-DEV] [RFC] Remove PHP 4 Constructors"
    assert msg.sender_email == "tyra3l@gmail.com"
    assert msg.body_text.startswith("On Wed, Nov 19, 2014 at 12:11 AM, Levi Morrison")


def test_one_field_after_a_line_that_is_none_may_be_body() -> None:
    # mime4j's malformedHeader: no empty line after the header; "This is an invalid header"
    # and "AnotherHeader: ..." are read as the body, as before.
    msg = parse("mime4j_malformedHeader-nocrlfcrlf.msg.eml")
    assert msg.subject == "this is a subject"
    assert msg.body_text.startswith("This is an invalid header\nAnotherHeader:")
