"""Write a deterministic sample inbox of OGP-høring replies to examples/inbox/.

Every person, organisation, address and number in these mails is invented for
this project. The scenario follows Digitaliseringsstyrelsen's 2017 call for ideas
for Denmark's Open Government Partnership action plan 2017-2019: replies by
e-mail to rumth@digst.dk with "OGP-høring" in the subject, deadline 20 August 2017.

The messages are assembled byte by byte (CRLF line endings, fixed dates,
Message-IDs and MIME boundaries; the PDF, DOCX, ODT, scan and winmail.dat
attachments get fixed timestamps, see inbox_documents.py), so reruns produce
byte-identical files:

    .venv/bin/python examples/make_inbox.py

The scanned letter is rendered with DejaVu Serif (Debian: fonts-dejavu-core).
"""

from __future__ import annotations

import base64
import io
import textwrap
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email import quoprimime
from email.utils import encode_rfc2231, format_datetime
from pathlib import Path

from inbox_documents import odt_document, rtf, scanned_letter_pdf, winmail_dat

OUT = Path(__file__).resolve().parent / "inbox"
TO = "rumth@digst.dk"
CEST = timezone(timedelta(hours=2))
SIG = "-- "  # signature delimiter, with its trailing space

# --------------------------------------------------------------------------
# low-level helpers: encoded words, body encodings, MIME assembly
# --------------------------------------------------------------------------

_Q_SAFE = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/")


def q_word(text: str, charset: str = "utf-8") -> str:
    """RFC 2047 Q encoding, split into encoded words of at most 75 characters."""
    prefix, suffix = f"=?{charset}?Q?", "?="
    words, cur = [], ""
    for ch in text:
        enc = "".join(
            "_" if b == 0x20 else chr(b) if b in _Q_SAFE else f"={b:02X}"
            for b in ch.encode(charset)
        )
        if len(prefix) + len(cur) + len(enc) + len(suffix) > 75:
            words.append(prefix + cur + suffix)
            cur = ""
        cur += enc
    words.append(prefix + cur + suffix)
    return "\r\n ".join(words)


def b_word(text: str, charset: str = "utf-8") -> str:
    word = f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="
    assert len(word) <= 75, word
    return word


