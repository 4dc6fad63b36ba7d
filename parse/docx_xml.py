"""Word files python-docx refuses (Strict Open XML, .docm/.dotx types), read from the XML.

The parts are found through the package relationships and parsed with parse.xmlsafe;
Strict namespaces are mapped to the Transitional ones the shared walker knows.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass

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
        chunks = _Chunks(_chunk_parts(archive, main_name))
    body = main.find(_W_BODY)
    texts = [story_text(header) for header in headers]
    texts.append(story_text(body, chunks) if body is not None else "")
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


@dataclass(frozen=True)
class _Chunk:
    content_type: str
    blob: bytes


@dataclass(frozen=True)
class _Chunks:
    """The main part's imported files (altChunk) by relationship id, as wordml follows them."""

    related_parts: dict[str, _Chunk]


def _chunk_parts(archive: zipfile.ZipFile, part_name: str) -> dict[str, _Chunk]:
    """The altChunk targets of a part by relationship id, with their content types."""
    folder, name = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_name not in archive.namelist():
        return {}
    types = _content_types(archive)
    found: dict[str, _Chunk] = {}
    for rel in _read(archive, rels_name).iter(_PKG_RELS):
        if not rel.get("Type", "").endswith("/aFChunk") or rel.get("TargetMode") == "External":
            continue
        target = _target(folder, rel.get("Target", ""))
        if target in archive.namelist():
            extension = target.rpartition(".")[2].lower()
            kind = types.get("/" + target) or types.get(extension, "")
            found[rel.get("Id", "")] = _Chunk(kind, _bytes(archive, target))
    return found


def _target(folder: str, target: str) -> str:
    """A relationship target as a member name: relative to the part's folder, or absolute
    from the package root ("/word/htmlDoc.html", as docx4j writes them)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """[Content_Types].xml as {"/part/name": type} overrides and {"ext": type} defaults."""
    if "[Content_Types].xml" not in archive.namelist():
        return {}
    types: dict[str, str] = {}
    for entry in _read(archive, "[Content_Types].xml"):
        if not isinstance(entry.tag, str):
            continue
        key = entry.get("PartName") or (entry.get("Extension") or "").lower()
        types[key] = entry.get("ContentType", "")
    return types


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
        target = _target(folder, rel.get("Target", ""))
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
