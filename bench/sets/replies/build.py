#!/usr/bin/env python3
"""Render the reply cases into real RFC 5322 messages.

Usage: python build.py OUTDIR [--cases DIR ...]

Reads every cases/*.toml beside this file (and any further --cases DIR) and writes
OUTDIR/<id>.eml.  DOCX attachments are built with python-docx from the case's
blocks (Heading 1/2 styles, List Number / List Bullet styles with real Word
numbering, bold runs, tables, justified paragraphs, a real page footer); PDF
attachments are that DOCX converted by LibreOffice (`soffice --headless
--convert-to pdf`).  Needs python-docx (use /work/main/.venv/bin/python) and
soffice on PATH for PDFs.  Message-IDs, dates, MIME boundaries and document
properties are fixed, so the text content is the same on every run.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import html.parser
import io
import shutil
import subprocess
import sys
import tempfile
import tomllib
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent

MAILER_HEADERS = {
    "outlook": [
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Content-Language", "da-DK"),
        ("Thread-Index", None),
    ],
    "exchange-owa": [
        ("X-MS-Has-Attach", None),
        ("X-MS-TNEF-Correlator", ""),
        ("Content-Language", "da-DK"),
        ("X-Originating-IP", "[10.20.4.31]"),
    ],
    "gmail": [],
    "apple-mail": [("X-Mailer", "Apple Mail (2.3273)")],
    "iphone": [("X-Mailer", "iPhone Mail (14G60)")],
    "thunderbird": [
        (
            "User-Agent",
            "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101 Thunderbird/52.2.1",
        ),
        ("Content-Language", "da"),
    ],
    "webmail": [("User-Agent", "Roundcube Webmail/1.2.4")],
}


# ---------------------------------------------------------------- HTML bodies
OUTLOOK_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
\t{font-family:Calibri;
\tpanose-1:2 15 5 2 2 2 4 3 2 4;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{margin:0cm;
\tmargin-bottom:.0001pt;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;
\tmso-fareast-language:EN-US;}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
\t{margin-top:0cm;
\tmargin-right:0cm;
\tmargin-bottom:0cm;
\tmargin-left:36.0pt;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;}
span.EmailStyle17
\t{mso-style-type:personal-compose;
\tfont-family:"Calibri",sans-serif;
\tcolor:windowtext;}
@page WordSection1
\t{size:612.0pt 792.0pt;
\tmargin:70.85pt 70.85pt 70.85pt 70.85pt;}
div.WordSection1
\t{page:WordSection1;}
--></style>
</head>
<body lang="DA" link="#0563C1" vlink="#954F72">
<div class="WordSection1">
"""
OUTLOOK_TAIL = "</div>\n</body>\n</html>\n"


def wrap_html(mailer: str, body: str) -> str:
    body = body.strip("\n") + "\n"
    if mailer in ("outlook", "exchange-owa"):
        if "<html" in body.lower():
            return body
        return OUTLOOK_HEAD + body + OUTLOOK_TAIL
    if mailer == "apple-mail":
        if "<html" in body.lower():
            return body
        return (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '</head><body style="word-wrap: break-word; -webkit-nbsp-mode: space; '
            '-webkit-line-break: after-white-space;" class="">' + body + "</body></html>\n"
        )
    if mailer == "webmail":
        if "<html" in body.lower():
            return body
        return (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />'
            "</head><body style='font-size: 10pt; font-family: Verdana,Geneva,sans-serif'>\n"
            + body
            + "</body></html>\n"
        )
    return body  # gmail and others: the fragment as written


class _Plain(html.parser.HTMLParser):
    """HTML to the text/plain alternative, roughly as mail clients do it."""

    BLOCK: ClassVar[set[str]] = {"p", "div", "h1", "h2", "h3", "h4", "tr", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list] = []
        self.skip = 0
        self.href: str | None = None

    def nl(self, n: int = 1) -> None:
        text = "".join(self.out)
        have = len(text) - len(text.rstrip("\n"))
        if text and have < n:
            self.out.append("\n" * (n - have))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self.nl()
            self.lists.append([tag, 0])
        elif tag == "li":
            self.nl()
            depth = len(self.lists)
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            mark = f"{kind[1]}." if kind[0] == "ol" else ("-" if depth <= 1 else "o")
            self.out.append("   " * max(depth, 1) + mark + " ")
        elif tag in self.BLOCK:
            self.nl()
        elif tag == "a":
            self.href = a.get("href")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.nl()
        elif tag == "p":
            self.nl(2)
        elif tag in self.BLOCK or tag == "li":
            self.nl()
        elif tag == "a" and self.href and self.href.startswith("http"):
            self.out.append(f" <{self.href}>")
            self.href = None

    def handle_data(self, data):
        if self.skip:
            return
        data = data.replace("\r", "").replace("\n", " ")
        if not data.strip() and (not self.out or self.out[-1].endswith("\n")):
            return
        self.out.append(data)


