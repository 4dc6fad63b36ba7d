"""extract_attachment over the third-party document corpus in ../shared/corpus.

Each file's quirk is described in ../shared/corpus/MANIFEST.tsv.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
import warnings
from pathlib import Path

import pytest

from parse.attachments import extract_attachment
from parse.model import Attachment
from parse.sniff import detect_type

CORPUS = (Path(__file__).parents[1] / ".." / "shared" / "corpus").resolve()
SLOW_SECONDS = 5.0

if not CORPUS.is_dir():
    _reason = f"document corpus not found at {CORPUS}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{_reason}; CI must provide it", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.corpus


def files(*kinds: str) -> list[Path]:
    return sorted(path for kind in kinds for path in (CORPUS / kind).iterdir() if path.is_file())


@functools.cache
def extract(path: Path) -> tuple[Attachment, float]:
    """Extract once per session: the 204-page PDF alone takes seconds."""
    payload = path.read_bytes()
    start = time.perf_counter()
    attachment = extract_attachment(path.name, path.name, "application/octet-stream", payload)
    return attachment, time.perf_counter() - start


# PDFs and DOCX files that legitimately give no text, with the error they must get.
NO_TEXT = {
    # Cut at 8192 bytes: no xref, trailer or %%EOF.
    "os2ds_embedded-cpr.8192.pdf": "pdf: damaged (unexpected end of file)",
    # Only metadata (with a NUL in /Author); no text content on the page.
    "os2ds_null-byte-in-author.pdf": "pdf: no text layer (scanned?)",
    # AES-256 with a required user password ("usersecret"), which we do not have.
    "pdfminer_aes-256-r6-needs-password.pdf": "pdf: encrypted",
    # A scanned page: one JBIG2 image, no text layer.
    "pdfminer_pdf-with-jbig2.pdf": "pdf: no text layer (scanned?)",
    # Image-only page; the text is pixels and needs OCR.
    "tika_testOCR.pdf": "pdf: no text layer (scanned?)",
    # ISO 29500 Strict namespaces; python-docx cannot open it (known limitation).
    "docx2python_strict.docx": "docx: Strict Open XML not supported",
    # Nested tables whose cells are all empty.
    "pythondocx_tbl-having-tables.docx": "docx: no text",
    # Empty body; the header holds only a picture.
    "tika_headerPic.docx": "docx: no text",
    # Password "tika": an OLE2 EncryptedPackage, not a zip.
    "tika_testWORD_protected_passtika.docx": "docx: encrypted",
    # 763 bytes of a cut-off zip.
    "tika_testWORD_truncated.docx": "docx: not a valid Word file",
}

# What the sniffer must call each file in other/ (text extraction comes in a later issue).
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
    "tika_testWordPerfect_42.doc": "unknown",  # WordPerfect, not OLE2, despite .doc
}

# Phrases checked by reading the extracted text against the original documents.
PHRASES = [
    ("pdf/os2ds_Midler-til-frivilligt-arbejde.pdf", "Livarehabs tilbud"),
    ("pdf/os2ds_OS2DS-Brugerhaandbog.pdf", "Brugerhåndbog"),
    ("pdf/os2ds_OS2DS-Brugerhaandbog.pdf", "stifinder"),  # ﬁ ligature spelled out
    ("pdf/os2ds_Tilsynsrapport-2013-Kaerkommen.pdf", "Tilsynsrapport for"),
    ("pdf/os2ds_embedded-cpr.pdf", "Uansvarlig Databehandling ApS"),
    ("pdf/pypdf_r6-empty-password.pdf", "pdf encryption test"),
    ("pdf/pdfminer_issue-625-identity-cmap.pdf", "Faktura nr FV 1/2021"),
    ("pdf/pdfminer_zen_of_python_corrupted.pdf", "Beautiful is better than ugly."),
    ("pdf/tika_testPDF_no_extract_no_accessibility_owner_empty.pdf", "Hello World"),
    ("docx/os2ds_embedded-cpr.docx", "Uansvarlig Databehandling ApS"),
    ("docx/tika_testAltChunkHTML.docx", "Simple paragraph with a emphasized word."),
    ("docx/docx2python_renamed_document_xml.docx", "This is a link to my website."),
    ("docx/mammoth_utf8-bom.docx", "This XML has a byte order mark."),
    ("docx/pythondocx_doc-odd-even-hdrs.docx", "Even page header."),
    ("docx/pythondocx_doc-odd-even-hdrs.docx", "Odd page header."),
    ("docx/docx2python_merged_cells.docx", "0-0 | 0-12 | 0-3"),
    ("docx/tika_testWORD_various.docx", "Row 1 Col 1 | Row 1 Col 2 | Row 1 Col 3"),
]


@pytest.mark.parametrize("path", files("pdf", "docx", "other"), ids=lambda path: path.name)
def test_never_raises_and_describes_the_bytes(path: Path) -> None:
    attachment, seconds = extract(path)
    if seconds > SLOW_SECONDS:
        warnings.warn(f"{path.name}: extraction took {seconds:.1f} s", stacklevel=1)
    payload = path.read_bytes()
    assert attachment.size == len(payload)
    assert attachment.sha256 == hashlib.sha256(payload).hexdigest()
    assert attachment.text or attachment.error


@pytest.mark.parametrize("path", files("pdf", "docx"), ids=lambda path: path.name)
def test_text_or_a_known_reason(path: Path) -> None:
    attachment, _seconds = extract(path)
    if path.name in NO_TEXT:
        assert (attachment.text, attachment.error) == ("", NO_TEXT[path.name])
    else:
        assert attachment.text.strip()
        assert attachment.error is None
        assert attachment.method == {"pdf": "text-layer", "docx": "docx"}[path.parent.name]


@pytest.mark.parametrize("path", files("other"), ids=lambda path: path.name)
def test_other_formats_are_sniffed(path: Path) -> None:
    attachment, _seconds = extract(path)
    assert attachment.detected_type == OTHER_TYPES[path.name]
    if attachment.detected_type != "text":
        assert attachment.error == f"unsupported type: {attachment.detected_type}"


@pytest.mark.parametrize(("name", "phrase"), PHRASES)
def test_expected_phrase(name: str, phrase: str) -> None:
    attachment, _seconds = extract(CORPUS / name)
    assert phrase in attachment.text


def test_text_box_read_once() -> None:
    # The box is stored twice (DrawingML and a VML fallback); naive readers repeat it.
    attachment, _seconds = extract(CORPUS / "docx" / "tika_testWORD_text_box.docx")
    assert attachment.text.count("This text is inside of a text box in the body") == 1
    assert attachment.text.count("text box in the header") == 1


def test_no_ligature_code_points_from_typeset_pdf() -> None:
    attachment, _seconds = extract(CORPUS / "pdf" / "os2ds_OS2DS-Brugerhaandbog.pdf")
    assert not set("ﬀﬁﬂﬃﬄ") & set(attachment.text)


@pytest.mark.parametrize("path", files("eml"), ids=lambda path: path.name)
def test_every_corpus_mail_is_sniffed_as_message(path: Path) -> None:
    # The message parser routes .eml attachments by this answer.
    assert detect_type(path.read_bytes(), path.name) == "message"
