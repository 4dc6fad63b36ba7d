"""Type detection from bytes, with the name and declared type only as tie-breakers."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from hoering.parse.sniff import OLE_MAGIC, detect_type, ole_stream_names

_FREE = 0xFFFFFFFF


def make_ole(*names: str) -> bytes:
    """A minimal OLE2 compound file: header, one FAT sector, one directory sector."""
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<H", header, 0x1E, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector ...
    struct.pack_into("<I", header, 0x30, 1)  # ... and the directory in sector 1
    struct.pack_into("<109I", header, 0x4C, 0, *[_FREE] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *[_FREE] * 126)
    directory = bytearray(512)
    for index, name in enumerate(["Root Entry", *names][:4]):
        encoded = (name + "\0").encode("utf-16-le")
        directory[index * 128 : index * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, index * 128 + 64, len(encoded))
    return bytes(header + fat + directory)


def make_zip(*names: str, mimetype: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = make_zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
MAIL = b"From: Borger <a@example.dk>\r\nTo: hoering@example.dk\r\nSubject: Svar\r\n\r\nHej\r\n"


def test_pdf_declared_as_octet_stream() -> None:
    assert detect_type(b"%PDF-1.7\n...", "svar.pdf", "application/octet-stream") == "pdf"


def test_pdf_header_after_junk_within_1024_bytes() -> None:
    # Seen from scanners and gateways that prepend bytes; Acrobat still opens the file.
    assert detect_type(b"\r\n" * 300 + b"%PDF-1.4\n", "scan") == "pdf"


def test_pdf_marker_late_in_a_text_is_text() -> None:
    assert detect_type(b"Se bilag. " * 200 + b"%PDF-1.4", "note.txt") == "text"


def test_docx_declared_as_octet_stream_without_extension() -> None:
    assert detect_type(DOCX, "bilag", "application/octet-stream") == "docx"


def test_text_declared_as_pdf_is_text() -> None:
    # The bytes win: a mailer labelled a plain-text file application/pdf.
    assert detect_type("Høringssvar".encode(), "svar.pdf", "application/pdf") == "text"


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (("xl/workbook.xml",), "xlsx"),
        (("ppt/presentation.xml",), "pptx"),
        (("noter.txt", "billede.png"), "zip"),
    ],
)
def test_zip_family(names: tuple[str, ...], kind: str) -> None:
    assert detect_type(make_zip(*names)) == kind


def test_odt_by_its_mimetype_member() -> None:
    data = make_zip("content.xml", mimetype="application/vnd.oasis.opendocument.text")
    assert detect_type(data) == "odt"


def test_truncated_docx_falls_back_to_extension() -> None:
    cut = DOCX[:40]
    assert detect_type(cut, "svar.docx") == "docx"
    assert detect_type(cut, "svar") == "zip"


@pytest.mark.parametrize(
    ("names", "filename", "kind"),
    [
        (("WordDocument", "1Table"), "", "doc"),
        (("__nameid_version1.0", "__substg1.0_0037001F"), "", "msg"),
        (("EncryptionInfo", "EncryptedPackage"), "", "docx"),
        (("EncryptionInfo", "EncryptedPackage"), "budget.xlsx", "xlsx"),
        (("Workbook",), "", "xls"),  # Excel 97-2003
        (("Book",), "", "xls"),  # Excel 5/95
        (("PowerPoint Document",), "", "ole"),  # .ppt: not read
    ],
)
def test_ole2_kind_from_directory(names: tuple[str, ...], filename: str, kind: str) -> None:
    assert detect_type(make_ole(*names), filename) == kind


def test_ole_stream_names_reads_the_directory() -> None:
    assert {"WordDocument", "1Table"} <= ole_stream_names(make_ole("WordDocument", "1Table"))


def test_unreadable_ole_directory_uses_extension() -> None:
    assert detect_type(OLE_MAGIC + bytes(100), "gammel.doc") == "doc"
    assert detect_type(OLE_MAGIC + bytes(100)) == "ole"


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"GIF89a\x01\x00", "gif"),
        (b"II*\x00\x08\x00", "tiff"),
        (b"MM\x00*\x00\x08", "tiff"),
        (b"{\\rtf1\\ansi Hej}", "rtf"),
        (b"\x78\x9f\x3e\x22\x01\x00", "tnef"),
        (b"\xffWPC\x10\x00\x00\x00\x01\x0a", "wordperfect"),  # WordPerfect 5.1 header
    ],
)
def test_magic_numbers(payload: bytes, kind: str) -> None:
    assert detect_type(payload, "fil.bin", "application/octet-stream") == kind


def test_png_declared_as_tnef_is_png() -> None:
    # Outlook read receipts can label a PNG application/ms-tnef "winmail.dat".
    assert detect_type(b"\x89PNG\r\n\x1a\n", "winmail.dat", "application/ms-tnef") == "png"


def test_rfc822_mail_is_message() -> None:
    assert detect_type(MAIL, "videresendt", "application/octet-stream") == "message"


def test_mbox_from_line_before_headers() -> None:
    assert detect_type(b"From a@example.dk Mon Jan  5 10:00:00 2026\n" + MAIL) == "message"


def test_one_header_is_a_message_only_with_an_eml_hint() -> None:
    data = b"Content-Type: text/plain\r\n\r\nHej\r\n"
    assert detect_type(data, "fwd.eml") == "message"
    assert detect_type(data, "", "message/rfc822") == "message"
    assert detect_type(data, "noter.txt") == "text"


def test_text_that_mentions_a_header_is_text() -> None:
    assert detect_type("Subject: mine bemærkninger\nJeg mener at ...\n".encode()) == "text"


def test_html_document() -> None:
    assert detect_type(b"<!DOCTYPE html><html><body><p>Hej</p></body></html>") == "html"


def test_html_fragment_needs_a_hint() -> None:
    fragment = b"<p>Hej</p><br>Mvh"
    assert detect_type(fragment, "svar.html") == "html"
    assert detect_type(fragment, "", "text/html") == "html"
    assert detect_type(fragment, "svar.txt", "text/plain") == "text"


@pytest.mark.parametrize(
    "payload",
    [
        "Æblegrød".encode("utf-16"),  # with BOM
        "Æblegrød".encode("utf-8-sig"),
        "Æblegrød".encode("cp1252"),
        b"tab\tseparated\r\nlines\x0c",
    ],
)
def test_text_in_various_encodings(payload: bytes) -> None:
    assert detect_type(payload) == "text"


@pytest.mark.parametrize("payload", [bytes(range(256)), b"\x00\x01\x02\x03", b"\x01\x02\x03abc"])
def test_binary_is_unknown(payload: bytes) -> None:
    assert detect_type(payload, "fil.txt") == "unknown"


def test_wordperfect_42_needs_a_document_name() -> None:
    # WordPerfect 4.2 has no signature: a function code that the same byte closes.
    payload = b"\xcb\x0a\x01\xf6\x01\xcb\xc0\x0a\x4a\x09\x4a\xc0\x00\x00Sluwe"
    assert detect_type(payload, "brev.doc") == "wordperfect"
    assert detect_type(payload, "brev.wpd") == "wordperfect"
    assert detect_type(payload, "fil.bin") == "unknown"


def test_empty_is_unknown() -> None:
    assert detect_type(b"", "tom.pdf", "application/pdf") == "unknown"


def test_a_windows_bitmap_is_bmp_and_text_starting_bm_is_text() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(out, format="BMP")
    assert detect_type(out.getvalue(), "Untitled Attachment") == "bmp"
    assert detect_type("BMW og Tesla bør dele data om trafikken.\n".encode(), "note.txt") == "text"