def addr(name: str, email: str, charset: str = "utf-8", enc: str = "q") -> str:
    if name.isascii():
        special = any(c in name for c in ',.;:@<>()[]"')
        return f'"{name}" <{email}>' if special else f"{name} <{email}>"
    word = q_word(name, charset) if enc == "q" else b_word(name, charset)
    return f"{word} <{email}>"


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def qp(text: str, charset: str = "utf-8") -> bytes:
    raw = text.replace("\r\n", "\n").encode(charset).decode("latin-1")
    out = quoprimime.body_encode(raw, maxlinelen=76, eol="\r\n")
    return out.encode("ascii")


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def wrap(text: str, width: int = 72) -> str:
    """Wrap long lines like a mail client does; quoted lines are left alone."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith(">"):
            out.append(line)
            continue
        indent = ""
        for marker in ("- ", "* ", "1. ", "2. ", "3. ", "4. ", "5. "):
            if line.startswith(marker):
                indent = " " * len(marker)
        out.extend(textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False))
    return "\n".join(out)


@dataclass
class Part:
    headers: list[tuple[str, str]]
    body: bytes

    def to_bytes(self) -> bytes:
        head = "".join(f"{k}: {v}\r\n" for k, v in self.headers)
        return head.encode("utf-8") + b"\r\n" + self.body


def text_part(text: str, charset: str = "utf-8", cte: str = "quoted-printable", sub="plain"):
    if cte == "8bit":
        body = crlf(text).encode(charset)
    elif cte == "7bit":
        body = crlf(text).encode("ascii")
    else:
        body = qp(text, charset)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return Part(
        [
            ("Content-Type", f'text/{sub}; charset="{charset}"'),
            ("Content-Transfer-Encoding", cte),
        ],
        body,
    )


def multipart(subtype: str, boundary: str, parts: list[Part], preamble: str = "") -> Part:
    chunks = [crlf(preamble).encode("ascii")] if preamble else []
    for p in parts:
        chunks.append(f"--{boundary}\r\n".encode("ascii") + p.to_bytes())
        if not chunks[-1].endswith(b"\r\n"):
            chunks[-1] += b"\r\n"
    chunks.append(f"--{boundary}--\r\n".encode("ascii"))
    body = b"".join(chunks)
    return Part([("Content-Type", f'multipart/{subtype};\r\n\tboundary="{boundary}"')], body)


def received(helo: str, ip: str, by: str, rid: str, when: datetime) -> str:
    return (
        f"from {helo} ({helo} [{ip}])\r\n\tby {by} (Postfix) with ESMTPS id {rid}"
        f"\r\n\tfor <{TO}>; {format_datetime(when)}"
    )


def message(
    *,
    frm: str,
    subject: str,
    date: datetime,
    msgid: str,
    content: Part,
    received_hdrs: list[str],
    to: str = TO,
    extra: list[tuple[str, str]] | None = None,
) -> bytes:
    headers = [("Received", r) for r in received_hdrs]
    headers += [
        ("From", frm),
        ("To", to),
        ("Subject", subject),
        ("Date", format_datetime(date)),
        ("Message-ID", msgid),
    ]
    headers += extra or []
    headers += [("MIME-Version", "1.0")]
    headers += content.headers
    for name, value in headers:
        if not value.isascii() and name != "Subject":
            raise ValueError(f"non-ASCII {name} header: {value!r}")
    return Part(headers, content.body).to_bytes()


def after(when: datetime, seconds: int) -> datetime:
    return when + timedelta(seconds=seconds)


# --------------------------------------------------------------------------
# attachments
# --------------------------------------------------------------------------

PDF_PARAGRAPHS = [
    "Dataklar ApS er en mindre virksomhed, der udvikler værktøjer til analyse og "
    "visualisering af offentlige data. Vi takker for muligheden for at bidrage til "
    "Danmarks nye handlingsplan for Open Government Partnership 2017-2019.",
    "1. Stabile API'er til offentlige data. Virksomheder, der bygger tjenester på "
    "offentlige data, er afhængige af, at snitfladerne ikke ændres uden varsel. Vi "
    "foreslår, at myndighederne forpligter sig til at varsle ændringer mindst seks "
    "måneder i forvejen og til at dokumentere alle API'er i et fælles katalog.",
    "2. Åbne data om offentlige indkøb. Udbud og kontrakter over en fast tærskelværdi "
    "bør offentliggøres som strukturerede data med leverandør, beløb og varighed. Det "
    "styrker konkurrencen og gør det lettere at opdage uregelmæssigheder og korruption.",
    "3. Open source-komponenter. Når staten får udviklet nye løsninger, bør kildekoden "
    "deles under en åben licens, så mindre virksomheder kan bygge videre på den og byde "
    "på vedligeholdelsen.",
    "4. Samskabelse med erhvervslivet. Vi foreslår et årligt datatopmøde, hvor "
    "myndigheder, virksomheder og civilsamfund sammen prioriterer, hvilke datasæt der "
    "skal åbnes det kommende år.",
    "Vi deltager gerne i det videre arbejde med handlingsplanen.",
]


def make_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2017, 8, 14, 10, 41, 0, tzinfo=CEST))
    pdf.set_title("Høringssvar OGP")
    pdf.set_author("Jonas Bech, Dataklar ApS")
    pdf.set_creator("Dataklar ApS")
    pdf.set_producer("make_inbox.py")
    pdf.set_lang("da-DK")
    pdf.set_margins(25, 25, 25)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, "Dataklar ApS  -  Nørregade 7, 9999 Nordby  -  CVR-nr. 36123456")
    pdf.ln(14)
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, "Høringssvar til Danmarks OGP-handlingsplan 2017-2019")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, "Nordby, 14. august 2017")
    pdf.ln(10)
    pdf.set_font("Helvetica", size=11)
    for para in PDF_PARAGRAPHS:
        pdf.multi_cell(0, 6, para)
        pdf.ln(3)
    pdf.ln(4)
    for line in ("Med venlig hilsen", "", "Jonas Bech", "Direktør, Dataklar ApS"):
        pdf.cell(0, 6, line)
        pdf.ln(6)
    return bytes(pdf.output())


DOCX_ROWS = [
    ("1", "Fælles kommunal platform for åbne data om budget, regnskab og service", "Åbne data"),
    ("2", "Digital selvbetjening med ret til personlig hjælp i borgerservice", "Effektiv service"),
    ("3", "Digitale høringer om lokalplaner med kort og kommentarfunktion", "Borgerdeltagelse"),
    ("4", "Whistleblowerordning for alle kommunale medarbejdere", "Antikorruption"),
]


def make_docx() -> bytes:
    from docx import Document

    fixed = datetime(2017, 8, 18, 12, 30, 0)
    doc = Document()
    cp = doc.core_properties
    cp.author = "Peter Vinther"
    cp.last_modified_by = "Peter Vinther"
    cp.title = "Høringssvar OGP-handlingsplan 2017-2019"
    cp.created = fixed
    cp.modified = fixed
    cp.revision = 3
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Nordby Kommune – Digitalisering og IT"
    section.footer.paragraphs[
        0
    ].text = "Nordby Kommune · Rådhuspladsen 1 · 9999 Nordby · www.nordby.dk"
    doc.add_heading("Høringssvar: Danmarks OGP-handlingsplan 2017-2019", level=1)
    doc.add_paragraph(
        "Nordby Kommune takker for invitationen til at komme med forslag til Danmarks "
        "næste handlingsplan for Open Government Partnership. Kommunen har drøftet "
        "høringen i direktionen og i Digitaliseringsudvalget og fremsender hermed sine "
        "forslag."
    )
    doc.add_paragraph(
        "Kommunen lægger vægt på, at handlingsplanen gør en konkret forskel for borgerne "
        "i hverdagen. Åbenhed om kommunernes økonomi og beslutninger, en digital "
        "selvbetjening, som alle kan bruge, og reel borgerinddragelse er efter vores "
        "opfattelse de vigtigste indsatser."
    )
    doc.add_heading("Kommunens forslag", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Nr.", "Forslag", "Tema"), strict=True):
        cell.text = text
    for row in DOCX_ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph()
    doc.add_paragraph(
        "Ad 1: KL og kommunerne bør sammen med Digitaliseringsstyrelsen aftale et fælles "
        "format, så data kan sammenlignes på tværs af kommunegrænser."
    )
    doc.add_paragraph(
        "Ad 2: Digital selvbetjening skal fortsat være hovedreglen, men borgere, der ikke "
        "kan betjene sig selv digitalt, skal have en enkel adgang til personlig hjælp."
    )
    doc.add_paragraph(
        "Ad 4: Nordby Kommune indførte en whistleblowerordning i 2016 og deler gerne sine "
        "erfaringer med andre myndigheder."
    )
    doc.add_paragraph("Med venlig hilsen")
    doc.add_paragraph("Peter Vinther, digitaliseringskonsulent, Nordby Kommune")
    buf = io.BytesIO()
    doc.save(buf)
    # python-docx stamps zip members with the current time; rewrite them with a fixed one
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2017, 8, 18, 12, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------
# the messages
# --------------------------------------------------------------------------

MX = "mx.digst.dk"


def m01_forwarded() -> bytes:
    inner_date = datetime(2017, 7, 27, 20, 14, 33, tzinfo=CEST)
    inner_text = """\
Hej

Jeg har læst om Digitaliseringsstyrelsens høring om den nye handlingsplan \
for Open Government Partnership og vil gerne komme med et par forslag om åbne data.

1. Alle kommuner og regioner bør offentliggøre deres budgetter og regnskaber \
som åbne data i et fælles, maskinlæsbart format (fx CSV), så borgere og \
journalister kan sammenligne på tværs.

2. Data om luftkvalitet, trafik og støj, som det offentlige allerede indsamler, \
bør udgives løbende og gratis på en fælles portal med en åben licens.

3. Der bør laves en oversigt over, hvilke datasæt myndighederne har, også dem \
der endnu ikke er offentlige, så man kan bede om at få dem åbnet.

Jeg tror, det vil styrke både gennemsigtigheden og tilliden til den offentlige sektor.

Venlig hilsen
Mette Lund
Skovvej 12, 9999 Nordby
"""
    inner_body = text_part(inner_text, "utf-8", "quoted-printable")
    inner = message(
        frm=addr("Mette Lund", "mette.lund@borgernet.example"),
        to=addr("Borgerservice, Nordby Kommune", "borgerservice@nordby.dk"),
        subject=q_word("OGP-høring: forslag om åbne data"),
        date=inner_date,
        msgid="<1501179273.4417.1@borgernet.example>",
        content=inner_body,
        received_hdrs=[],
        extra=[("User-Agent", "Borgernet Webmail 4.2")],
    )
    outer_text = """\
Hej

Jeg kom til at sende vedhæftede forslag til Nordby Kommune, som har bedt mig \
sende det direkte til jer. Jeg videresender det derfor her.

