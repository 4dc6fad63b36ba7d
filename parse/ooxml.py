"""What every Office Open XML package (.docx, .xlsx, .pptx) passes before its library opens
it: not an OLE2 file, a zip that unpacks within the limits, no XML part with a DTD."""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree

from hoering.parse.archive import check_unpacked_size, open_zip
from hoering.parse.extracted import ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.sniff import OLE_MAGIC, ole_stream_names
from hoering.parse.xmlsafe import refuse_entities

# What python-pptx and openpyxl both let escape on damaged packages (missing parts, bad
# XML, bad zip data); each module adds its library's own.
LIBRARY_DAMAGE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError,
    zlib.error, EOFError, etree.XMLSyntaxError,
)  # fmt: skip


def check_package(data: bytes, limits: ExtractLimits, old_format: str) -> None:
    """Raise ExtractionError for an encrypted file, an OLE2 file (`old_format` says which
    old binary format it likely is), a broken or oversized zip, or XML with a DTD."""
    if data.startswith(OLE_MAGIC):
        # Office saves a password-protected package as an OLE2 wrapper around the zip.
        encrypted = "EncryptedPackage" in ole_stream_names(data)
        raise ExtractionError("encrypted" if encrypted else old_format)
    with open_zip(data) as archive:
        check_unpacked_size(archive, limits)
        refuse_entities(archive)
