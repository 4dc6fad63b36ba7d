"""Parse XML from untrusted documents without entity expansion or network access."""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree

from hoering.parse.extracted import ExtractionError

_REFUSED = "XML with a DTD refused (entity expansion)"


def parse_xml(data: bytes) -> etree._Element:
    """The root element; raises ExtractionError for DTD entities or malformed XML.

    Office and OpenDocument parts never declare entities, so a part that does is an
    attack (billion laughs, external entities) and is refused outright.
    """
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise ExtractionError(_REFUSED)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ExtractionError("damaged (invalid XML)") from None
    if root.getroottree().docinfo.internalDTD is not None:  # a UTF-16 part hides the bytes
        raise ExtractionError(_REFUSED)
    return root


def refuse_entities(archive: zipfile.ZipFile) -> None:
    """Raise ExtractionError if any XML part of a package declares a DTD.

    For packages handed whole to a library (python-docx, openpyxl) that parses its parts
    itself: the refusal then has the same clear reason as in parse_xml.
    """
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            continue  # the library reports the damage in its own words
        if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
            raise ExtractionError(_REFUSED)