Venlig hilsen
Mette Lund
"""
    rfc822 = Part(
        [
            ("Content-Type", "message/rfc822"),
            ("Content-Disposition", "attachment"),
        ],
        inner,
    )
    content = multipart(
        "mixed",
        "=_bn_mixed_5981a6e2_0001",
        [text_part(outer_text, "utf-8", "quoted-printable"), rfc822],
    )
    date = datetime(2017, 8, 2, 9, 14, 58, tzinfo=CEST)
    return message(
        frm=addr("Mette Lund", "mette.lund@borgernet.example"),
        subject="VS: " + q_word("OGP-høring: forslag om åbne data"),
        date=date,
        msgid="<1501658098.9121.1@borgernet.example>",
        content=content,
        received_hdrs=[
            received("smtp.borgernet.example", "198.51.100.23", MX, "3xMq4T2bV1z9s", after(date, 3))
        ],
        extra=[("User-Agent", "Borgernet Webmail 4.2")],
    )


def m02_quoted_signature_cpr() -> bytes:
    text = f"""\
Hej

Tak for invitationen. Her er mine forslag til handlingsplanen:

Borgerdeltagelse: Når staten og kommunerne sender lovforslag og planer i \
høring, bør man kunne kommentere direkte på de enkelte afsnit på \
høringsportalen, og alle indkomne svar bør offentliggøres samme sted. Det \
ville gøre det langt lettere for almindelige borgere at deltage.

Sociale medier: Myndighederne bruger Facebook og Twitter til at informere, \
men svarer sjældent på spørgsmål der. Der bør være klare retningslinjer for, \
hvordan borgernes henvendelser på sociale medier besvares, og hvornår man i \
stedet bliver henvist til Digital Post.

Borgerpaneler: Prøv med tilfældigt udvalgte borgerpaneler, der giver input \
til større digitaliseringsprojekter, før de bliver sat i gang.

Jeg ved ikke, om I skal bruge mit cpr-nummer for at registrere mit svar, \
men det er 010180-1234.

Mvh
Søren

{SIG}
Søren Ærø Jørgensen
Tlf. 11 22 33 44

Den 3. jul. 2017 kl. 10.12 skrev Digitaliseringsstyrelsen <rumth@digst.dk>:

> Kære modtager
>
> Danmark er med i Open Government Partnership (OGP) og skal i gang med
> en ny national handlingsplan for 2017-2019. Digitaliseringsstyrelsen
> vil gerne høre borgere, virksomheder, organisationer og myndigheder om
> idéer til handlingsplanen.
>
> Vi er særligt interesserede i forslag om gennemsigtighed,
> borgerdeltagelse, antikorruption og teknologi, fx åbne data og open
> source, samskabelse, demokrati, sociale medier og effektiv offentlig
> service.
>
> Send dit forslag til rumth@digst.dk med "OGP-høring" i emnefeltet
> senest den 20. august 2017.
>
> Med venlig hilsen
> Digitaliseringsstyrelsen
"""
    date = datetime(2017, 7, 5, 21, 37, 12, tzinfo=CEST)
    return message(
        frm=addr("Søren Ærø Jørgensen", "soeren.joergensen@borgernet.example"),
        subject="SV: " + q_word("Ogp-Høring"),
        date=date,
        msgid="<D5F1C2A0-7B3E-4C19-9E51-2A6F0B8C4D11@borgernet.example>",
        content=text_part(wrap(text), "utf-8", "8bit"),
        received_hdrs=[
            received("smtp.borgernet.example", "198.51.100.23", MX, "3x2Lk85hQ0z7r", after(date, 2))
        ],
        extra=[
            ("In-Reply-To", "<20170703101200.OGP2017.0001@digst.dk>"),
            ("References", "<20170703101200.OGP2017.0001@digst.dk>"),
            ("X-Mailer", "Apple Mail (2.3273)"),
        ],
    )


def _mso(text: str) -> str:
    if not text:
        return "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    return f"<p class=MsoNormal>{text}<o:p></o:p></p>"


def _mso_list(n: int, text: str) -> str:
    return (
        "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
        f"<![if !supportLists]><span style='mso-list:Ignore'>{n}.<span "
        "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
        f"</span><![endif]>{text}<o:p></o:p></p>"
    )


def _mso_fwd(frm: str, sent: str, to: str, subject: str) -> str:
    return (
        "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
        f"<p class=MsoNormal><b>Fra:</b> {frm}<br><b>Sendt:</b> {sent}<br>"
        f"<b>Til:</b> {to}<br><b>Emne:</b> {subject}<o:p></o:p></p></div>"
    )


def m03_html_only_forwarded_twice() -> bytes:
    subj = "OGP-høring &#8211; bidrag fra Dansk Forening for Digital Demokrati"
    proposals = [
        "<b>Et offentligt lobbyregister:</b> Alle møder mellem ministre, ministerier og "
        "interesseorganisationer registreres og offentliggøres løbende med dato, deltagere "
        "og emne.",
        "<b>Open source som standard:</b> Software, der udvikles for offentlige midler, "
        "frigives som open source, medmindre der er særlige sikkerhedshensyn.",
        "<b>Åbne beslutningsprocesser:</b> Dagsordener, bilag og referater fra kommunale "
        "udvalg offentliggøres som søgbare, åbne data.",
        "<b>Forsøg med digitalt demokrati:</b> Der afsættes midler til forsøg med digitale "
        "borgerforslag og borgerbudgetter i kommunerne.",
    ]
    body = [
        _mso("Kære Digitaliseringsstyrelsen"),
        _mso(""),
        _mso(
            "Hermed Dansk Forening for Digital Demokratis bidrag til OGP-høringen, jf. "
            "nedenstående. Beklager, at det kommer som en videresendt mail."
        ),
        _mso(""),
        _mso("Med venlig hilsen"),
        _mso("Camilla Dahl"),
        _mso("Sekretariatet, Dansk Forening for Digital Demokrati"),
        _mso(""),
        _mso_fwd(
            "Camilla Dahl",
            "17. august 2017 16:20",
            "'Birgitte Nørgaard'",
            "VS: " + subj,
        ),
        _mso(""),
        _mso("Ser fint ud &#8211; jeg sender den videre i morgen tidlig."),
        _mso(""),
        _mso_fwd(
            "Birgitte Nørgaard [mailto:bn@dfdd.example]",
            "17. august 2017 14:05",
            "Camilla Dahl &lt;sekretariat@dfdd.example&gt;",
            subj,
        ),
        _mso(""),
        _mso("Hej Camilla"),
        _mso(""),
        _mso("Her er bestyrelsens endelige tekst til høringen:"),
        _mso(""),
        _mso(
            "Dansk Forening for Digital Demokrati foreslår, at følgende kommer med i "
            "handlingsplanen for 2017-2019:"
        ),
        *(_mso_list(i, p) for i, p in enumerate(proposals, 1)),
        _mso(""),
        _mso("Vi stiller gerne op til et møde om forslagene."),
        _mso(""),
        _mso("Venlig hilsen"),
        _mso("Birgitte Nørgaard"),
        _mso("Forperson, Dansk Forening for Digital Demokrati"),
    ]
    html = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" '
        'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
        'xmlns="http://www.w3.org/TR/REC-html40">'
        '<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">'
        '<meta name=Generator content="Microsoft Word 15 (filtered medium)">'
        "<style><!--\n/* Font Definitions */\n"
        "p.MsoNormal, li.MsoNormal, div.MsoNormal\n"
        '\t{margin:0cm;margin-bottom:.0001pt;font-size:11.0pt;font-family:"Calibri",sans-serif;}\n'
        "p.MsoListParagraph\n\t{margin-top:0cm;margin-right:0cm;margin-bottom:0cm;"
        "margin-left:36.0pt;font-size:11.0pt;}\n"
        "@page WordSection1\n\t{size:612.0pt 792.0pt;margin:70.85pt 70.85pt 70.85pt 70.85pt;}\n"
        "div.WordSection1\n\t{page:WordSection1;}\n--></style>"
        '<!--[if gte mso 9]><xml>\n<o:shapedefaults v:ext="edit" spidmax="1026" />\n'
        "</xml><![endif]--></head>"
        '<body lang=DA link="#0563C1" vlink="#954F72"><div class=WordSection1>'
        + "\n".join(body)
        + "</div></body></html>\n"
    )
    date = datetime(2017, 8, 18, 9, 2, 17, tzinfo=CEST)
    plain_subj = "OGP-høring – bidrag fra Dansk Forening for Digital Demokrati"
    return message(
        frm=addr("Camilla Dahl", "sekretariat@dfdd.example"),
        subject="VS: VS: " + q_word(plain_subj),
        date=date,
        msgid="<AM4PR07MB1459E6B2C0F44A8D9B2C7F31C3E00@AM4PR07MB1459.eurprd07.dfdd.example>",
        content=text_part(html, "utf-8", "quoted-printable", sub="html"),
        received_hdrs=[
            received("mail.dfdd.example", "203.0.113.41", MX, "3xTj0w1Kc6z3m", after(date, 4))
        ],
        extra=[
            ("Thread-Topic", "VS: VS: " + q_word(plain_subj)),
            ("Thread-Index", "AdMX7BbC9n1v2QkTRdOq0W0m3s8fYAABq2GgAABfD3A="),
            ("Accept-Language", "da-DK, en-US"),
            ("Content-Language", "da-DK"),
            ("X-MS-Has-Attach", ""),
            ("X-Mailer", "Microsoft Outlook 16.0"),
        ],
    )


def m04_pdf_attachment() -> bytes:
    text = """\
