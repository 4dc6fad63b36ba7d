"""extract_attachment: sniff, dispatch and describe; plus the text and HTML decoding it uses."""

from __future__ import annotations

import hashlib
import random
import unicodedata

import docx
import pytest

from hoering.parse import formats as parse_formats
from hoering.parse.attachments import extract_attachment
from hoering.parse.model import Attachment
from hoering.parse.text import decode_text, html_to_text, normalize_text
from tests.parse.test_docx import save
from tests.parse.test_pdf import make_pdf


def extract(payload: bytes, filename: str = "", declared: str = "application/octet-stream", **kw):
    return extract_attachment(filename or "bilag", filename, declared, payload, **kw)


def make_docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return save(document)


# --- extract_attachment -------------------------------------------------------------------


def test_pdf_sent_inline_as_octet_stream() -> None:
    # Outlook and Apple Mail send PDFs as application/octet-stream, often inline, with an
    # RFC 2231 encoded name (decoded by the message parser before it gets here).
    payload = make_pdf("Vi støtter forslaget")
    attachment = extract(payload, "Høringssvar – Ærø.pdf")
    assert attachment == Attachment(
        path="Høringssvar – Ærø.pdf",
        filename="Høringssvar – Ærø.pdf",
        declared_type="application/octet-stream",
        detected_type="pdf",
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        text="Vi støtter forslaget",
        method="text-layer",
        error=None,
        extractor_version="pdf/7",
    )
    assert attachment.content == payload


def test_docx() -> None:
    attachment = extract(make_docx("Bemærkning 1", "Bemærkning 2"), "svar.docx")
    assert (attachment.detected_type, attachment.method) == ("docx", "docx")
    assert attachment.text == "Bemærkning 1\nBemærkning 2"


def test_plain_text_declared_as_pdf_is_decoded() -> None:
    attachment = extract(b"Kort svar: enig.", "svar.pdf", "application/pdf")
    assert (attachment.detected_type, attachment.method, attachment.error) == (
        "text",
        "decoded",
        None,
    )
    assert attachment.text == "Kort svar: enig."


def test_charset_from_the_declared_type() -> None:
    attachment = extract(
        "Grønne områder".encode("latin-1"), "a.txt", "Text/Plain; charset=ISO-8859-1"
    )
    assert attachment.text == "Grønne områder"
    assert attachment.declared_type == "text/plain"


def test_explicit_charset_wins() -> None:
    payload = "Grønne områder".encode("cp865")
    attachment = extract(payload, "a.txt", "text/plain; charset=utf-8", charset="cp865")
    assert attachment.text == "Grønne områder"


def test_lossy_decoding_is_reported() -> None:
    # 0x81 is unassigned in windows-1252: the declared charset cannot be right.
    attachment = extract(b"abc \x81 def", "a.txt", "text/plain; charset=windows-1252")
    assert attachment.text == "abc \ufffd def"
    assert attachment.error == (
        "text: text did not decode as declared charset 'windows-1252'; undecodable bytes replaced"
    )


def test_html_attachment() -> None:
    payload = b"<html><body><h1>Svar</h1><p>Vi er &aelig;rligt talt enige.</p></body></html>"
    attachment = extract(payload, "svar.htm", "text/html")
    assert (attachment.detected_type, attachment.method) == ("html", "html")
    assert attachment.text == "Svar\n\nVi er ærligt talt enige."


def test_damaged_image_is_recorded() -> None:
    attachment = extract(b"\x89PNG\r\n\x1a\n" + bytes(50), "logo.png", "image/png")
    assert (attachment.detected_type, attachment.text, attachment.method) == ("png", "", "none")
    assert attachment.error == "png: damaged image"


def test_empty_payload() -> None:
    attachment = extract(b"", "tom.pdf", "application/pdf")
    assert (attachment.size, attachment.error, attachment.method) == (0, "empty", "none")
    assert attachment.sha256 == hashlib.sha256(b"").hexdigest()


def test_encrypted_pdf() -> None:
    payload = make_pdf("Hemmeligt", owner_password="ejer", user_password="kode")
    assert extract(payload, "låst.pdf").error == "pdf: encrypted"


def test_scanned_pdf_has_no_text_layer() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 80, style="F")
    attachment = extract(bytes(pdf.output()), "scan.pdf")
    assert (attachment.text, attachment.method) == ("", "none")
    # A vector drawing, no image: there is nothing for OCR to read either.
    assert attachment.error == "pdf: no text layer and nothing to OCR"


