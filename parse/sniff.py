"""Tell a file's type from its bytes; the name and the declared type only break ties."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

from hoering.header_syntax import FIELD_NAME

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
    (b"\x78\x9f\x3e\x22", "tnef"),  # winmail.dat: 0x223E9F78 little-endian
    (b"\xffWPC", "wordperfect"),  # WordPerfect 5.0 and later
)
# Acrobat accepts a PDF header anywhere in the first 1024 bytes, and mail gateways and
# scanners do prepend junk, so readers must look that far.
PDF_HEADER_WINDOW = 1024
_SAMPLE = 8192
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BINARY_CONTROLS = set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B} | {0x7F}

_EXTENSIONS = {
    "pdf": "pdf", "docx": "docx", "docm": "docx", "xlsx": "xlsx", "xlsm": "xlsx",
    "pptx": "pptx", "odt": "odt", "ods": "ods", "odp": "odp", "zip": "zip", "doc": "doc",
    "msg": "msg", "rtf": "rtf", "xls": "xls", "wpd": "wordperfect", "wp": "wordperfect",
    "wp5": "wordperfect", "wp6": "wordperfect",
    "htm": "html", "html": "html", "xhtml": "html", "txt": "text", "csv": "text",
    "eml": "message",
}  # fmt: skip
# OpenDocument packages start with an uncompressed "mimetype" member naming the kind.
_ODF_MIMETYPE = re.compile(
    rb"mimetypeapplication/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)"
)
_ODF_KINDS = {b"text": "odt", b"spreadsheet": "ods", b"presentation": "odp"}
_OOXML_PREFIX = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
_MAIL_HEADERS = {
    "from", "to", "cc", "subject", "date", "message-id", "received", "return-path",
    "mime-version", "delivered-to", "reply-to", "sender", "in-reply-to", "references",
    "x-mailer", "user-agent", "content-type", "content-transfer-encoding", "thread-topic",
}  # fmt: skip
_HEADER_LINE = re.compile(rf"^({FIELD_NAME})[ \t]*:")  # obsolete syntax allows "Subject :"
_HTML_STRONG = re.compile(r"^\s*<(!doctype\s+html|html[\s>])|<(html|head|body)[\s>]", re.I)
_HTML_WEAK = re.compile(r"<(p|div|br|table|span|a|b|i|font|meta|h[1-6])[\s/>]", re.I)


def detect_type(payload: bytes, filename: str = "", declared_type: str = "") -> str:
    """Short type name (pdf, docx, text, html, message, png, ...) sniffed from the bytes."""
    hint = _EXTENSIONS.get(filename.rpartition(".")[2].lower(), "") if "." in filename else ""
    if not payload:
        return "unknown"
    for magic, kind in _MAGIC:
        if payload.startswith(magic):
            return kind
    if payload.startswith(OLE_MAGIC):
        return _ole_kind(payload, hint)
    if payload.startswith(_ZIP_MAGIC):
        return _zip_kind(payload, hint)
    if b"%PDF-" in payload[:PDF_HEADER_WINDOW]:
        return "pdf"
    if looks_like_bmp(payload):
        return "bmp"
    if hint in ("doc", "wordperfect") and _looks_like_wp42(payload):
        return "wordperfect"
    if looks_like_text(payload[:_SAMPLE]):
        return _text_kind(payload[:_SAMPLE], hint, declared_type.lower())
    if _looks_like_utf16(payload[:_SAMPLE]):
        return "text"  # Windows "Unicode" .txt saved without a byte-order mark
    return "unknown"


def looks_like_text(sample: bytes) -> bool:
    """True when the bytes read as text in some 8-bit charset or BOM-marked UTF-16."""
    if sample.startswith(_TEXT_BOMS):
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte in _BINARY_CONTROLS)
    return controls <= len(sample) // 100


def looks_like_bmp(payload: bytes) -> bool:
    """A Windows bitmap: "BM", its file size, four reserved zero bytes and a DIB header of
    a known size; "BM" alone starts text too ("BMW ...")."""
    if len(payload) < 26 or not payload.startswith(b"BM") or payload[6:10] != bytes(4):
        return False
    return _u32(payload, 14) in (12, 40, 52, 56, 64, 108, 124)


def _looks_like_wp42(payload: bytes) -> bool:
    """WordPerfect 4.2 has no signature; its files open with a function code (0xC0-0xFE)
    that the same byte closes a few bytes on. Asked only of files named .doc or .wpd."""
    first = payload[0]
    closed = payload.find(bytes([first]), 1, 64) >= 2
    return 0xC0 <= first <= 0xFE and closed and not looks_like_text(payload[:_SAMPLE])


def _looks_like_utf16(sample: bytes) -> bool:
    """True for UTF-16 text without a BOM: printable characters, NULs on one side."""
    if len(sample) < 8:
        return False
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) < len(zeros) * 0.9:
            continue
        text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
        printable = sum(1 for char in text if char.isprintable() or char in "\t\r\n")
        return printable >= len(text) * 0.95
    return False


def _text_kind(sample: bytes, hint: str, declared: str) -> str:
    """message, html or text for bytes that are text."""
    head = _sample_text(sample)
    mail_hinted = hint == "message" or declared == "message/rfc822"
    if _mail_header_count(head) >= (1 if mail_hinted else 2):
        return "message"
    if _HTML_STRONG.search(head[:2048]):
        return "html"
    html_hinted = hint == "html" or declared in ("text/html", "application/xhtml+xml")
    if html_hinted and _HTML_WEAK.search(head):
        return "html"
    return "text"


def _sample_text(sample: bytes) -> str:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return sample.decode("utf-16", errors="replace")
    return sample.decode("latin-1").removeprefix("\xef\xbb\xbf")


def _mail_header_count(head: str) -> int:
    """How many well-known mail headers open the text, before the first non-header line."""
    lines = head.lstrip("\r\n").split("\n")
    if lines[0].startswith("From "):  # mbox separator line
        lines = lines[1:]
    names = set()
    for line in lines[:100]:
        if line[:1] in (" ", "\t"):  # folded continuation
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            break
        names.add(match.group(1).lower())
    return len(names & _MAIL_HEADERS)


def _zip_kind(payload: bytes, hint: str) -> str:
    """docx, xlsx, pptx, odt or zip, from the member names in the local headers."""
    names = _zip_member_names(payload)
    for name in names:
        for prefix, kind in _OOXML_PREFIX:
            if name.startswith(prefix):
                return kind
    odf = _ODF_MIMETYPE.search(payload[:200])
    if odf:
        return _ODF_KINDS[odf.group(1)]
    # Truncated archives may end before the telling member; the name is the next best
    # evidence, and the extractor reports it if the zip is not that kind after all.
    return hint if hint in ("docx", "xlsx", "pptx", "odt", "ods", "odp") else "zip"


def _zip_member_names(payload: bytes, limit: int = 50) -> list[str]:
    """Names from the first local file headers; works on truncated archives too."""
    names: list[str] = []
    offset = 0
    while len(names) < limit and payload.startswith(b"PK\x03\x04", offset):
        try:
            header = struct.unpack_from("<2xH10xI4xHH", payload, offset + 4)
        except struct.error:
            break
        flags, size, name_len, extra_len = header
        start = offset + 30
        names.append(payload[start : start + name_len].decode("cp437"))
        offset = start + name_len + extra_len + size
        if flags & 0x08:  # sizes follow the data (streamed zip): find the next header
            offset = payload.find(b"PK\x03\x04", start + name_len)
    return names


def _ole_kind(payload: bytes, hint: str) -> str:
    """doc, xls, msg, or an encrypted Office file from the names in an OLE2 directory."""
    names = ole_stream_names(payload)
    if "EncryptedPackage" in names:
        # Password-protected docx/xlsx/pptx are OLE2 wrappers around the zip.
        return hint if hint in ("xlsx", "pptx") else "docx"
    if any(name.startswith("__substg1.0_") for name in names):
        return "msg"
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:  # Excel 97-2003, Excel 5/95
        return "xls"
    return hint if hint in ("doc", "msg", "xls") else "ole"


def ole_stream_names(payload: bytes, max_sectors: int = 256) -> set[str]:
    """Names in an OLE2 (Compound File) directory; empty if it cannot be read."""
    try:
        shift, first_dir = struct.unpack_from("<H", payload, 0x1E)[0], _u32(payload, 0x30)
        size = 1 << shift
        if size not in (512, 4096):
            return set()
        fat = _ole_fat(payload, size)
        names: set[str] = set()
        sector, seen = first_dir, set()
        while sector < len(fat) and sector not in seen and len(seen) < max_sectors:
            seen.add(sector)
            block = payload[(sector + 1) * size : (sector + 2) * size]
            names.update(_entry_names(block))
            sector = fat[sector]
    except struct.error:
        return set()
    return names


def ole_stream(payload: bytes, wanted: str, max_sectors: int = 4096) -> bytes | None:
    """The bytes of a stream of an OLE2 file's root, when it is stored in regular sectors
    (4096 bytes or more; smaller ones live in the mini stream and are not read here)."""
    try:
        shift, first_dir = struct.unpack_from("<H", payload, 0x1E)[0], _u32(payload, 0x30)
        size, cutoff = 1 << shift, _u32(payload, 0x38)
        if size not in (512, 4096):
            return None
        fat = _ole_fat(payload, size)
        found = _ole_entry(payload, fat, size, first_dir, wanted)
        if found is None or found[1] < cutoff:
            return None
        start, length = found
        chunks, sector = [], start
        while sector < len(fat) and len(chunks) < max_sectors:
            chunks.append(payload[(sector + 1) * size : (sector + 2) * size])
            sector = fat[sector]
    except struct.error:
        return None
    data = b"".join(chunks)[:length]
    # A file cut inside its last sector still gives the stream less its last bytes.
    return data if len(data) > length - size else None


def _ole_entry(
    payload: bytes, fat: list[int], size: int, sector: int, wanted: str
) -> tuple[int, int] | None:
    """Start sector and size of the directory entry named `wanted`."""
    seen: set[int] = set()
    while sector < len(fat) and sector not in seen and len(seen) < 256:
        seen.add(sector)
        block = payload[(sector + 1) * size : (sector + 2) * size]
        for entry in range(0, len(block) - 127, 128):
            if next(_entry_names(block[entry : entry + 128]), "") == wanted:
                return _u32(block, entry + 116), _u32(block, entry + 120)
        sector = fat[sector]
    return None


def _entry_names(block: bytes) -> Iterator[str]:
    """Names of the 128-byte directory entries in one directory sector."""
    for entry in range(0, len(block) - 127, 128):
        name_len = min(struct.unpack_from("<H", block, entry + 64)[0], 64)
        yield block[entry : entry + name_len].decode("utf-16-le", "ignore").rstrip("\0")


def _ole_fat(payload: bytes, size: int) -> list[int]:
    """The sector allocation table, from the FAT sectors listed in the header."""
    fat: list[int] = []
    for index in range(109):
        sector = _u32(payload, 0x4C + 4 * index)
        block = payload[(sector + 1) * size : (sector + 2) * size]
        if sector >= 0xFFFFFFFA or len(block) < size:
            break
        fat.extend(struct.unpack(f"<{size // 4}I", block))
    return fat


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]
