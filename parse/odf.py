"""OpenDocument text, spreadsheets and presentations (.odt, .ods, .odp), read from the XML.

The parts are parsed with parse.xmlsafe (no entities, no network) rather than odfpy, whose
SAX loader builds a full object tree and expands whatever the parser expands.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from hoering.parse.archive import check_unpacked_size, open_zip
from hoering.parse.embedded import with_image_text
from hoering.parse.extracted import Extracted, ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.text import normalize_text
from hoering.parse.xmlsafe import parse_xml

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_HREF = "{http://www.w3.org/1999/xlink}href"
_P, _H = f"{_TEXT}p", f"{_TEXT}h"
_NOTE, _ANNOTATION = f"{_TEXT}note", f"{_OFFICE}annotation"
_ROW, _CELL = f"{_TABLE}table-row", f"{_TABLE}table-cell"
# Deleted text of tracked changes, declarations, and shape titles are not document text.
_SKIP = {
    f"{_TEXT}tracked-changes", f"{_TEXT}sequence-decls", f"{_TEXT}note-citation",
    f"{_OFFICE}forms", f"{_SVG}title", f"{_SVG}desc", f"{_TABLE}covered-table-cell",
    f"{_OFFICE}annotation-end", f"{_TEXT}variable-decls", f"{_TEXT}user-field-decls",
}  # fmt: skip
_SPACES = {f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"}


def extract_odf(data: bytes, limits: ExtractLimits, deadline: float | None = None) -> Extracted:
    """The text (method "odf"), with the OCR text of the pictures in the body appended
    ("odf+ocr") until `deadline` (see parse.ocr). ExtractionError."""
    with open_zip(data) as archive:
        content, styles = _parts(archive, limits)
        images = [_read(archive, name) for name in _pictures(archive, content)]
    return with_image_text(Extracted(_text(content, styles), "odf"), images, limits, deadline)


def _parts(
    archive: zipfile.ZipFile, limits: ExtractLimits
) -> tuple[etree._Element, etree._Element | None]:
    """content.xml and styles.xml (if any), parsed, once the package is found safe."""
    check_unpacked_size(archive, limits)
    if _encrypted(archive):
        raise ExtractionError("encrypted")
    content = parse_xml(_read(archive, "content.xml"))
    styles = parse_xml(_read(archive, "styles.xml")) if _has(archive, "styles.xml") else None
    return content, styles


def _pictures(archive: zipfile.ZipFile, content: etree._Element) -> list[str]:
    """Package members the body shows as pictures (draw:image), in order, each once."""
    names = [image.get(_HREF, "") for image in content.iter(f"{_DRAW}image")]
    return [name for name in dict.fromkeys(names) if _has(archive, name)]


def _text(content: etree._Element, styles: etree._Element | None) -> str:
    """Headers, body, notes and comments, footers; tables one row a line."""
    notes: list[str] = []
    headers, footers = _master_pages(styles, notes) if styles is not None else ([], [])
    body = content.find(f"{_OFFICE}body")
    lines = list(_blocks(body, notes)) if body is not None else []
    return normalize_text("\n".join([*headers, *lines, *notes, *footers]))


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise ExtractionError(f"not a valid OpenDocument file (no {name})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise ExtractionError(f"damaged ({name} unreadable)") from None


def _has(archive: zipfile.ZipFile, name: str) -> bool:
    return name in archive.namelist()


def _encrypted(archive: zipfile.ZipFile) -> bool:
    """True when the manifest says parts are encrypted (a password-protected document)."""
    if not _has(archive, "META-INF/manifest.xml"):
        return False
    manifest = parse_xml(_read(archive, "META-INF/manifest.xml"))
    return manifest.find(f".//{_MANIFEST}encryption-data") is not None


def _master_pages(styles: etree._Element, notes: list[str]) -> tuple[list[str], list[str]]:
    """Text of the page headers and footers defined in styles.xml."""
    headers: list[str] = []
    footers: list[str] = []
    for page in styles.iter(f"{_STYLE}master-page"):
        for child in page:
            if child.tag in (f"{_STYLE}header", f"{_STYLE}header-first"):
                headers += _blocks(child, notes)
            elif child.tag in (f"{_STYLE}footer", f"{_STYLE}footer-first"):
                footers += _blocks(child, notes)
    return _unique(headers), _unique(footers)


def _unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(line for line in lines if line.strip()))


def _blocks(element: etree._Element, notes: list[str]) -> Iterator[str]:
    """Lines of the paragraphs, headings and tables below an element, in order."""
    for child in element:
        if child.tag in _SKIP or not isinstance(child.tag, str):
            continue
        if child.tag in (_P, _H):
            yield from _paragraph(child, notes)
        elif child.tag == f"{_TABLE}table":
            yield from _table(child, notes)
        else:  # lists, sections, frames, text boxes, draw pages, index bodies
            yield from _blocks(child, notes)


def _paragraph(paragraph: etree._Element, notes: list[str]) -> Iterator[str]:
    """The paragraph's text, then shapes and frames anchored in it."""
    parts: list[str] = []
    anchored: list[etree._Element] = []
    _inline(paragraph, parts, anchored, notes)
    yield "".join(parts)
    for shape in anchored:
        yield from _blocks(shape, notes)


def _inline(
    element: etree._Element, parts: list[str], anchored: list[etree._Element], notes: list[str]
) -> None:
    """Collect an element's text; notes and comments go to `notes`, shapes to `anchored`."""
    parts.append(element.text or "")
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            pass
        elif child.tag in _SPACES:
            parts.append(_space(child))
        elif child.tag == _NOTE:
            notes.append(_note(child, notes))
        elif child.tag == _ANNOTATION:
            text = " ".join(line for line in _blocks(child, notes) if line.strip())
            notes.append(f"[Kommentar] {text}")
        elif child.tag.startswith(_DRAW):
            anchored.append(child)
        else:
            _inline(child, parts, anchored, notes)
        parts.append(child.tail or "")


def _space(element: etree._Element) -> str:
    if element.tag == f"{_TEXT}tab":
        return "\t"
    if element.tag == f"{_TEXT}line-break":
        return "\n"
    count = element.get(f"{_TEXT}c") or "1"
    return " " * min(int(count), 100) if count.isdigit() else " "


def _note(note: etree._Element, notes: list[str]) -> str:
    """ "[1] The footnote's text", numbered as the document shows it."""
    citation = note.findtext(f"{_TEXT}note-citation") or ""
    body = note.find(f"{_TEXT}note-body")
    lines = _blocks(body, notes) if body is not None else iter(())
    text = " ".join(line for line in lines if line.strip())
    return f"[{citation.strip()}] {text}".strip()


def _table(table: etree._Element, notes: list[str]) -> Iterator[str]:
    """A sheet name heading for spreadsheets, then one line per non-empty row."""
    name = table.get(f"{_TABLE}name")
    if name and table.getparent() is not None and table.getparent().tag == f"{_OFFICE}spreadsheet":
        yield f"Ark: {name}"
    for row in table.iter(_ROW):
        cells = []
        for cell in row.iterchildren(_CELL):
            text = " ".join(line.strip() for line in _blocks(cell, notes) if line.strip())
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells)
