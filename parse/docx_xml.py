"""Word files python-docx refuses (Strict Open XML, .docm/.dotx types), read from the XML.

The parts are found through the package relationships and parsed with parse.xmlsafe;
Strict namespaces are mapped to the Transitional ones the shared walker knows.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib

from lxml import etree

from hoering.parse.archive import open_zip
from hoering.parse.extracted import ExtractionError
from hoering.parse.text import normalize_text
from hoering.parse.wordml import comments_text, notes_text, story_text
from hoering.parse.xmlsafe import parse_xml

_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
)  # fmt: skip
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


def extract_docx_xml(data: bytes) -> str:
    """Headers, body, notes, comments and footers read part by part. ExtractionError."""
    with open_zip(data) as archive:
        main_name = _main_part(archive)
        main = _part(archive, main_name)
        related = _relationships(archive, main_name)

        def stories(kind: str) -> list[etree._Element]:
            return [_part(archive, name) for name in related.get(kind, [])]

        headers, footers = stories("header"), stories("footer")
        footnotes, endnotes, comments = (
            next(iter(stories(kind)), None) for kind in ("footnotes", "endnotes", "comments")
        )
    body = main.find(_W_BODY)
    texts = [story_text(header) for header in headers]
    texts.append(story_text(body) if body is not None else "")
    texts += notes_text(footnotes, endnotes)
    texts.append(comments_text(comments))
    texts += [story_text(footer) for footer in footers]
    return normalize_text("\n\n".join(text for text in texts if text.strip()))


def docx_xml_images(data: bytes) -> list[bytes]:
    """The pictures the main part relates to, in relationship order. ExtractionError."""
    with open_zip(data) as archive:
        main_name = _main_part(archive)
        names = _relationships(archive, main_name).get("image", [])
        return [_bytes(archive, name) for name in names]


def _main_part(archive: zipfile.ZipFile) -> str:
    """The officeDocument target of the package relationships, else word/document.xml."""
    if "_rels/.rels" in archive.namelist():
        for rel in _read(archive, "_rels/.rels").iter(_PKG_RELS):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _relationships(archive: zipfile.ZipFile, part_name: str) -> dict[str, list[str]]:
    """Internal targets of a part's relationships by type ("header", "footnotes", ...)."""
    folder, name = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_name not in archive.namelist():
        return {}
    found: dict[str, list[str]] = {}
    for rel in _read(archive, rels_name).iter(_PKG_RELS):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        if target in archive.namelist():
            found.setdefault(kind, []).append(target)
    return found


def _part(archive: zipfile.ZipFile, name: str) -> etree._Element:
    """A part parsed with Strict namespaces mapped to Transitional."""
    data = _bytes(archive, name)
    for strict, transitional in _STRICT:
        data = data.replace(strict, transitional)
    return parse_xml(data)


def _read(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return parse_xml(_bytes(archive, name))


def _bytes(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise ExtractionError(f"not a valid Word file (no {name})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise ExtractionError(f"damaged ({name} unreadable)") from None