Se vedhæftede høringssvar.

Med venlig hilsen

Jonas Bech
Direktør
Dataklar ApS
Nørregade 7, 9999 Nordby
CVR-nr. 36123456
"""
    fname = "Høringssvar OGP.pdf"
    pdf = Part(
        [
            (
                "Content-Type",
                f"application/octet-stream;\r\n\tname*={encode_rfc2231(fname, 'utf-8')}",
            ),
            ("Content-Transfer-Encoding", "base64"),
            (
                "Content-Disposition",
                f"attachment;\r\n\tfilename*={encode_rfc2231(fname, 'utf-8')}",
            ),
        ],
        b64(make_pdf()),
    )
    content = multipart(
        "mixed",
        "----=_NextPart_000_0004_01D314E7.3C8A52F0",
        [text_part(text, "iso-8859-1", "quoted-printable"), pdf],
        preamble="This is a multi-part message in MIME format.\n\n",
    )
    date = datetime(2017, 8, 14, 11, 3, 27, tzinfo=CEST)
    return message(
        frm=addr("Bech, Jonas", "jonas.bech@dataklar.example"),
        subject="=?iso-8859-1?Q?OGP-h=F8ring?=",
        date=date,
        msgid="<000301d314e7$3c8a52f0$b59ef8d0$@dataklar.example>",
        content=content,
        received_hdrs=[
            received("mail.dataklar.example", "203.0.113.7", MX, "3xWb5m0Pq2z1k", after(date, 5))
        ],
        extra=[
            ("X-Mailer", "Microsoft Outlook 16.0"),
            ("Thread-Index", "AdMU5zg1Yk3Q0XyTRsKZ8p3aV9mG1Q=="),
            ("Content-Language", "da"),
        ],
    )


def m05_windows1252() -> bytes:
    text = """\
Til Digitaliseringsstyrelsen

Nordlys Software A/S takker for invitationen til at komme med input til den nye \
OGP-handlingsplan. Vi har følgende forslag:

• Digital selvbetjening for virksomheder: Mange selvbetjeningsløsninger er i dag \
svære at bruge for små virksomheder. Vi foreslår, at alle nye løsninger brugertestes \
med både borgere og virksomheder, før de bliver obligatoriske, og at resultaterne \
af testene offentliggøres.

• “Open source først”: Staten bør i sine udbud foretrække open source-løsninger, \
når de i øvrigt er ligeværdige. Det giver mere konkurrence og mindre afhængighed af \
den enkelte leverandør – erfaringer fra andre EU-lande viser besparelser på flere mio. €.

• Gennemsigtighed om it-projekter: Offentliggør status, budget og forbrug for alle \
statslige it-projekter over 10 mio. kr. på én fælles side, så borgere og \
virksomheder kan følge med.

Vi bidrager gerne med erfaringer fra vores egne open source-projekter.

Med venlig hilsen

Henrik Mølgaard
Teknisk direktør
Nordlys Software A/S
Havnegade 4, 9999 Nordby
CVR 29876543
"""
    date = datetime(2017, 8, 16, 8, 41, 7, tzinfo=UTC)
    return message(
        frm=addr("Henrik Mølgaard", "hm@nordlys-software.example", charset="windows-1252"),
        subject=b_word("OGP-høring: bidrag fra Nordlys Software A/S"),
        date=date,
        msgid="<5993F3A3.7020409@nordlys-software.example>",
        content=text_part(text, "windows-1252", "quoted-printable"),
        received_hdrs=[
            received(
                "smtp.nordlys-software.example",
                "198.51.100.88",
                MX,
                "3xXP7n4Vd8z5w",
                after(date, 5).astimezone(CEST),
            )
        ],
        extra=[("User-Agent", "Mozilla/5.0 (Windows NT 6.1; rv:52.0) Thunderbird/52.2.1")],
    )


def m06_docx_attachment() -> bytes:
    text = """\
Til Digitaliseringsstyrelsen

Vedhæftet fremsendes Nordby Kommunes høringssvar vedrørende forslag til Danmarks \
handlingsplan for Open Government Partnership 2017-2019.

Med venlig hilsen