def html_to_plain(src: str) -> str:
    p = _Plain()
    p.feed(src)
    p.close()
    lines = [ln.rstrip().replace("\xa0", " ") for ln in "".join(p.out).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


# ---------------------------------------------------------------- DOCX
def _numbering_setup(doc):
    """Add one multilevel list definition (1. / 1.1 / a)) to numbering.xml."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = doc.part.numbering_part.element
    levels = [("decimal", "%1.", 360), ("decimal", "%1.%2", 792), ("lowerLetter", "%3)", 1224)]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{ind}" w:hanging="{360 if i == 0 else 432}"/></w:pPr></w:lvl>'
        for i, (fmt, txt, ind) in enumerate(levels)
    )
    absnum = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        f'<w:multiLevelType w:val="multilevel"/>{lvl_xml}</w:abstractNum>'
    )
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(absnum)
    else:
        numbering.append(absnum)
    return numbering


def _new_num(numbering, num_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )


def _set_num(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def _add_lines(paragraph, text: str, bold: bool = False, size=None, italic: bool = False):
    from docx.shared import Pt

    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if i < text.count("\n"):
            run.add_break()


def _table_borders(table, on: bool) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tblpr = table._tbl.tblPr
    val = "single" if on else "nil"
    edges = "".join(
        f'<w:{e} w:val="{val}" w:sz="4" w:space="0" w:color="808080"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


def _named_style(doc, name: str):
    """A paragraph style by name: Word's built-in ones (Title, Heading 3, …) from the template,
    else a custom style the author made (bold 12 pt, no outline level: used as a heading)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    try:
        return doc.styles[name]
    except KeyError:
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        st.font.bold = True
        st.font.size = Pt(12)
        st.paragraph_format.space_before = Pt(10)
        st.paragraph_format.keep_with_next = True
        return st


def _add_page_fields(paragraph) -> None:
    """Append ' · Side <PAGE> af <NUMPAGES>' as Word fields, so each page shows its number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for text, field in ((" · Side ", "PAGE"), (" af ", "NUMPAGES")):
        run = paragraph.add_run(text)
        run.font.size = Pt(8)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), f" {field} ")
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "16")
        rpr.append(sz)
        r.append(rpr)
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        paragraph._p.append(fld)


def build_docx(case: dict, att: dict) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri" if att["producer"] == "word" else "Liberation Serif"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    numbering = _numbering_setup(doc)
    if att.get("running_header"):  # a line repeated at the top of every page (r050)
        header = sec.header.paragraphs[0]
        header.text = att["running_header"]
        header.runs[0].font.size = Pt(8)
    num_id, in_list = 900, False
    justified = att.get("justified", False)
    for b in att["blocks"]:
        style = b["style"]
        if style in ("heading1", "heading2", "title", "letterhead") or b.get("restart"):
            in_list = False  # a new numbered list starts after a heading
        if b.get("word_style"):
            in_list = False  # a paragraph in a named style (Heading 3, Title, …) is a heading
        if style == "letterhead":
            p = doc.add_paragraph()
            lines = b["text"].split("\n")
            _add_lines(p, lines[0], bold=True, size=13)
            if len(lines) > 1:
                p.runs[-1].add_break()
                _add_lines(p, "\n".join(lines[1:]), size=9)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.space_after = Pt(18)
        elif style == "title":
            p = doc.add_paragraph()
            _add_lines(p, b["text"], bold=True, size=14)
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.space_after = Pt(12)
        elif style in ("heading1", "heading2"):
            doc.add_heading(b["text"], level=1 if style == "heading1" else 2)
        elif style == "paragraph" and b.get("word_style"):
            p = doc.add_paragraph(style=_named_style(doc, b["word_style"]))
            _add_lines(p, b["text"], bold=b.get("bold", False), size=b.get("size"))
        elif style == "paragraph":
            p = doc.add_paragraph()
            _add_lines(p, b["text"], bold=b.get("bold", False), size=b.get("size"))
            if justified and "\n" not in b["text"]:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif style == "bold":
            p = doc.add_paragraph()
            _add_lines(p, b["text"], bold=True)
            p.paragraph_format.space_before = Pt(8)
            p.paragraph_format.keep_with_next = True
        elif style == "bullet2" and b.get("level") == 3:  # a third level, "List Bullet 3"
            p = doc.add_paragraph(style="List Bullet 3")
            _add_lines(p, b["text"])
        elif style in ("bullet", "bullet2"):
            p = doc.add_paragraph(style="List Bullet" if style == "bullet" else "List Bullet 2")
            _add_lines(p, b["text"])
            if justified:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif style in ("number", "number2"):
            if not in_list:
                num_id += 1
                _new_num(numbering, num_id)
                in_list = True
            third = style == "number2" and b.get("level") == 3  # "a)" under "1.1"
            p = doc.add_paragraph(
                style="List Number 3"
                if third
                else ("List Number" if style == "number" else "List Number 2")
            )
            _add_lines(p, b["text"])
            _set_num(p, num_id, 2 if third else (0 if style == "number" else 1))
            if justified:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif style == "table":
            rows = b["rows"]
            borders = b.get("borders", True)
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            if borders:
                t.style = doc.styles["Table Grid"]
            _table_borders(t, borders)
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = t.cell(r, c)
                    cell.paragraphs[0].text = ""
                    _add_lines(
                        cell.paragraphs[0],
                        cell_text,
                        bold=(borders and r == 0 and b.get("header", True)),
                        size=10 if borders else 9,
                    )
            doc.add_paragraph()
        elif style == "signature":
            p = doc.add_paragraph()
            _add_lines(p, b["text"], bold=b.get("bold", False))
            p.paragraph_format.space_before = Pt(12)
        elif style == "footer":
            fp = sec.footer.paragraphs[0]
            fp.text = ""
            _add_lines(fp, b["text"], size=8)
            if b.get("page_numbers"):  # "Side n af m" from Word's PAGE/NUMPAGES fields (writer h)
                _add_page_fields(fp)
            fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            raise ValueError(f"unknown block style {style}")
    # document properties: who made it
    cp = doc.core_properties
    person = case["label"]["respondent"].get("person") or "Bruger"
    org = case["label"]["respondent"].get("organisation") or ""
    when = datetime.fromisoformat(case["mail"]["date"]).replace(tzinfo=None)
    cp.author = person if att["producer"] == "word" else ""
    cp.last_modified_by = person if att["producer"] == "word" else ""
    cp.title = att["blocks"][0].get("text", "").split("\n")[0][:80] if att["blocks"] else ""
    cp.created = when.replace(hour=9, minute=12, second=0)
    cp.modified = when.replace(second=0)
    cp.revision = 3
    cp.comments = ""
    cp.keywords = ""
    cp.subject = ""
    if att["producer"] == "word":
        app_name = "Microsoft Office Word"
        company = org
    else:
        app_name = (
            "LibreOffice/5.3.4.2$Windows_X86_64 "
            "LibreOffice_project/f82d347ccc0be322489bf7da61d7e4ad13fe2ff3"
        )
        company = ""
    for part in doc.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            xml = part.blob.decode("utf-8")
            import re

            xml = re.sub(
                r"<Application>.*?</Application>", f"<Application>{app_name}</Application>", xml
            )
            xml = re.sub(
                r"<Company>.*?</Company>|<Company/>",
                f"<Company>{html.escape(company)}</Company>",
                xml,
            )
            part._blob = xml.encode("utf-8")
    buf = io.BytesIO()
    doc.save(buf)
    return _fix_zip_times(buf.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def docx_to_pdf(docx_bytes: dict[str, bytes]) -> dict[str, bytes]:
    """Convert {key: docx} with one LibreOffice run; returns {key: pdf}."""
    if not docx_bytes:
        return {}
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory(prefix="replies-build-") as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        (tmp / "out").mkdir()
        paths = []
        for key, data in docx_bytes.items():
            p = tmp / "in" / f"{key}.docx"
            p.write_bytes(data)
            paths.append(str(p))
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "out"),
            *paths,
        ]
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600
        )
        result = {}
        for key in docx_bytes:
            pdf = tmp / "out" / f"{key}.pdf"
            if not pdf.exists():
                raise RuntimeError(f"LibreOffice did not produce {pdf.name}")
            result[key] = pdf.read_bytes()
        return result


# ---------------------------------------------------------------- messages
def _boundary(case_id: str, mailer: str, n: int) -> str:
    h = hashlib.sha1(f"{case_id}/{n}".encode()).hexdigest()
    if mailer in ("outlook", "exchange-owa"):
        return f"_{n:03d}_{h[:20].upper()}_"
    if mailer == "gmail":
        return "000000000000" + h[:16]
    if mailer in ("apple-mail", "iphone"):
        return f"Apple-Mail={h[:8].upper()}-{h[8:12].upper()}-{h[12:16].upper()}-{h[16:28].upper()}"
    return f"=_{h[:32]}"


def build_message(case: dict, files: dict[int, bytes]) -> bytes:
    mail = case["mail"]
    mailer = mail["mailer"]
    msg = EmailMessage(policy=SMTP)
    msg["From"] = mail["from"]
    msg["To"] = mail["to"]
    if mail.get("cc"):
        msg["Cc"] = mail["cc"]
    msg["Subject"] = mail["subject"]
    date = datetime.fromisoformat(mail["date"])
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<{case['id']}@sets.hoering.invalid>"
    has_att = bool(mail.get("attachments"))
    for name, value in MAILER_HEADERS.get(mailer, []):
        if name == "Thread-Index":
            value = hashlib.sha1(case["id"].encode()).hexdigest()[:22].upper() + "=="
            value = "AdMX" + value[4:]
        if name == "X-MS-Has-Attach":
            value = "yes" if has_att else ""
        msg[name] = value
    body = mail["body"]
    if not body.endswith("\n"):
        body += "\n"
    if mail["body_format"] == "html":
        src = wrap_html(mailer, body)
        plain = html_to_plain(src)
        cte = "quoted-printable" if mailer in ("outlook", "exchange-owa", "gmail") else None
        msg.set_content(plain, charset="utf-8", cte=cte)
        msg.add_alternative(src, subtype="html", charset="utf-8", cte=cte)
    else:
        cte = (
            "quoted-printable"
            if mailer in ("outlook", "exchange-owa", "apple-mail", "iphone")
            else "8bit"
        )
        msg.set_content(body, charset="utf-8", cte=cte)
    for i, att in enumerate(mail.get("attachments", [])):
        if att["kind"] == "pdf":
            maintype, subtype = "application", "pdf"
        else:
            maintype = "application"
            subtype = "vnd.openxmlformats-officedocument.wordprocessingml.document"
        msg.add_attachment(files[i], maintype=maintype, subtype=subtype, filename=att["filename"])
    n = 0
    for part in msg.walk():
        if part.is_multipart():
            n += 1
            part.set_boundary(_boundary(case["id"], mailer, n))
    return msg.as_bytes()


def load_cases(dirs: list[Path]) -> list[dict]:
    cases = []
    for d in dirs:
        for p in sorted(Path(d).glob("*.toml")):
            cases.append(tomllib.loads(p.read_text(encoding="utf-8")))
    return cases


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--cases", action="append", default=[], help="a further cases folder")
    args = ap.parse_args(argv)
    dirs = [HERE / "cases"] + [Path(d) for d in args.cases]
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    cases = load_cases(dirs)
    docx_files: dict[tuple[str, int], bytes] = {}
    for case in cases:
        for i, att in enumerate(case["mail"].get("attachments", [])):
            docx_files[(case["id"], i)] = build_docx(case, att)
    want_pdf = {
        f"{cid}_{i}": docx_files[(cid, i)]
        for case in cases
        for i, att in enumerate(case["mail"].get("attachments", []))
        for cid in [case["id"]]
        if att["kind"] == "pdf"
    }
    pdfs = docx_to_pdf(want_pdf)
    for case in cases:
        files = {}
        for i, att in enumerate(case["mail"].get("attachments", [])):
            files[i] = (
                pdfs[f"{case['id']}_{i}"] if att["kind"] == "pdf" else docx_files[(case["id"], i)]
            )
        (out / f"{case['id']}.eml").write_bytes(build_message(case, files))
    print(f"built {len(cases)} messages into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
