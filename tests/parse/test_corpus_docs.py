"""Extraction over the third-party document corpus in ../shared/corpus.

Each file's quirk is described in ../shared/corpus/MANIFEST.tsv. Every document goes
through the default Extractor (containers with their members); results are cached per
session because the 204-page PDF alone takes seconds. OCR runs on the two scanned PDFs
only (about 2 s each).
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import time
import warnings
from pathlib import Path

import pytest

from hoering.parse.message import extract
from hoering.parse.model import Attachment, AttachmentInput
from hoering.parse.sniff import detect_type
from tests.kit.needs import missing
from tests.kit.paths import CORPUS

SLOW_SECONDS = 10.0

if not CORPUS.is_dir():
    missing(f"document corpus not found at {CORPUS}", module=True)

pytestmark = pytest.mark.corpus


def files(*kinds: str) -> list[Path]:
    return sorted(path for kind in kinds for path in (CORPUS / kind).iterdir() if path.is_file())


@functools.cache
def extract_all(path: Path) -> tuple[tuple[Attachment, ...], float]:
    """The file and its members, extracted once per session, and the seconds it took."""
    payload = path.read_bytes()
    start = time.perf_counter()
    found = extract(AttachmentInput(path.name, path.name, "application/octet-stream", payload))
    return tuple(found), time.perf_counter() - start


def first(path: Path) -> Attachment:
    return extract_all(path)[0][0]


# Files that legitimately give no text, with the error they must get.
NO_TEXT = {
    # Cut at 8192 bytes: no xref, trailer or %%EOF.
    "os2ds_embedded-cpr.8192.pdf": "pdf: damaged (unexpected end of file)",
    # Only metadata (with a NUL in /Author); no text content and no image on the page.
    "os2ds_null-byte-in-author.pdf": "pdf: no text layer and nothing to OCR",
    # AES-256 with a required user password ("usersecret"), which we do not have.
    "pdfminer_aes-256-r6-needs-password.pdf": "pdf: encrypted",
    # Nested tables whose cells are all empty.
    "pythondocx_tbl-having-tables.docx": "docx: no text",
    # Empty body; the header holds only a picture.
    "tika_headerPic.docx": "docx: no text",
    # Password "tika": an OLE2 EncryptedPackage, not a zip.
    "tika_testWORD_protected_passtika.docx": "docx: encrypted",
    # 763 bytes of a cut-off zip.
    "tika_testWORD_truncated.docx": "docx: not a valid Word file",
    # Cut at 4096 bytes: catdoc cannot read the OLE2 directory.
    "os2ds_test.trunc.doc": "doc: damaged (Broken OLE file)",
    # content.xml is encrypted (password not published); the manifest says so.
    "tika_testODTEncrypted.odt": "odt: encrypted",
}

# Image-only PDFs: their text comes from Tesseract.
OCR = {"tika_testOCR.pdf", "pdfminer_pdf-with-jbig2.pdf"}
# Documents whose pictures hold words: the text layer plus Tesseract's reading of them.
PICTURES = {"os2ds_embedded-cpr.docx": "docx+ocr", "os2ds_embedded-cpr.odt": "odf+ocr"}

METHODS = {
    "pdf": "text-layer", "docx": "docx", "odt": "odf", "rtf": "rtf", "doc": "catdoc",
    "msg": "msg", "tnef": "tnef", "text": "decoded", "wordperfect": "wpd2text",
}  # fmt: skip

# What the sniffer must call each file in other/.
OTHER_TYPES = {
    "mimekit_winmail.tnef": "tnef",
    "msgreader_EmailWithSpecialCharsInSubject.msg": "msg",
    "msgreader_RtfSampleEmail.msg": "msg",
    "os2ds_Sundhedsjournal.doc": "doc",
    "os2ds_embedded-cpr.odt": "odt",
    "os2ds_test.trunc.doc": "doc",  # directory unreadable: the extension decides
    "spamscope_mail_outlook_1.msg": "msg",
    "tika_testMSG_att_doc.msg": "msg",  # carries a .doc, must still be msg
    "tika_testMSG_att_msg.msg": "msg",
    "tika_testODFwithOOo3.odt": "odt",
    "tika_testODTEncrypted.odt": "odt",
    "tika_testODTnotaZipFile.odt": "text",  # 24 bytes of plain text named .odt
    "tika_testOpenOffice2.odt": "odt",
    "tika_testRTFInvalidUnicode.rtf": "rtf",
    "tika_testRTFWindowsCodepage1250.rtf": "rtf",
    "tika_testRTFWord2010CzechCharacters.rtf": "rtf",
    "tika_testWINMAIL.dat": "tnef",
    "tika_testWORD.doc": "doc",
    "tika_testWORD6.doc": "doc",
    "tika_testWordPerfect_42.doc": "wordperfect",  # WordPerfect 4.2, not OLE2, despite .doc
}

# (file, path of the attachment within it, phrase), checked by reading the extracted text
# against the original documents.
PHRASES = [
    ("pdf/os2ds_Midler-til-frivilligt-arbejde.pdf", "", "Livarehabs tilbud"),
    ("pdf/os2ds_OS2DS-Brugerhaandbog.pdf", "", "Brugerhåndbog"),
    ("pdf/os2ds_OS2DS-Brugerhaandbog.pdf", "", "stifinder"),  # ﬁ ligature spelled out
    ("pdf/os2ds_Tilsynsrapport-2013-Kaerkommen.pdf", "", "Tilsynsrapport for"),
    ("pdf/os2ds_embedded-cpr.pdf", "", "Uansvarlig Databehandling ApS"),
    ("pdf/pypdf_r6-empty-password.pdf", "", "pdf encryption test"),
    ("pdf/pdfminer_issue-625-identity-cmap.pdf", "", "Faktura nr FV 1/2021"),
    ("pdf/pdfminer_zen_of_python_corrupted.pdf", "", "Beautiful is better than ugly."),
    ("pdf/tika_testPDF_no_extract_no_accessibility_owner_empty.pdf", "", "Hello World"),
    ("pdf/tika_testOCR.pdf", "", "Happy New Year 2003"),  # OCR
    ("pdf/pdfminer_pdf-with-jbig2.pdf", "", "Doesn't"),  # OCR of a JBIG2 scan
    ("pdf/tika_testPDFTwoTextBoxes.pdf", "", "Right column line 1"),
    ("docx/os2ds_embedded-cpr.docx", "", "Uansvarlig Databehandling ApS"),
    ("docx/tika_testAltChunkHTML.docx", "", "Simple paragraph with a emphasized word."),
    ("docx/docx2python_renamed_document_xml.docx", "", "This is a link to my website."),
    ("docx/mammoth_utf8-bom.docx", "", "This XML has a byte order mark."),
    ("docx/pythondocx_doc-odd-even-hdrs.docx", "", "Even page header."),
    ("docx/pythondocx_doc-odd-even-hdrs.docx", "", "Odd page header."),
    ("docx/docx2python_merged_cells.docx", "", "0-0 | 0-12 | 0-3"),
    ("docx/tika_testWORD_various.docx", "", "Row 1 Col 1 | Row 1 Col 2 | Row 1 Col 3"),
    ("docx/tika_testWORD_various.docx", "", "[1] This is a footnote."),
    ("docx/docx2python_example.docx", "", "[2] Second footnote"),
    ("docx/docx2python_example.docx", "", "[Slutnote 1] First endnote"),
    ("docx/tika_testWORD_2006ml.docx", "", "[Kommentar] This is a comment"),
    ("docx/docx2python_strict.docx", "", "Cellaa | Cellab"),  # Strict OOXML fallback
    ("other/os2ds_embedded-cpr.odt", "", "Vedhæftet finder De et billede af et CPR-nummer."),
    ("other/os2ds_embedded-cpr.odt", "", "Bilag 1\n\n[Billede]\n131016-9996"),  # OCR
    ("docx/os2ds_embedded-cpr.docx", "", "Bilag 1\n\n[Billede]\n131016-9996"),  # OCR
    ("other/tika_testODFwithOOo3.odt", "", "This is a rather difficult test document"),
    ("other/tika_testODFwithOOo3.odt", "", "[1] This is of course a simple footnote"),
    ("other/tika_testOpenOffice2.odt", "", "written in NeoOffice 2.2.1 for the Mac"),
    ("other/tika_testRTFWindowsCodepage1250.rtf", "", "zażółć gęślą jaźń"),
    ("other/tika_testRTFWord2010CzechCharacters.rtf", "", "Část svitku s textem Knihy Izajáš"),
    ("other/os2ds_Sundhedsjournal.doc", "", "uafbrudt hovedpine i de sidste 3 dage"),
    ("other/tika_testWORD.doc", "", "This is a sample Microsoft Word Document."),
    ("other/tika_testWORD6.doc", "", "The quick brown fox jumps over the lazy dog"),
    ("other/tika_testWordPerfect_42.doc", "", "Sluwe Sjaantje sloeg de slome slager."),
    ("other/msgreader_EmailWithSpecialCharsInSubject.msg", "", "Àéroport mañana être ouïe"),
    ("other/msgreader_RtfSampleEmail.msg", "", "so Genoa and Lucca are now just family"),
    ("other/spamscope_mail_outlook_1.msg", "", "Sehr geehrte Frau Gaiser-Schönenborn"),
    ("other/tika_testMSG_att_doc.msg", "test-unicode.doc", "euro : € (20AC)"),
    ("other/tika_testMSG_att_msg.msg", "Test Attachment.msg", "Blah blah blah"),
    ("other/tika_testMSG_att_msg.msg", "smbprn.00009008.KdcPjl.pdf", "Nick Booth"),
    ("other/tika_testWINMAIL.dat", "", "Five files from Hell!"),
    ("other/tika_testWINMAIL.dat", "quick.doc", "The quick brown fox jumps over the lazy dog"),
    ("other/tika_testWINMAIL.dat", "quick.pdf", "The quick brown fox jumps over the lazy dog"),
    ("other/mimekit_winmail.tnef", "", "3333333333333333333"),  # compressed RTF, GBK
]


@pytest.mark.parametrize("path", files("pdf", "docx", "other"), ids=lambda path: path.name)
def test_never_raises_and_describes_the_bytes(path: Path) -> None:
    found, seconds = extract_all(path)
    if seconds > SLOW_SECONDS:
        warnings.warn(f"{path.name}: extraction took {seconds:.1f} s", stacklevel=1)
    payload = path.read_bytes()
    assert found[0].size == len(payload)
    assert found[0].sha256 == hashlib.sha256(payload).hexdigest()
    assert found[0].extractor_version.startswith(f"{found[0].detected_type}/")
    assert found[0].text or found[0].error or len(found) > 1


@pytest.mark.parametrize("path", files("pdf", "docx", "other"), ids=lambda path: path.name)
def test_text_or_a_known_reason(path: Path) -> None:
    attachment = first(path)
    if path.name in NO_TEXT:
        assert (attachment.text, attachment.error) == ("", NO_TEXT[path.name])
        return
    if path.name == "tika_testWordPerfect_42.doc" and shutil.which("wpd2text") is None:
        expected = "wordperfect: wpd2text not installed (Debian package libwpd-tools)"
        assert attachment.error == expected
        return
    if path.name in OCR | set(PICTURES) and shutil.which("tesseract") is None:
        kind = attachment.detected_type
        assert attachment.error == f"{kind}: ocr unavailable (tesseract not installed)"
        return
    assert attachment.text.strip()
    assert attachment.error is None
    expected = "ocr" if path.name in OCR else METHODS[attachment.detected_type]
    expected = PICTURES.get(path.name, expected)
    if path.name == "docx2python_strict.docx":
        expected = "fallback"  # python-docx refuses Strict namespaces
    assert attachment.method == expected


@pytest.mark.parametrize("path", files("other"), ids=lambda path: path.name)
def test_other_formats_are_sniffed(path: Path) -> None:
    assert first(path).detected_type == OTHER_TYPES[path.name]


@pytest.mark.parametrize(("name", "member", "phrase"), PHRASES)
def test_expected_phrase(name: str, member: str, phrase: str) -> None:
    found, _seconds = extract_all(CORPUS / name)
    path = "/".join(filter(None, [found[0].path, member]))
    texts = {attachment.path: attachment.text for attachment in found}
    assert phrase in texts[path]


def test_text_box_read_once() -> None:
    # The box is stored twice (DrawingML and a VML fallback); naive readers repeat it.
    attachment = first(CORPUS / "docx" / "tika_testWORD_text_box.docx")
    assert attachment.text.count("This text is inside of a text box in the body") == 1
    assert attachment.text.count("text box in the header") == 1


def test_no_ligature_code_points_from_typeset_pdf() -> None:
    attachment = first(CORPUS / "pdf" / "os2ds_OS2DS-Brugerhaandbog.pdf")
    assert not set("ﬀﬁﬂﬃﬄ") & set(attachment.text)


def test_odt_comment_is_not_read_into_the_sentence() -> None:
    # OpenOffice 3 stores a comment inline in the heading it annotates.
    attachment = first(CORPUS / "other" / "tika_testODFwithOOo3.odt")
    assert "Apache Tika Test Document" in attachment.text
    assert "[Kommentar] Tika is part of the Lucene project." in attachment.text


def test_rtf_unpaired_surrogates_become_replacement_characters() -> None:
    attachment = first(CORPUS / "other" / "tika_testRTFInvalidUnicode.rtf")
    assert "Unpaired hi \ufffd here" in attachment.text
    assert not any("\ud800" <= char <= "\udfff" for char in attachment.text)


def test_winmail_members_follow_the_container() -> None:
    found, _seconds = extract_all(CORPUS / "other" / "tika_testWINMAIL.dat")
    assert [a.path for a in found] == [
        "tika_testWINMAIL.dat",
        *(f"tika_testWINMAIL.dat/quick.{ext}" for ext in ("doc", "html", "pdf", "txt", "xml")),
    ]
    assert [a.method for a in found[1:4]] == ["catdoc", "html", "text-layer"]


def test_embedded_msg_is_extracted_with_its_own_header() -> None:
    found, _seconds = extract_all(CORPUS / "other" / "tika_testMSG_att_msg.msg")
    inner = found[1]
    assert (inner.path, inner.detected_type) == (
        "tika_testMSG_att_msg.msg/Test Attachment.msg",
        "msg",
    )
    assert "Emne: Test Attachment" in inner.text


def test_signature_images_in_msg_are_skipped_without_error() -> None:
    # Outlook newsletters carry spacer GIFs and tiny JPEGs: nothing to read, nothing wrong.
    found, _seconds = extract_all(CORPUS / "other" / "spamscope_mail_outlook_1.msg")
    spacer = next(a for a in found if a.path.endswith("spacer.gif"))
    assert (spacer.text, spacer.method, spacer.error) == ("", "none", None)


@pytest.mark.parametrize("path", files("eml"), ids=lambda path: path.name)
def test_every_corpus_mail_is_sniffed_as_message(path: Path) -> None:
    # The message parser routes .eml attachments by this answer.
    assert detect_type(path.read_bytes(), path.name) == "message"


def test_damaged_wordperfect_gets_a_reason() -> None:
    if shutil.which("wpd2text") is None:
        missing("wpd2text not installed (Debian libwpd-tools)")
    payload = b"\xffWPC" + bytes(60)  # the signature, then nothing WordPerfect can read
    found = extract(AttachmentInput("brev.wpd", "brev.wpd", "application/wordperfect", payload))
    assert (found[0].detected_type, found[0].text) == ("wordperfect", "")
    assert found[0].error == "wordperfect: damaged (Unsupported file format)"


def test_pictures_pasted_into_an_rtf_mail_are_read_as_pictures() -> None:
    # Outlook stores them as OLE objects ("Untitled Attachment"): an interface id, then an
    # OLE2 file whose CONTENTS stream is the bitmap. Both are logo-sized: no text, no error.
    found, _seconds = extract_all(CORPUS / "other" / "mimekit_winmail.tnef")
    pictures = found[1:]
    assert [a.path for a in pictures] == [
        "mimekit_winmail.tnef/Untitled Attachment.bmp",
        "mimekit_winmail.tnef/Untitled Attachment (2).bmp",
    ]
    assert {(a.detected_type, a.method, a.error) for a in pictures} == {("bmp", "none", None)}