Peter Vinther
Digitaliseringskonsulent
Nordby Kommune, Digitalisering og IT
Rådhuspladsen 1, 9999 Nordby
www.nordby.dk
"""
    html = (
        '<html><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">'
        "</head><body lang=DA>"
        + "".join(
            _mso(line)
            for line in [
                "Til Digitaliseringsstyrelsen",
                "",
                "Vedhæftet fremsendes Nordby Kommunes høringssvar vedrørende forslag til "
                "Danmarks handlingsplan for Open Government Partnership 2017-2019.",
                "",
                "Med venlig hilsen",
                "",
                "<b>Peter Vinther</b><br>Digitaliseringskonsulent<br>Nordby Kommune, "
                "Digitalisering og IT<br>Rådhuspladsen 1, 9999 Nordby<br>"
                '<a href="http://www.nordby.dk">www.nordby.dk</a>',
            ]
        )
        + "</body></html>\n"
    )
    alt = multipart(
        "alternative",
        "_000_DB6PR0801MB1720A3F0E2C14B7E9A55D0F1C3E20DB6PR0801MB1720_",
        [text_part(text), text_part(html, sub="html")],
    )
    fname = q_word("Nordby Kommune - høringssvar OGP.docx")
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    data = make_docx()
    docx = Part(
        [
            ("Content-Type", f'{mime};\r\n\tname="{fname}"'),
            ("Content-Description", fname),
            (
                "Content-Disposition",
                f'attachment;\r\n\tfilename="{fname}";\r\n\tsize={len(data)}',
            ),
            ("Content-Transfer-Encoding", "base64"),
        ],
        b64(data),
    )
    content = multipart(
        "mixed", "_004_DB6PR0801MB1720A3F0E2C14B7E9A55D0F1C3E20DB6PR0801MB1720_", [alt, docx]
    )
    date = datetime(2017, 8, 18, 14, 47, 5, tzinfo=CEST)
    subject = "Høringssvar vedr. OGP-høring fra Nordby Kommune"
    return message(
        frm=addr("Peter Vinther", "pvi@nordby.dk"),
        subject=q_word(subject),
        date=date,
        msgid="<DB6PR0801MB1720A3F0E2C14B7E9A55D0F1C3E20@DB6PR0801MB1720.nordby.dk>",
        content=content,
        received_hdrs=[
            received("mail.nordby.dk", "192.0.2.45", MX, "3xYc2q6Hh4z8t", after(date, 6)),
            received(
                "DB6PR0801MB1720.nordby.dk",
                "10.20.1.17",
                "mail.nordby.dk",
                "9C1D22A0F3",
                after(date, 1),
            ).replace(f"\r\n\tfor <{TO}>", ""),
        ],
        extra=[
            ("Thread-Topic", q_word(subject)),
            ("Accept-Language", "da-DK, en-US"),
            ("Content-Language", "da-DK"),
            ("X-MS-Has-Attach", "yes"),
        ],
    )


def m07_late_raw_8bit() -> bytes:
    text = """\
Kære Digitaliseringsstyrelsen

Vi beklager, at Region Sydkysts bemærkninger først kommer nu, efter fristen den \
20. august. Vi håber, at de alligevel kan indgå i arbejdet.

Region Sydkyst foreslår:

- At der etableres en fælles whistleblowerordning for hele den offentlige \
sektor, hvor medarbejdere anonymt kan indberette mistanke om korruption, misbrug \
af midler eller andre alvorlige forhold, og at der hvert år offentliggøres \
statistik over henvendelserne.

- At regionerne og staten i fællesskab udgiver åbne data om ventetider og \
kvalitet på sygehusene, så patienter kan træffe bedre valg.

- At effektiv offentlig service måles på borgernes oplevelse og ikke kun på, \
hvor stor en andel af henvendelserne der er digitale.

Med venlig hilsen

Anne Kjær
Specialkonsulent
Region Sydkyst, Regional Udvikling
"""
    date = datetime(2017, 8, 22, 10, 18, 36, tzinfo=CEST)
    return message(
        frm=addr("Anne Kjær", "anne.kjaer@regionsydkyst.example", enc="b"),
        # raw 8-bit UTF-8 in the header, as some servers and clients still send it
        subject="OGP-høring – Region Sydkysts bemærkninger (beklager forsinkelsen)",
        date=date,
        msgid="<20170822081836.2b7f1c0e@gw.regionsydkyst.example>",
        content=text_part(wrap(text), "utf-8", "8bit"),
        received_hdrs=[
            received("gw.regionsydkyst.example", "192.0.2.130", MX, "3xZr8k1Tf9z2p", after(date, 3))
        ],
        extra=[("X-Mailer", "GroupWise 2014")],
    )


GN_TEXT = """\
Til Digitaliseringsstyrelsen

Foreningen Gennemsigtighed Nu arbejder for en mere åben og ansvarlig offentlig \
sektor. Vi har følgende forslag til handlingsplanen:

1. Whistleblowerordning: Der bør indføres en lovfæstet whistleblowerordning i \
alle statslige og kommunale myndigheder med beskyttelse mod repressalier.

2. Gennemsigtighed i lobbyisme: Ministres og topembedsmænds kalendere bør \
offentliggøres løbende, og der bør oprettes et frivilligt lobbyregister som \
første skridt mod et obligatorisk register.

3. Åbenhed om bidrag: Private bidrag til partier og kandidater bør offentliggøres \
hurtigt og som åbne data.

4. Aktindsigt: Offentlighedslovens undtagelser, især ministerbetjeningsreglen, \
bør indsnævres, så flere dokumenter bliver tilgængelige.

Vi har desuden startet en kampagne, hvor borgere kan sende deres egen støtte \
til forslagene til høringen.

Med venlig hilsen
Jens Kofoed
Formand, Foreningen Gennemsigtighed Nu
"""


def m08_ngo(copy: int) -> bytes:
    date = datetime(2017, 8, 17, 15, 26, 40, tzinfo=CEST)
    first = received(
        "smtp.gennemsigtighednu.example", "203.0.113.99", MX, "3xXz1b7Gm2z4q", after(date, 3)
    )
    # the sending server lost the acknowledgement and delivered the message once more
    again = received(
        "smtp.gennemsigtighednu.example", "203.0.113.99", MX, "3xY4nV0Rs5z6d", after(date, 12579)
    )
    origin = (
        "from [10.0.0.12] (unknown [192.0.2.201])\r\n\tby smtp.gennemsigtighednu.example "
        f"(Postfix) with ESMTPSA id 0A1B2C3D4E\r\n\tfor <{TO}>; "
        f"{format_datetime(after(date, 1))}"
    )
    return message(
        frm=addr("Foreningen Gennemsigtighed Nu", "kontakt@gennemsigtighednu.example"),
        subject=q_word("OGP-høring: antikorruption og gennemsigtighed i lobbyisme"),
        date=date,
        msgid="<c3f09a1e-5b2d-4e8a-9f17-0d6b3e2a8c45@gennemsigtighednu.example>",
        content=text_part(GN_TEXT, "utf-8", "quoted-printable"),
        received_hdrs=[first if copy == 1 else again, origin],
        extra=[("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:52.0) Thunderbird/52.2.1")],
    )


CAMPAIGN = """\
Til Digitaliseringsstyrelsen

