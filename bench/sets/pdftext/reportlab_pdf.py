"""A case of the PDF reading set laid out by ReportLab (platypus), Liberation Serif embedded."""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph
from reportlab.platypus.flowables import Spacer

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
MARGIN = 2.5 * cm


def reportlab_pdf(case) -> bytes:
    pdfmetrics.registerFont(TTFont("LiberationSerif", FONT))
    # Two passes: the first counts the pages that "Side N af M" names.
    pages = _built(case, total=0)[1]
    return _built(case, total=pages)[0]


def _built(case, total: int) -> tuple[bytes, int]:
    out = io.BytesIO()
    width, height = A4
    text_width = case.width_cm * cm if case.width_cm else width - 2 * MARGIN
    left = (width - text_width) / 2
    top = 3.5 * cm if case.letterhead else MARGIN
    document = BaseDocTemplate(out, pagesize=A4)
    frames = _frames(case, left, text_width, height, top)
    decorate = _decorator(case, total, left, text_width)
    document.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=decorate)])
    document.build(_story(case))
    return out.getvalue(), document.page


def _frames(case, left: float, text_width: float, height: float, top: float) -> list[Frame]:
    bottom = MARGIN
    if case.columns < 2:
        return [Frame(left, bottom, text_width, height - top - bottom, id="body")]
    title = 2.0 * cm
    gap = 1.27 * cm
    column = (text_width - gap) / 2
    below = height - top - title - bottom
    return [
        Frame(left, height - top - title, text_width, title, id="title"),
        Frame(left, bottom, column, below, id="left"),
        Frame(left + column + gap, bottom, column, below, id="right"),
    ]


def _story(case) -> list:
    style = ParagraphStyle(
        "body",
        fontName="LiberationSerif",
        fontSize=case.font_size,
        leading=case.font_size * 1.2,
        alignment=TA_JUSTIFY if case.justify else TA_LEFT,
        spaceAfter=case.font_size * 0.6,
        embeddedHyphenation=1,  # break at the soft hyphens the text carries
    )
    plain = ParagraphStyle("lines", parent=style, alignment=TA_LEFT)
    story: list = []
    for index, text in enumerate(case.body):
        if case.columns > 1 and index == 1:
            story.append(FrameBreak())
        if case.column_break_before and text.startswith(case.column_break_before):
            story.append(FrameBreak())
        lines = text.split("\n")
        markup = "<br/>".join(_escaped(line) for line in lines)
        story.append(Paragraph(markup, plain if len(lines) > 1 else style))
    story.append(Spacer(1, 1))
    return story


def _decorator(case, total: int, left: float, text_width: float):
    def decorate(canvas, document) -> None:
        height = A4[1]
        canvas.saveState()
        canvas.setFont("LiberationSerif", 10)
        page = document.page
        if page == 1 and case.letterhead:
            for i, line in enumerate(case.letterhead.split("\n")):
                canvas.drawString(left, height - 1.5 * cm - i * 12, line)
        elif case.header:
            canvas.drawString(left, height - 1.5 * cm, case.header)
        if case.footer:
            canvas.drawString(left, 1.5 * cm, case.footer)
        if case.page_numbers:
            canvas.drawRightString(left + text_width, 1.0 * cm, f"Side {page} af {total}")
        canvas.restoreState()

    return decorate


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
