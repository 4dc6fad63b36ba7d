"""Attachments for the sample inbox that need more than a library call: a scanned letter
(image-only PDF), an ODT written by LibreOffice and an Outlook winmail.dat (TNEF).

Every builder is deterministic: fixed dates, fixed zip timestamps, no random ids.
Used by make_inbox.py; needs Pillow and fpdf2 (the test extra), compressed-rtf and the
DejaVu fonts (Debian: fonts-dejavu-core) for the scan.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

CEST = timezone(timedelta(hours=2))
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

# --------------------------------------------------------------------------
# a scanned letter: text rendered to a 200 dpi greyscale page, wrapped in a PDF
# --------------------------------------------------------------------------

SCAN_DPI = 200
SCAN_LINES = [
    "Grethe Villadsen",
    "Engtoften 3",
    "9999 Nordby",
    "",
    "Digitaliseringsstyrelsen",
    "Att.: OGP-høring",
    "",
    "Nordby, den 16. august 2017",
    "",
    "Høringssvar om Danmarks handlingsplan for åben forvaltning",
    "",
    "Jeg har ikke en computer derhjemme, så jeg har skrevet mit svar",
    "på maskine, og biblioteket har hjulpet mig med at sende det.",
    "",
    "1. Borgerbudgetter: Lad borgerne i hver kommune bestemme over",
    "en lille del af anlægsbudgettet, sådan som man gør i Paris.",
    "",
    "2. Kommunalbestyrelsens møder bør kunne følges på internettet",
    "og på biblioteket, og referaterne skal skrives i et klart sprog.",
    "",
    "3. Glem ikke os ældre. Mange af os kan ikke bruge Digital Post,",
    "og vi skal stadig kunne få breve på papir.",
    "",
    "Med venlig hilsen",
    "",
    "Grethe Villadsen",
]


def scanned_letter_pdf() -> bytes:
    """One A4 page as a scanner sends it: an image and no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    if not FONT.exists():
        raise SystemExit(f"{FONT} is missing: apt-get install fonts-dejavu-core")
    width, height = round(8.27 * SCAN_DPI), round(11.69 * SCAN_DPI)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), round(11 / 72 * SCAN_DPI))  # 11 pt
    top, step = round(1.2 * SCAN_DPI), round(0.2 * SCAN_DPI)
    for number, line in enumerate(SCAN_LINES):
        draw.text((round(1.0 * SCAN_DPI), top + number * step), line, font=font, fill=0)
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2017, 8, 17, 10, 15, 22, tzinfo=CEST))
    pdf.set_producer("Canon iR-ADV C5535 PDF")
    pdf.set_creator("Canon iR-ADV C5535")
    pdf.add_page()
    pdf.image(page, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


# --------------------------------------------------------------------------
# an OpenDocument text, as LibreOffice writes it (mimetype first and stored)
# --------------------------------------------------------------------------

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"'
)
ODT_TITLE = "Høringssvar fra Foreningen Åben Kommune"
ODT_PARAGRAPHS = [
    "Foreningen Åben Kommune arbejder for, at borgerne kan følge med i, hvad deres "
    "kommune beslutter, og hvorfor. Vi har følgende forslag til handlingsplanen:",
]
ODT_LIST = [
    "Dagsordener og bilag til alle kommunale udvalgsmøder offentliggøres senest fem "
    "hverdage før mødet, også de bilag, der i dag kun sendes til politikerne.",
    "Et fælles lobbyregister for Folketinget, ministerierne og de fem regioner, "
    "hvor alle møder med interesseorganisationer registreres.",
    "Aktindsigt skal kunne søges digitalt ét sted, og svarfristen på syv "
    "arbejdsdage skal overholdes i mindst ni ud af ti sager.",
]
ODT_CLOSING = ["Med venlig hilsen", "Lone Kristiansen, formand for Foreningen Åben Kommune"]


