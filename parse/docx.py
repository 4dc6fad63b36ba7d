"""Text of a Word .docx in reading order: headers, body (paragraphs and tables), footnotes,
endnotes, comments, footers. Files python-docx refuses are read from the XML (docx_xml)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from lxml import etree

from hoering.errors import HoeringError
from hoering.parse.docx_xml import docx_xml_images, extract_docx_xml
from hoering.parse.embedded import with_image_text
from hoering.parse.extracted import Extracted, ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.ooxml import check_package
from hoering.parse.text import normalize_text
from hoering.parse.word_headings import body_look
from hoering.parse.word_numbering import read_numbering
from hoering.parse.wordml import comments_text, notes_text, story_text
from hoering.parse.xmlsafe import parse_xml

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HEADER_REF, _FOOTER_REF = f"{_W}headerReference", f"{_W}footerReference"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"


class DocxError(ExtractionError):
    """The file could not be read as a Word document; the message is a short reason."""


class _Refused(HoeringError):
    """python-docx will not open this package, though the XML may still be readable."""


def extract_docx(data: bytes, limits: ExtractLimits, deadline: float | None = None) -> Extracted:
    """The document's text, method "docx", or "fallback" when read from the XML directly;
    "+ocr" when pictures in the body gave text (OCR until `deadline`, see parse.ocr)."""
    _check_package(data, limits)
    try:
        document = _open(data)
    except _Refused:
        # Strict Open XML, .docm/.dotx content types, a main part python-docx cannot find.
        text, images = extract_docx_xml(data), docx_xml_images(data)
        return with_image_text(Extracted(text, "fallback"), images, limits, deadline)
    images = _images(document.part)
    return with_image_text(Extracted(_document_text(document), "docx"), images, limits, deadline)


def extract_docx_text(data: bytes) -> str:
    """Text of a .docx that python-docx opens (no fallback). Raises DocxError."""
    _check_package(data, ExtractLimits())
    try:
        return _document_text(_open(data))
    except _Refused:
        raise DocxError("not a valid Word file (python-docx refuses it)") from None


def _document_text(document: Document) -> str:
    main = document.part
    headers, footers = _header_footer_parts(main)
    texts = [story_text(part.element, part) for part in headers]
    # Numbers as Word shows them ("1.", "2.1"): counted through the body, where lists live.
    styles = _related_element(main, RT.STYLES)
    numbering = read_numbering(_related_element(main, RT.NUMBERING), styles)
    look = body_look(document.element.body, styles)
    texts.append(story_text(document.element.body, main, numbering, True, look))
    texts += notes_text(_related_element(main, RT.FOOTNOTES), _related_element(main, RT.ENDNOTES))
    texts.append(comments_text(_related_element(main, RT.COMMENTS)))
    texts += [story_text(part.element, part) for part in footers]
    return normalize_text("\n\n".join(text for text in texts if text.strip()))


def _check_package(data: bytes, limits: ExtractLimits) -> None:
    try:
        check_package(data, limits, "not a valid Word file (OLE2, an old .doc?)")
    except ExtractionError as exc:
        reason = "not a valid Word file" if "not a valid zip" in str(exc) else str(exc)
        raise DocxError(reason) from None


def _open(data: bytes) -> Document:
    """Load the package; DocxError when damaged, _Refused when python-docx declines it."""
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise DocxError("not a valid Word file") from None
    except (KeyError, ValueError):
        # KeyError: no main part under the Transitional relationship type (Strict files);
        # ValueError: python-docx only accepts the plain document content type.
        raise _Refused from None
    except etree.XMLSyntaxError:
        raise DocxError("damaged (invalid XML)") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # zipfile: corrupt deflate data, cut-off member, unknown compression, encrypted member
        raise DocxError(f"damaged ({type(exc).__name__} reading the zip)") from None


def _related_element(main: Part, reltype: str) -> etree._Element | None:
    """The root element of the part the main document relates to by type, if any."""
    for rel in main.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            return element if element is not None else parse_xml(part.blob)
    return None


def _images(main: Part) -> Iterator[bytes]:
    """The pictures the body shows, in reading order, each once (DrawingML and VML)."""
    seen: set[str] = set()
    for element in main.element.iter(_BLIP, _VML_IMAGE):
        rel_id = element.get(_R_EMBED) or element.get(_R_ID)
        part = main.related_parts.get(rel_id) if rel_id else None
        if part is not None and part.partname not in seen:
            seen.add(part.partname)
            yield part.blob


def _header_footer_parts(main: Part) -> tuple[list[Part], list[Part]]:
    """Every distinct header and footer part the sections refer to, in order."""
    headers: list[Part] = []
    footers: list[Part] = []
    for ref in main.element.iter(_HEADER_REF, _FOOTER_REF):
        target = main.related_parts.get(ref.get(_R_ID))
        found = headers if ref.tag == _HEADER_REF else footers
        if target is not None and target not in found:
            found.append(target)
    return headers, footers
