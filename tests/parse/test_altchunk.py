"""Word altChunk: files imported whole into a .docx, read as Word shows them.

Built from Tika's corpus file docx/tika_testAltChunkHTML.docx (its HTML chunk), with the
chunk or the package type swapped in memory.
"""

from __future__ import annotations

import email.policy
import io
import zipfile
from email.message import EmailMessage

import docx

from hoering.parse.docx import extract_docx
from hoering.parse.limits import ExtractLimits
from tests.kit.paths import CORPUS

ALT_CHUNK = CORPUS / "docx" / "tika_testAltChunkHTML.docx"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def swapped(chunk: bytes | None = None, chunk_type: str = "text/html", main: str = MAIN) -> bytes:
    """The corpus file with another chunk (and its content type) or another main type."""
    out = io.BytesIO()
    with zipfile.ZipFile(ALT_CHUNK) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/htmlDoc.html" and chunk is not None:
                data = chunk
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b'ContentType="text/html"', f'ContentType="{chunk_type}"'.encode()
                )
                data = data.replace(MAIN.encode(), main.encode())
            target.writestr(info, data)
    return out.getvalue()


def test_html_chunk_is_read() -> None:
    result = extract_docx(ALT_CHUNK.read_bytes(), ExtractLimits())
    assert result.text.startswith("Simple paragraph with a emphasized word.")
    assert "Col 1 | Col 2\nROW 1 | ROW 1" in result.text


def test_html_chunk_in_a_macro_enabled_package_is_read_by_the_xml_fallback() -> None:
    # python-docx refuses the .docm main type; the XML fallback must still follow the chunk.
    docm = swapped(main="application/vnd.ms-word.document.macroEnabled.main+xml")
    result = extract_docx(docm, ExtractLimits())
    assert result.method == "fallback"
    assert result.text.startswith("Simple paragraph with a emphasized word.")


def test_html_chunk_charset_from_its_meta_tag() -> None:
    # Word's "Insert > Text from File" keeps a saved web page's windows-1252 bytes.
    page = '<html><head><meta charset="windows-1252"></head><body><p>Høringssvar: ja tak</p>'
    result = extract_docx(swapped(page.encode("cp1252")), ExtractLimits())
    assert result.text == "Høringssvar: ja tak"


def test_rtf_chunk_is_read() -> None:
    rtf = (CORPUS / "other" / "tika_testRTFWindowsCodepage1250.rtf").read_bytes()
    result = extract_docx(swapped(rtf, "application/rtf"), ExtractLimits())
    assert "zażółć gęślą jaźń" in result.text


def test_web_archive_chunk_is_read() -> None:
    page = EmailMessage(policy=email.policy.SMTP)
    page["Subject"] = "Gemt webside"
    page.set_content("<html><body><p>Vi støtter åbne data.</p></body></html>", subtype="html")
    result = extract_docx(swapped(page.as_bytes(), "message/rfc822"), ExtractLimits())
    assert result.text == "Vi støtter åbne data."


def test_word_document_chunk_is_read() -> None:
    # Document generators (docx4j MergeDocx, OpenXML SDK) import another document's body.
    made = docx.Document()
    made.add_paragraph("Bilag fra Nordby Kommune")
    buffer = io.BytesIO()
    made.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        body = package.read("word/document.xml")
    result = extract_docx(swapped(body, MAIN), ExtractLimits())
    assert result.text == "Bilag fra Nordby Kommune"
