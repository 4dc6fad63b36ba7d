"""Build small OpenDocument, Word and zip files byte by byte for extraction tests."""

from __future__ import annotations

import io
import zipfile

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n"
)


def zip_bytes(files: dict[str, bytes | str]) -> bytes:
    """A deflated zip of name -> content; "mimetype" stored first and uncompressed, as
    OpenDocument requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def odf(body: str, kind: str = "text", styles: str = "", manifest: str = "") -> bytes:
    """An .odt (kind "text") or .ods ("spreadsheet") with `body` inside office:<kind>."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body>"
        "</office:document-content>"
    )
    files: dict[str, bytes | str] = {
        "mimetype": f"application/vnd.oasis.opendocument.{kind}",
        "content.xml": content,
    }
    if styles:
        files["styles.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NS}>'
            f"<office:master-styles>{styles}</office:master-styles></office:document-styles>"
        )
    if manifest:
        files["META-INF/manifest.xml"] = manifest
    return zip_bytes(files)