def test_truncated_pdf_is_damaged() -> None:
    payload = make_pdf("Afbrudt " * 200)
    assert extract(payload[: len(payload) // 2], "halv.pdf").error.startswith("pdf: damaged (")


def test_broken_docx() -> None:
    attachment = extract(b"PK\x03\x04" + bytes(40), "svar.docx")
    assert (attachment.detected_type, attachment.error) == ("docx", "docx: not a valid Word file")


def test_filename_is_sanitized() -> None:
    assert extract(b"hej", "..\\..\\boot.ini").filename == "boot.ini"


def test_unexpected_extractor_failure_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes, charset: str | None, job: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(parse_formats.READERS, "pdf", explode)
    attachment = extract(make_pdf("x"), "x.pdf")
    assert attachment.error == "pdf: extraction failed (RuntimeError)"


def _mutations() -> list[bytes]:
    """Truncations, bit flips and noise of real documents, fixed by a seed."""
    rng = random.Random(2026)
    samples = [make_pdf("Høring " * 30, "Side 2"), make_docx("Afsnit " * 30)]
    cases = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 600))) for _ in range(20)]
    for sample in samples:
        cases += [sample[: rng.randrange(len(sample))] for _ in range(10)]
        for _ in range(10):
            flipped = bytearray(sample)
            for _ in range(8):
                flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
            cases.append(bytes(flipped))
    return cases


@pytest.mark.parametrize("payload", _mutations())
def test_never_raises(payload: bytes) -> None:
    attachment = extract(payload, "x")
    assert attachment.size == len(payload)
    assert attachment.text or attachment.error


# --- decode_text --------------------------------------------------------------------------


def test_declared_charset_is_used() -> None:
    assert decode_text("Æbler".encode("iso-8859-15"), "iso-8859-15") == ("Æbler", None)


def test_latin1_label_is_read_as_windows_1252() -> None:
    # Outlook labels text iso-8859-1 but uses 1252's euro sign and curly quotes.
    assert decode_text(b"\x80 10 \x93ca.\x94", "iso-8859-1") == ("€ 10 “ca.”", None)


def test_undeclared_utf8() -> None:
    assert decode_text("Ålborg".encode(), None) == ("Ålborg", None)


def test_wrong_declared_charset_falls_back_to_windows_1252() -> None:
    text, warning = decode_text("Ålborg".encode("cp1252"), "utf-8")
    assert text == "Ålborg"
    assert warning == "text did not decode as declared charset 'utf-8'; read as windows-1252"


def test_unknown_charset_name_is_tolerated() -> None:
    # Seen in the wild: charset="x-unknown", charset="utf8mb4", charset="".
    assert decode_text("Ålborg".encode(), "x-unknown") == (
        "Ålborg",
        "unknown charset 'x-unknown'; read as utf-8",
    )


def test_codec_that_is_not_a_charset_is_ignored() -> None:
    assert decode_text(b"aGVq", "base64") == ("aGVq", "unknown charset 'base64'; read as utf-8")


def test_python_only_codec_is_not_a_charset() -> None:
    # charset=unicode_escape would turn "\\u00e6" in the text into "æ".
    assert decode_text(b"\\u00e6", "unicode_escape") == (
        "\\u00e6",
        "unknown charset 'unicode_escape'; read as utf-8",
    )


def test_korean_label_decodes_with_the_windows_superset() -> None:
    # Outlook labels Korean ks_c_5601-1987 but sends code page 949.
    assert decode_text("똠방각하".encode("cp949"), "ks_c_5601-1987") == ("똠방각하", None)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_bom_beats_the_declared_charset(encoding: str) -> None:
    data = "Ærø".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_text(data, "iso-8859-1") == ("Ærø", None)


def test_utf8_bytes_under_a_single_byte_label_are_read_as_utf8() -> None:
    # Corpus phpmmp_issue230: UTF-8 bytes labelled x-mac-cyrillic.
    assert decode_text("Ærø".encode(), "x-mac-cyrillic") == (
        "Ærø",
        "charset 'x-mac-cyrillic' declared but the bytes are UTF-8",
    )


def test_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    # Corpus spamscope_mail_test_6: Russian UTF-8 HTML with one damaged sequence.
    text, warning = decode_text("Профиль".encode() + b"\xd1f", "utf-8")
    assert text == "Профиль\ufffdf"
    assert warning == (
        "text did not decode as declared charset 'utf-8'; "
        "read as utf-8 with undecodable bytes replaced"
    )


def test_damaged_multibyte_charset_keeps_its_codec() -> None:
    text, warning = decode_text("中文".encode("big5") + b"\x80", "big5")
    assert text == "中文\ufffd"
    assert warning == "text did not decode as declared charset 'big5'; undecodable bytes replaced"


def test_damaged_7bit_charset_is_not_taken_for_utf8() -> None:
    # iso-2022-jp is 7-bit, so UTF-8 would decode it too, escape sequences and all.
    data = "日本語".encode("iso2022_jp")
    assert decode_text(data[:-1] + b"\x1b(B", "iso-2022-jp")[0] == "日本語\ufffd"