Jeg støtter, at Danmarks nye handlingsplan for Open Government Partnership indeholder:

- en lovfæstet whistleblowerordning i hele den offentlige sektor
- offentlige kalendere for ministre og topembedsmænd
- et register over lobbyister, der mødes med politikere og embedsfolk

Åbenhed og gennemsigtighed er forudsætningen for tillid til vores demokrati.

{personal}

Med venlig hilsen
{name}
"""


def m10_campaign_a() -> bytes:
    text = CAMPAIGN.format(
        personal="Personligt har jeg oplevet, hvor svært det er at få aktindsigt i "
        "kommunens beslutninger, så det betyder meget for mig.",
        name="Ida Rasmussen",
    )
    date = datetime(2017, 8, 8, 19, 22, 10, tzinfo=CEST)
    return message(
        frm=addr("Ida Rasmussen", "ida.rasmussen@borgernet.example"),
        subject="OGP-hoering",
        date=date,
        msgid="<CAF3x9dQ1bN7Zp0vK2m8yW4tR6sE5aL3uH1gJ0cB9nV7xM2kP4q@mail.borgernet.example>",
        content=text_part(text, "utf-8", "quoted-printable"),
        received_hdrs=[
            received("mail.borgernet.example", "198.51.100.24", MX, "3xRd6c3Wn1z0f", after(date, 2))
        ],
    )


def m11_campaign_b() -> bytes:
    text = CAMPAIGN.format(
        personal="Jeg synes også, at kommunerne skal være med i whistleblowerordningen.",
        name="Bo Andersen",
    )
    text += "\nSendt fra min iPhone\n"
    date = datetime(2017, 8, 9, 7, 48, 51, tzinfo=CEST)
    return message(
        frm=addr("Bo Andersen", "bo.andersen@eksempel.dk"),
        subject="OGP horing",
        date=date,
        msgid="<8E2B4F71-0C6A-4D5E-B3A9-71F2C8D0E6B4@eksempel.dk>",
        content=text_part(wrap(text), "utf-8", "8bit"),
        received_hdrs=[
            received("smtp.eksempel.dk", "192.0.2.77", MX, "3xS1Qp9Dk7z5h", after(date, 4))
        ],
        extra=[("X-Mailer", "iPhone Mail (14G60)")],
    )


def m12_question() -> bytes:
    text = """\
Hej

Jeg har hørt om jeres høring om OGP, men kan ikke finde høringsmaterialet på \
høringsportalen. Skal man bruge en bestemt skabelon til sit svar, og må man \
sende det som en vedhæftet fil?

Og hvad står OGP egentlig for?

Venlig hilsen
Karin Holm
"""
    date = datetime(2017, 7, 10, 13, 5, 44, tzinfo=CEST)
    return message(
        frm=addr("Karin Holm", "karin.holm@borgernet.example"),
        subject=q_word("Spørgsmål til høringen om OGP"),
        date=date,
        msgid="<1499684744.2210.7@borgernet.example>",
        content=text_part(text, "utf-8", "quoted-printable"),
        received_hdrs=[
            received("smtp.borgernet.example", "198.51.100.23", MX, "3x5Hn2Cv4Lz1b", after(date, 2))
        ],
        extra=[("User-Agent", "Borgernet Webmail 4.2")],
    )


def m13_newsletter() -> bytes:
    text = """\
DIGITALT FORUM - NYHEDSBREV AUGUST 2017

Digitalisering i den offentlige sektor

* Kommunerne tester ny løsning til digital flytning
* Konference om åbne data og byudvikling den 28. september
* Ny rapport: Hvordan bruger borgerne Digital Post?

Læs hele nyhedsbrevet på http://digitaltforum.example/nyhedsbrev/2017-08

Du modtager denne mail, fordi du er tilmeldt Digitalt Forums nyhedsbrev.
Afmeld: http://digitaltforum.example/afmeld?id=8841
"""
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Nyhedsbrev</title>'
        '</head><body style="font-family:Arial,sans-serif">'
        "<h1>Digitalt Forum &ndash; nyhedsbrev august 2017</h1>"
        "<h2>Digitalisering i den offentlige sektor</h2><ul>"
        "<li>Kommunerne tester ny løsning til digital flytning</li>"
        "<li>Konference om åbne data og byudvikling den 28. september</li>"
        "<li>Ny rapport: Hvordan bruger borgerne Digital Post?</li></ul>"
        '<p><a href="http://digitaltforum.example/nyhedsbrev/2017-08">Læs hele '
        'nyhedsbrevet</a></p><p style="font-size:small">Du modtager denne mail, fordi '
        'du er tilmeldt Digitalt Forums nyhedsbrev. <a href="http://digitaltforum.example/'
        'afmeld?id=8841">Afmeld</a></p></body></html>\n'
    )
    content = multipart(
        "alternative",
        "b1_9d6f0e2c4a8b7351e0f2d4c6a8b9e1f3",
        [text_part(text), text_part(html, sub="html")],
    )
    date = datetime(2017, 8, 15, 6, 0, 0, tzinfo=CEST)
    return message(
        frm=addr("Digitalt Forum", "nyhedsbrev@digitaltforum.example"),
        subject="Nyhedsbrev august 2017: Digitalisering i den offentlige sektor",
        date=date,
        msgid="<nl-2017-08.8841.20170815040000@digitaltforum.example>",
        content=content,
        received_hdrs=[
            received(
                "bulk.digitaltforum.example", "203.0.113.150", MX, "3xWs0d5Mf3z9v", after(date, 9)
            )
        ],
        extra=[
            ("Precedence", "bulk"),
            ("List-Id", "Digitalt Forum nyhedsbrev <nyhedsbrev.digitaltforum.example>"),
            ("List-Unsubscribe", "<http://digitaltforum.example/afmeld?id=8841>"),
        ],
    )


def m14_out_of_office() -> bytes:
    text = """\
Tak for din mail.

Jeg holder ferie og er tilbage mandag den 31. juli 2017. Mailen bliver ikke \
videresendt. I hastende tilfælde kan du kontakte Borgerservice på \
borgerservice@nordby.dk.

