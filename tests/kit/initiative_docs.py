"""Build DOCX (python-docx), ODT (content.xml by hand) and PDF (fpdf2) from a list of blocks,
so the initiative cases go through the real extraction path.

A block is (kind, content): "h1"/"h2" heading, "title" the document's title (Word's Title
style in DOCX), "p" paragraph, "b" a bold paragraph (DOCX; plain elsewhere), "num"/"bullet"
list item, "num2"/"bullet2" a nested item, "table" a list of rows (lists of cell texts; a
DOCX cell's lines are paragraphs of their own).
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

import docx
from fpdf import FPDF

from tests.kit.office_files import odf

Block = tuple[str, object]
_DOCX_STYLES = {
    "num": "List Number", "bullet": "List Bullet", "num2": "List Number 2",
    "bullet2": "List Bullet 2", "p": None, "b": None, "title": "Title",
}  # fmt: skip
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def to_docx(blocks: list[Block]) -> bytes:
    document = docx.Document()
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            document.add_heading(str(content), level=int(kind[1]))
        elif kind == "b":
            document.add_paragraph().add_run(str(content)).bold = True
        elif kind == "table":
            rows = list(content)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    first, *more = value.split("\n")
                    cell.text = first
                    for line in more:
                        cell.add_paragraph(line)
        else:
            document.add_paragraph(str(content), style=_DOCX_STYLES[kind])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_odt(blocks: list[Block]) -> bytes:
    parts = []
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            parts.append(f"<text:h text:outline-level='{kind[1]}'>{escape(str(content))}</text:h>")
        elif kind == "table":
            rows = "".join(
                "<table:table-row>"
                + "".join(
                    f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>"
                    for c in row
                )
                + "</table:table-row>"
                for row in content  # type: ignore[union-attr]
            )
            parts.append(f"<table:table>{rows}</table:table>")
        elif kind in ("num", "bullet"):
            parts.append(
                f"<text:list><text:list-item><text:p>{escape(str(content))}</text:p></text:list-item></text:list>"
            )
        elif kind in ("num2", "bullet2"):
            item = f"<text:list-item><text:p>{escape(str(content))}</text:p></text:list-item>"
            inner = f"<text:list>{item}</text:list>"
            parts.append(f"<text:list><text:list-header>{inner}</text:list-header></text:list>")
        else:
            parts.append(f"<text:p>{escape(str(content))}</text:p>")
    return odf("".join(parts))


def to_pdf(blocks: list[Block]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(_FONT))
    pdf.set_font("DejaVu", size=11)
    counters = {"num": 0, "num2": 0}
    for kind, content in blocks:
        if kind in ("num", "num2"):
            counters[kind] += 1
            if kind == "num":
                counters["num2"] = 0
            text = f"{counters[kind]}. {content}"
        elif kind in ("bullet", "bullet2"):
            text = f"• {content}"
        elif kind == "table":
            text = "\n".join(": ".join(row) for row in content)  # type: ignore[union-attr]
        else:
            text = str(content)
        indent = 10 if kind.endswith("2") else 0
        pdf.set_x(pdf.l_margin + indent)
        pdf.set_font_size(14 if kind in ("h1", "h2") else 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