def test_newlines_unified_and_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Å\r\nø\rx\n")
    assert decode_text(decomposed.encode(), "utf-8") == ("Å\nø\nx\n", None)


def test_trailing_spaces_kept_for_format_flowed() -> None:
    assert decode_text(b"lang linje \r\nfortsat", None) == ("lang linje \nfortsat", None)


# --- normalize_text -----------------------------------------------------------------------


def test_normalize_trims_lines_and_limits_blank_lines() -> None:
    assert normalize_text("\n\na  \n\n\n\n\n\nb\t\n\n") == "a\n\n\nb"


def test_normalize_replaces_lone_surrogates() -> None:
    # Broken UTF-7 and some PDF fonts yield them; SQLite cannot store them as UTF-8.
    assert normalize_text("a\ud800b") == "a\ufffdb"


def test_normalize_removes_controls_and_ligatures() -> None:
    assert normalize_text("ﬁre\x00 sider\x0cnæste") == "fire sider\n\nnæste"


# --- html_to_text -------------------------------------------------------------------------


def test_html_drops_head_script_and_style() -> None:
    markup = (
        "<html><head><title>Titel</title><style>p {color: red}</style></head>"
        "<body><script>alert(1)</script><p>Indhold</p><!-- kommentar --></body></html>"
    )
    assert html_to_text(markup) == "Indhold"


def test_html_entities_decoded() -> None:
    assert html_to_text("<p>&AElig;bler &amp; p&#230;rer&nbsp;&lt;3</p>") == "Æbler & pærer <3"


def test_html_whitespace_collapsed() -> None:
    assert html_to_text("<p>  mange\n   mellemrum\t her </p>") == "mange mellemrum her"


def test_html_blocks_and_breaks() -> None:
    markup = "<div>Linje 1</div><div>Linje 2<br>Linje 3<br><br>Linje 5</div><p>Afsnit</p>"
    assert html_to_text(markup) == "Linje 1\nLinje 2\nLinje 3\n\nLinje 5\n\nAfsnit"


def test_outlook_msonormal_paragraphs_are_lines() -> None:
    # Outlook writes each line as <p class=MsoNormal> and blank lines as &nbsp; paragraphs.
    markup = (
        '<p class="MsoNormal">Hej<o:p></o:p></p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Mvh<o:p></o:p></p><p class="MsoNormal">Anne</p>'
    )
    assert html_to_text(markup) == "Hej\n\nMvh\nAnne"


def test_html_table_cells_joined() -> None:
    markup = (
        "<table><tr><th>§</th><td></td><th>Forslag</th></tr>"
        "<tr><td>2</td><td>Slet</td></tr></table>"
    )
    assert html_to_text(markup) == "§ | Forslag\n2 | Slet"


def test_html_list_items_get_dashes_and_nested_lists_an_indent_and_no_blank_lines() -> None:
    # The nesting is what makes "åbne" a point of "data" and not a proposal of its own.
    markup = "<p>Forslag:</p><ul><li>data<ul><li>åbne</li></ul></li><li>kode</li></ul>"
    assert html_to_text(markup) == "Forslag:\n\n- data\n  - åbne\n- kode"


def test_html_ordered_list_items_carry_the_numbers_a_browser_shows() -> None:
    markup = (
        "<ol><li>data<ol><li>åbne</li><li>frie</li></ol></li><li>kode</li></ol>"
        "<ol start=4><li>x</li></ol>"
    )
    assert html_to_text(markup) == "1. data\n  1. åbne\n  2. frie\n2. kode\n\n4. x"


def test_html_br_on_an_empty_line_adds_a_blank_line() -> None:
    # Gmail writes <div><br></div> for a blank line; a <br> ending a block adds nothing.
    markup = "<div>a</div><div><br></div><div>b<br></div><div>c</div>"
    assert html_to_text(markup) == "a\n\nb\nc"


def test_html_pre_keeps_lines_and_indent() -> None:
    assert html_to_text("<pre>a\n  b</pre>") == "a\n  b"


def test_html_hidden_preview_text_dropped() -> None:
    assert html_to_text('<div style="display: none">preview</div><p>Synlig</p>') == "Synlig"


def test_html_without_tags() -> None:
    assert html_to_text("bare &amp; tekst") == "bare & tekst"


def test_deeply_nested_html() -> None:
    markup = "<div>" * 3000 + "dybt" + "</div>" * 3000
    assert html_to_text(markup) == "dybt"


def test_broken_html() -> None:
    assert html_to_text("<p>åben <b>fed <i>kursiv</p><td>celle") == "åben fed kursiv\n\ncelle"