Med venlig hilsen
Peter Vinther
Nordby Kommune
"""
    date = datetime(2017, 7, 12, 9, 31, 2, tzinfo=CEST)
    subject = "Fraværende: Invitation til workshop om åben forvaltning"
    return message(
        frm=addr("Peter Vinther", "pvi@nordby.dk"),
        subject=q_word(subject),
        date=date,
        msgid="<7b1e0c2f4a9d4e3b8c6a1f0e2d3c4b5a@DB6PR0801MB1720.nordby.dk>",
        content=text_part(text, "utf-8", "quoted-printable"),
        received_hdrs=[
            received("mail.nordby.dk", "192.0.2.45", MX, "3x6Kq1Zs8Nz4c", after(date, 3))
        ],
        extra=[
            ("In-Reply-To", "<20170712093000.WS2017.0042@digst.dk>"),
            ("References", "<20170712093000.WS2017.0042@digst.dk>"),
            ("Thread-Topic", q_word("Invitation til workshop om åben forvaltning")),
            ("Auto-Submitted", "auto-replied"),
            ("X-Auto-Response-Suppress", "All"),
            ("Content-Language", "da-DK"),
        ],
    )


def attachment_part(mime: str, filename: str, data: bytes, disposition_name: str) -> Part:
    """A base64 attachment; `disposition_name` is the filename parameter as the mailer wrote it."""
    return Part(
        [
            ("Content-Type", f'{mime};\r\n\tname="{disposition_name}"'),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-Disposition", f'attachment;\r\n\tfilename="{disposition_name}"'),
        ],
        b64(data),
    )


def m15_scanned_letter() -> bytes:
    text = """\
Hej

Hermed høringssvar fra Grethe Villadsen, som har bedt biblioteket om at scanne \
og sende det. Svaret er vedhæftet som PDF.

Venlig hilsen
Nordby Bibliotek, Borgerservice
"""
    scan = attachment_part(
        "application/pdf", "Scan_20170817_101522.pdf", scanned_letter_pdf(),
        "Scan_20170817_101522.pdf",
    )  # fmt: skip
    content = multipart(
        "mixed", "------------0D5C6E2F1A7B8C9D0E1F2A3B", [text_part(text, "utf-8", "8bit"), scan]
    )
    date = datetime(2017, 8, 17, 10, 21, 40, tzinfo=CEST)
    return message(
        frm=addr("Nordby Bibliotek", "bibliotek@nordby.dk"),
        subject=q_word("OGP-høring: svar fra Grethe Villadsen (scannet brev)"),
        date=date,
        msgid="<6b0f3c1e-2a4d-4e8f-9c71-5d2e8a4b7f10@nordby.dk>",
        content=content,
        received_hdrs=[
            received("mail.nordby.dk", "192.0.2.45", MX, "3xZd8r2Lm5z7u", after(date, 3))
        ],
        extra=[("User-Agent", "Mozilla/5.0 (Windows NT 6.1; rv:52.0) Thunderbird/52.2.1")],
    )


def m16_odt_attachment() -> bytes:
    text = """\
Kære Digitaliseringsstyrelsen

Vedhæftet er foreningens høringssvar (ODT, skrevet i LibreOffice).

