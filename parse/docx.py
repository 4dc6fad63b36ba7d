"""Text of a Word .docx in reading order: headers, body (paragraphs and tables), footers."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from lxml import etree

from parse.sniff import OLE_MAGIC, ole_stream_names
from parse.text import decode_text, html_to_text, normalize_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_P, _R, _TBL, _TR, _TC = (f"{_W}{tag}" for tag in ("p", "r", "tbl", "tr", "tc"))
_TXBX, _ALT_CHUNK = f"{_W}txbxContent", f"{_W}altChunk"
_HEADER_REF, _FOOTER_REF = f"{_W}headerReference", f"{_W}footerReference"
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
# Deleted and moved-away text is not part of the document as it reads now, and
# mc:Fallback repeats the mc:Choice content (e.g. a text box in VML as well as DrawingML).
_SKIP = {
    f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}sectPr", f"{_W}pPr", f"{_W}rPr",
    f"{_W}tblPr", f"{_W}trPr", f"{_W}tcPr", f"{_W}sdtPr", f"{_W}sdtEndPr",
}  # fmt: skip


class DocxError(Exception):
    """The file could not be read as a Word document; the message is a short reason."""


def extract_docx_text(data: bytes) -> str:
    """Headers, body and footers of a .docx as plain text. Raises DocxError."""
    document = _open(data)
    main = document.part
    headers, footers = _header_footer_parts(main)
    stories = [(part.element, part) for part in headers]
    stories.append((document.element.body, main))
    stories += [(part.element, part) for part in footers]
    texts = ("\n".join(_blocks(element, part)) for element, part in stories)
    return normalize_text("\n\n".join(texts))


def _open(data: bytes) -> Document:
    """Load the package, turning the many ways it can fail into one DocxError."""
    if data.startswith(OLE_MAGIC):
        # Word saves password-protected .docx files as an OLE2 wrapper around the zip.
        if "EncryptedPackage" in ole_stream_names(data):
            raise DocxError("encrypted")
        raise DocxError("not a valid Word file (OLE2, an old .doc?)")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise DocxError("not a valid Word file") from None
    except KeyError:
        if _is_strict_ooxml(data):
            raise DocxError("Strict Open XML not supported") from None
        raise DocxError("not a valid Word file (no main document part)") from None
    except ValueError:
        # python-docx only accepts the plain document content type, not .docm/.dotx.
        raise DocxError("unsupported Word variant (macro-enabled or template)") from None
    except etree.XMLSyntaxError:
        raise DocxError("damaged (invalid XML)") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # zipfile: corrupt deflate data, cut-off member, unknown compression, encrypted member
        raise DocxError(f"damaged ({type(exc).__name__} reading the zip)") from None


def _is_strict_ooxml(data: bytes) -> bool:
    """True for ISO 29500 Strict files, whose namespaces python-docx does not know."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rels = archive.read("_rels/.rels")
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError):
        return False
    return b"purl.oclc.org/ooxml" in rels


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


def _blocks(container: etree._Element, part: Part) -> Iterator[str]:
    """Text of the paragraphs, tables and imported chunks in a container, in order."""
    for child in container:
        if child.tag == _P:
            yield from _paragraph(child, part)
        elif child.tag == _TBL:
            yield _table(child, part)
        elif child.tag == _ALT_CHUNK:
            yield _alt_chunk(child, part)
        elif child.tag not in _SKIP:  # content controls, custom XML, mc:Choice
            yield from _blocks(child, part)


def _paragraph(paragraph: etree._Element, part: Part) -> Iterator[str]:
    """The paragraph's own text, then the text of any text boxes anchored in it."""
    runs: list[etree._Element] = []
    boxes: list[etree._Element] = []
    _collect(paragraph, runs, boxes)
    yield "".join(run.text for run in runs)
    for box in boxes:
        yield from _blocks(box, part)


def _collect(
    element: etree._Element, runs: list[etree._Element], boxes: list[etree._Element]
) -> None:
    """Gather the runs and text boxes below an element, skipping deleted text."""
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag == _TXBX:
            boxes.append(child)
            continue
        if child.tag == _R:
            runs.append(child)
        _collect(child, runs, boxes)


def _table(table: etree._Element, part: Part) -> str:
    """One line per row, non-empty cells joined with ' | '; merged cells once."""
    rows = []
    for row in _children(table, _TR):
        cells = []
        for cell in _children(row, _TC):
            if _continues_merge(cell):
                continue
            text = "\n".join(_blocks(cell, part)).strip()
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with a tag, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _continues_merge(cell: etree._Element) -> bool:
    """True for the lower cells of a vertical merge; their text lives in the top cell."""
    for merge in cell.iterfind(f"{_W}tcPr/{_W}vMerge"):
        return merge.get(f"{_W}val") in (None, "continue")
    return False


def _alt_chunk(chunk: etree._Element, part: Part) -> str:
    """Text of an imported HTML or plain-text chunk (w:altChunk), "" for other kinds."""
    target = part.related_parts.get(chunk.get(_R_ID))
    if target is None:
        return ""
    content_type = target.content_type
    if "html" not in content_type and content_type != "text/plain":
        return ""
    text, _warning = decode_text(target.blob, None)
    return html_to_text(text) if "html" in content_type else text