def odt_document() -> bytes:
    """A small ODT: heading, paragraphs, a numbered list, a note and a line break."""
    items = "".join(
        f"<text:list-item><text:p>{escape(item)}</text:p></text:list-item>" for item in ODT_LIST
    )
    body = (
        f'<text:h text:outline-level="1">{escape(ODT_TITLE)}</text:h>'
        + "".join(f"<text:p>{escape(p)}</text:p>" for p in ODT_PARAGRAPHS)
        + f'<text:list text:style-name="L1">{items}</text:list>'
        + '<text:p>Foreningen har 412 medlemmer<text:note text:note-class="footnote">'
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Opgjort pr. "
        "1. juli 2017.</text:p></text:note-body></text:note> i 23 kommuner.</text:p>"
        f"<text:p>{escape(ODT_CLOSING[0])}<text:line-break/>{escape(ODT_CLOSING[1])}</text:p>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
        "<office:automatic-styles/><office:body><office:text>"
        f"{body}</office:text></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODF_NS}><office:meta>'
        "<meta:generator>LibreOffice/5.3.4.2$Windows_X86_64 LibreOffice_project/"
        "f82d347ccc0be322489bf7da61d7e4ad13fe2ff3</meta:generator>"
        f"<dc:title>{escape(ODT_TITLE)}</dc:title>"
        "<meta:creation-date>2017-08-11T20:02:11.35</meta:creation-date>"
        "<dc:date>2017-08-12T09:40:57.12</dc:date><dc:language>da-DK</dc:language>"
        "</office:meta></office:document-meta>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODF_NS}>'
        "<office:styles/></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        + "".join(
            f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
            for name in ("content.xml", "styles.xml", "meta.xml")
        )
        + "</manifest:manifest>"
    )
    members = [
        ("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
        ("content.xml", content.encode(), zipfile.ZIP_DEFLATED),
        ("styles.xml", styles.encode(), zipfile.ZIP_DEFLATED),
        ("meta.xml", meta.encode(), zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", manifest.encode(), zipfile.ZIP_DEFLATED),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=(2017, 8, 12, 9, 40, 56))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


# --------------------------------------------------------------------------
# winmail.dat: Outlook's TNEF wrapper of an RTF mail and its attachment (MS-OXTNEF)
# --------------------------------------------------------------------------

TNEF_SIGNATURE = 0x223E9F78
LEVEL_MESSAGE, LEVEL_ATTACHMENT = 1, 2
# attribute ids: the type in the high word, the name in the low word
ATT_TNEF_VERSION = 0x00089006
ATT_OEM_CODEPAGE = 0x00069007
ATT_MESSAGE_CLASS = 0x00078008
ATT_SUBJECT = 0x00018004
ATT_DATE_SENT = 0x00038005
ATT_MSG_PROPS = 0x00069003
ATT_ATTACH_REND_DATA = 0x00069002
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_MODIFY_DATE = 0x00038013
ATT_ATTACH_DATA = 0x0006800F
ATT_ATTACHMENT = 0x00069005
# MAPI property types and ids
PT_BOOLEAN, PT_LONG, PT_STRING8, PT_BINARY = 0x000B, 0x0003, 0x001E, 0x0102
PR_RTF_IN_SYNC, PR_RTF_COMPRESSED, PR_INTERNET_CPID = 0x0E1F, 0x1009, 0x3FDE
PR_ATTACH_EXTENSION, PR_ATTACH_METHOD, PR_ATTACH_LONG_FILENAME = 0x3703, 0x3705, 0x3707


def rtf(paragraphs: list[str]) -> bytes:
    """An RTF document as Word writes Danish text: cp1252 bytes as \\'xx escapes."""

    def escaped(text: str) -> str:
        out = []
        for char in text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}"):
            out.append(char if char.isascii() else f"\\'{char.encode('cp1252')[0]:02x}")
        return "".join(out)

    body = "".join(f"\\pard\\plain\\f0\\fs22 {escaped(p)}\\par\r\n" for p in paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang1030{\\fonttbl{\\f0\\fswiss\\fcharset0 "
        "Calibri;}}\r\n{\\colortbl;\\red0\\green0\\blue0;}\r\n\\viewkind4\\uc1\r\n"
        f"{body}}}\r\n"
    ).encode("ascii")


def winmail_dat(subject: str, sent: datetime, body: list[str], name: str, data: bytes) -> bytes:
    """TNEF with an RTF body (PR_RTF_COMPRESSED) and one attached file, as Outlook sends it."""
    from compressed_rtf import compress

    message_props = _mapi_props(
        [
            (PT_BOOLEAN, PR_RTF_IN_SYNC, struct.pack("<HH", 1, 0)),
            (PT_LONG, PR_INTERNET_CPID, struct.pack("<I", 1252)),
            (PT_BINARY, PR_RTF_COMPRESSED, _counted(compress(rtf(body), compressed=True))),
        ]
    )
    attachment_props = _mapi_props(
        [
            (PT_LONG, PR_ATTACH_METHOD, struct.pack("<I", 1)),  # ATTACH_BY_VALUE
            (PT_STRING8, PR_ATTACH_LONG_FILENAME, _counted(name.encode("cp1252") + b"\0")),
            (
                PT_STRING8,
                PR_ATTACH_EXTENSION,
                _counted(b"." + name.rpartition(".")[2].encode() + b"\0"),
            ),
        ]
    )
    short_name = name.encode("cp1252")[:8] + b"." + name.rpartition(".")[2].encode()[:3] + b"\0"
    attributes = [
        (LEVEL_MESSAGE, ATT_TNEF_VERSION, struct.pack("<I", 0x00010000)),
        (LEVEL_MESSAGE, ATT_OEM_CODEPAGE, struct.pack("<II", 1252, 0)),
        (LEVEL_MESSAGE, ATT_MESSAGE_CLASS, b"IPM.Microsoft Mail.Note\0"),
        (LEVEL_MESSAGE, ATT_SUBJECT, subject.encode("cp1252") + b"\0"),
        (LEVEL_MESSAGE, ATT_DATE_SENT, _dtr(sent)),
        (LEVEL_MESSAGE, ATT_MSG_PROPS, message_props),
        # attach type file, position unknown, no rendering size, no flags
        (LEVEL_ATTACHMENT, ATT_ATTACH_REND_DATA, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)),
        (LEVEL_ATTACHMENT, ATT_ATTACH_TITLE, short_name),
        (LEVEL_ATTACHMENT, ATT_ATTACH_MODIFY_DATE, _dtr(sent - timedelta(minutes=7))),
        (LEVEL_ATTACHMENT, ATT_ATTACH_DATA, data),
        (LEVEL_ATTACHMENT, ATT_ATTACHMENT, attachment_props),
    ]
    key = 0x5A3C  # Outlook picks one per message; fixed here
    return struct.pack("<IH", TNEF_SIGNATURE, key) + b"".join(
        _attribute(level, attribute, value) for level, attribute, value in attributes
    )


def _attribute(level: int, attribute: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def _mapi_props(props: list[tuple[int, int, bytes]]) -> bytes:
    return struct.pack("<I", len(props)) + b"".join(
        struct.pack("<HH", kind, prop) + value for kind, prop, value in props
    )


def _counted(value: bytes) -> bytes:
    """A variable-length MAPI value: one value, its length, the bytes padded to 4."""
    return struct.pack("<II", 1, len(value)) + value + b"\0" * (-len(value) % 4)


def _dtr(when: datetime) -> bytes:
    """TNEF's date: year, month, day, hour, minute, second, weekday (Sunday = 0)."""
    return struct.pack(
        "<7H", when.year, when.month, when.day, when.hour, when.minute, when.second,
        (when.weekday() + 1) % 7,
    )  # fmt: skip