Venlig hilsen
Lone Kristiansen
Foreningen Åben Kommune
"""
    fname = "Høringssvar fra Foreningen Åben Kommune.odt"
    odt = Part(
        [
            (
                "Content-Type",
                "application/vnd.oasis.opendocument.text;\r\n\tname*="
                + encode_rfc2231(fname, "utf-8"),
            ),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-Disposition", "attachment;\r\n\tfilename*=" + encode_rfc2231(fname, "utf-8")),
        ],
        b64(odt_document()),
    )
    content = multipart(
        "mixed", "------------A1B2C3D4E5F60718293A4B5C", [text_part(text, "utf-8", "8bit"), odt]
    )
    date = datetime(2017, 8, 12, 9, 52, 3, tzinfo=CEST)
    return message(
        frm=addr("Lone Kristiansen", "formand@aabenkommune.example"),
        subject=q_word("OGP-høring – svar fra Foreningen Åben Kommune"),
        date=date,
        msgid="<8c1d5e7a-3b2f-4c6d-a9e8-0f1b2c3d4e5f@aabenkommune.example>",
        content=content,
        received_hdrs=[
            received(
                "smtp.aabenkommune.example", "198.51.100.131", MX, "3xQh1n8Rt2z6p", after(date, 4)
            )
        ],
        extra=[("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:52.0) Thunderbird/52.2.1")],
    )


WINMAIL_BODY = [
    "Til Digitaliseringsstyrelsen",
    "",
    "Grøn Energi Data A/S sender hermed sit høringssvar. Vores forslag står i det "
    "vedhæftede dokument.",
    "",
    "Med venlig hilsen",
    "Anders Østergaard",
    "Kommunikationschef, Grøn Energi Data A/S",
]
WINMAIL_ATTACHMENT = [
    "Forslag fra Grøn Energi Data A/S",
    "",
    "1. Åbne energidata: Forbrugsdata fra offentlige bygninger bør udgives time for time "
    "som åbne data, så virksomheder kan udvikle løsninger til energibesparelser.",
    "",
    "2. Åbne kontrakter: Alle offentlige kontrakter over 500.000 kr. offentliggøres med "
    "leverandør, pris og løbetid.",
]


def m17_winmail_dat() -> bytes:
    subject = "OGP-høring: høringssvar fra Grøn Energi Data A/S"
    date = datetime(2017, 8, 19, 16, 2, 44, tzinfo=CEST)
    plain = "\n".join(WINMAIL_BODY) + "\n"
    tnef = winmail_dat(
        subject, date, WINMAIL_BODY, "Forslag til OGP-handlingsplanen.rtf", rtf(WINMAIL_ATTACHMENT)
    )
    content = multipart(
        "mixed",
        "_000_HE1PR0701MB2265B1C8E7A9D4F3A0C21B5ED2F40HE1PR0701MB2265_",
        [
            text_part(plain, "iso-8859-1", "quoted-printable"),
            attachment_part("application/ms-tnef", "winmail.dat", tnef, "winmail.dat"),
        ],
    )
    return message(
        frm=addr("Anders Østergaard", "aoe@groenenergidata.example", charset="iso-8859-1"),
        subject=q_word(subject, "iso-8859-1"),
        date=date,
        msgid="<HE1PR0701MB2265B1C8E7A9D4F3A0C21B5ED2F40@HE1PR0701MB2265.eurprd07.prod.outlook.com>",
        content=content,
        received_hdrs=[
            received(
                "mail.groenenergidata.example", "203.0.113.92", MX, "3xUf4k7Cw9z2r", after(date, 5)
            )
        ],
        extra=[
            ("Thread-Topic", q_word(subject, "iso-8859-1")),
            ("Thread-Index", "AdMY9v3kZ0m1Qw8ERpKc2N7a5B4xLg=="),
            ("X-MS-Has-Attach", "yes"),
            ("X-MS-TNEF-Correlator", "<HE1PR0701MB2265B1C8E7A9D4F3A0C21B5ED2F40@HE1PR0701MB2265>"),
            ("Content-Language", "da-DK"),
        ],
    )


# (filename, builder, imported?, what it demonstrates)
MESSAGES = [
    (
        "01-borger-videresendt-aabne-data.eml",
        m01_forwarded,
        True,
        "citizen; forwarded as a message/rfc822 attachment (inner subject "
        "'OGP-høring: forslag om åbne data', outer 'VS: ...'); open data",
    ),
    (
        "02-borger-svar-citat-cpr.eml",
        m02_quoted_signature_cpr,
        True,
        "citizen; 'SV: Ogp-Høring'; RFC 2047 From name 'Søren Ærø Jørgensen'; 8bit body "
        "quoting the call ('Den 3. jul. 2017 kl. 10.12 skrev ...:', '> ' lines) below a "
        "'-- ' signature; the only CPR-like number (010180-1234); citizen participation, "
        "social media",
    ),
    (
        "03-forening-dfdd-html.eml",
        m03_html_only_forwarded_twice,
        True,
        "NGO; 'VS: VS: OGP-høring – bidrag fra Dansk Forening for Digital Demokrati' "
        "(en dash, two Q encoded words); Outlook HTML-only body (&nbsp;, <o:p>, "
        "mso-list) with two inline forward headers; lobbying, open source, democracy",
    ),
    (
        "04-virksomhed-pdf-bilag.eml",
        m04_pdf_attachment,
        True,
        "company (ApS, CVR); subject =?iso-8859-1?Q?OGP-h=F8ring?=; body only 'Se "
        "vedhæftede høringssvar.'; proposals in PDF attached as application/octet-stream "
        "with RFC 2231 filename 'Høringssvar OGP.pdf'",
    ),
    (
        "05-virksomhed-windows1252.eml",
        m05_windows1252,
        True,
        "company (A/S, CVR); B-encoded UTF-8 subject; windows-1252 quoted-printable body "
        "with cp1252-only characters (• “ ” – €); From name in windows-1252; Date in "
        "+0000; self-service, open source",
    ),
    (
        "06-kommune-docx-bilag.eml",
        m06_docx_attachment,
        True,
        "authority (Nordby Kommune); multipart/alternative cover note plus DOCX (heading, "
        "paragraphs, proposal table, header/footer) whose filename is an RFC 2047 word "
        "inside a quoted parameter, Outlook style",
    ),
    (
        "07-region-sent-svar.eml",
        m07_late_raw_8bit,
        True,
        "authority (Region Sydkyst); LATE, dated 22 Aug 2017; raw 8-bit UTF-8 Subject "
        "header; whistleblower scheme, open hospital data, public service",
    ),
    (
        "08-forening-gennemsigtighed.eml",
        lambda: m08_ngo(1),
        True,
        "NGO; anti-corruption, whistleblowing, lobbying transparency",
    ),
    (
        "09-forening-gennemsigtighed-dublet.eml",
        lambda: m08_ngo(2),
        True,
        "DUPLICATE of 08: same Message-ID and content, delivered again 3.5 hours later "
        "(only the topmost Received differs); dedup must keep one",
    ),
    (
        "10-borger-kampagne-a.eml",
        m10_campaign_a,
        True,
        "citizen; ASCII subject 'OGP-hoering'; campaign form letter + personal sentence",
    ),
    (
        "11-borger-kampagne-b.eml",
        m11_campaign_b,
        True,
        "citizen; subject 'OGP horing'; same form letter as 10 with another personal "
        "sentence and 'Sendt fra min iPhone'; 8bit body",
    ),
    (
        "12-spoergsmaal.eml",
        m12_question,
        False,
        "question 'Spørgsmål til høringen om OGP': has 'høring' and 'OGP' but not the marker",
    ),
    (
        "13-nyhedsbrev.eml",
        m13_newsletter,
        False,
        "newsletter (Precedence: bulk, List-Id, List-Unsubscribe); mentions 'åbne data'",
    ),
    (
        "14-fravaerende.eml",
        m14_out_of_office,
        False,
        "out-of-office 'Fraværende: Invitation til workshop om åben forvaltning' "
        "(Auto-Submitted: auto-replied)",
    ),
    (
        "15-borger-scannet-brev.eml",
        m15_scanned_letter,
        True,
        "citizen via the library; a typed letter scanned to an image-only PDF "
        "('Scan_20170817_101522.pdf', 200 dpi, no text layer): its text comes from OCR; "
        "citizen budgets, council meetings online, paper letters for the elderly",
    ),
    (
        "16-forening-odt-bilag.eml",
        m16_odt_attachment,
        True,
        "NGO (Foreningen Åben Kommune); Thunderbird/LibreOffice; ODT attachment with "
        "RFC 2231 filename (heading, numbered list, footnote, line break); agendas, "
        "lobby register, access to documents",
    ),
    (
        "17-virksomhed-winmail-dat.eml",
        m17_winmail_dat,
        True,
        "company (A/S); Outlook RTF mail through Exchange: plain-text part plus "
        "winmail.dat (application/ms-tnef) holding the compressed RTF body and the "
        "attachment 'Forslag til OGP-handlingsplanen.rtf' (\\'xx escapes); open energy "
        "data, open contracts",
    ),
]


def readme() -> str:
    marked = [m for m in MESSAGES if m[2]]
    ignored = [m for m in MESSAGES if not m[2]]
    lines = [
        "# Sample inbox",
        "",
        "Fictional replies to the 2017 OGP-høring (Danish Open Government Partnership "
        "action plan 2017-2019), sent to rumth@digst.dk; deadline 20 August 2017. All "
        "people, organisations, addresses and numbers are invented. Generated by "
        "`examples/make_inbox.py` (deterministic, CRLF line endings); do not edit by hand.",
        "",
        "| File | Expected | Demonstrates |",
        "|---|---|---|",
    ]
    for name, _, imported, what in MESSAGES:
        lines.append(f"| `{name}` | {'import' if imported else 'ignore'} | {what} |")
    lines += [
        "",
        "Expected counts:",
        "",
        f"- files: {len(MESSAGES)}",
        f"- marked (subject carries the OGP-høring marker in some spelling): {len(marked)}",
        f"- distinct marked after dedup on Message-ID: {len(marked) - 1}"
        " (08 and 09 are the same message)",
        "  - 5 citizens (01, 02, 10, 11, 15), 3 companies (04, 05, 17), 3 NGOs (03, 08, 16), "
        "2 authorities (06, 07)",
        "  - 1 late reply (07, after the 20 August 2017 deadline)",
        "  - 1 near-duplicate pair of campaign form letters (10, 11) from different people",
        "  - attachment formats: PDF with a text layer (04), DOCX (06), scanned PDF read by "
        "OCR (15; without Tesseract it records 'ocr unavailable'), ODT (16), winmail.dat "
        "with an RTF attachment inside (17)",
        f"- ignored (no marker): {len(ignored)}",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build, _, _ in MESSAGES:
        (OUT / name).write_bytes(build())
    (OUT / "README.md").write_text(readme(), encoding="utf-8", newline="\n")
    print(f"wrote {len(MESSAGES)} messages and README.md to {OUT}")


if __name__ == "__main__":
    main()
