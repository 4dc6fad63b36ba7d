"""The høringsnotat skeleton as DOCX, in the structure Danish ministries use.

1. Indledning (hearing period, deadline, how many replies), 2. Høringsparter (who replied,
type, date; late replies marked), 3. Høringssvarene (per theme a table Høringspart |
Bemærkning | Beslutning | Begrundelse, replies without a theme under "Øvrige bemærkninger";
a reply's initiatives are listed by title and summary, export/notat_initiatives.py),
4. Ændringer i forhold til udkastet (left for the drafting team).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document
from docx.shared import Cm, Pt

from hoering.analysis.respondent import RESPONDENT_TYPES
from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.export.files import atomic_file
from hoering.export.notat_initiatives import initiative_line, initiatives_on
from hoering.export.record import ExportRecord

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
LATE = "modtaget efter fristen"
OTHER = "Øvrige bemærkninger"
TO_FILL = "[udfyldes]"
SUMMARY_LIMIT = 200
_GREETING = re.compile(r"^(?:hej|kære|til|dear|hello|goddag|att\.?)\b", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"^(?:fra|til|cc|dato|sendt|emne|from|to|date|sent|subject)\s*:", re.IGNORECASE
)
_MARKUP = re.compile(r"^(?:#{1,6}|-)\s+")
_THANKS = re.compile(r"^(?:mange )?tak for\b|^thank", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“»(]?[A-ZÆØÅ0-9])")


@dataclass(frozen=True)
class Consultation:
    title: str
    start: date | None
    deadline: date | None
    tz: ZoneInfo
    theme_order: tuple[str, ...] = ()  # theme labels in codebook order; default codebook if ()


def danish_date(day: date) -> str:
    """20. august 2017."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def party_name(record: ExportRecord) -> str:
    """The organisation when there is one, else the person (or their pseudonym)."""
    return record.organisation or record.respondent_name or record.sender_name or "(ukendt)"


def summary_line(record: ExportRecord) -> str:
    """The first sentence of the reply, greeting left out, at most SUMMARY_LIMIT characters."""
    text = _first_words(record.reply_text)
    attached = next((a.text for a in record.attachments if a.text.strip()), "")
    # "Se vedhæftede": the substance is in the attachment, so summarize that instead.
    if attached and ("kun bilag" in record.flags or not text):
        text = f"(bilag) {_first_words(attached)}"
    text = text or record.subject
    sentences = _SENTENCE_END.split(text, maxsplit=2)
    # "Tak for invitationen." says nothing about the proposal; the next sentence does.
    if len(sentences) > 1 and _THANKS.match(sentences[0]):
        sentences = sentences[1:]
    first = sentences[0]
    return first if len(first) <= SUMMARY_LIMIT else first[: SUMMARY_LIMIT - 1] + "…"


def _first_words(text: str) -> str:
    # A forwarded mail's text starts with its header lines ("Fra: ...", "Emne: ...").
    # "# " and "- " are the headings and list items of extracted documents (parse/wordml.py).
    lines = [_MARKUP.sub("", line.strip()) for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not _HEADER_LINE.match(line)]
    if lines and _GREETING.match(lines[0]) and len(lines[0]) < 40:
        lines = lines[1:]
    return " ".join(lines)


def _table(
    doc, header: tuple[str, ...], rows: Iterable[tuple[str, ...]], widths: tuple[float, ...]
):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    # LibreOffice reads the grid's column widths, Word the cells': set both.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def _introduction(doc, consultation: Consultation, records: list[ExportRecord]) -> None:
    doc.add_heading("1. Indledning", level=1)
    doc.add_heading("Høringsperiode", level=2)
    title = consultation.title
    if consultation.start and consultation.deadline:
        period = (
            f"{title} blev sendt i høring den {danish_date(consultation.start)} med frist "
            f"for bemærkninger den {danish_date(consultation.deadline)}."
        )
    elif consultation.deadline:
        period = (
            f"Fristen for bemærkninger til {title} var den {danish_date(consultation.deadline)}."
        )
    else:
        period = f"{title} har været i høring. {TO_FILL}"
    doc.add_paragraph(period)
    late = sum(record.late for record in records)
    doc.add_paragraph(
        f"Der er modtaget {len(records)} høringssvar, heraf {late} {LATE}. "
        "Høringssvarene er gengivet i kort form nedenfor; de kan ses i deres helhed i bilag."
    )


def _parties(doc, records: list[ExportRecord], tz: ZoneInfo) -> None:
    doc.add_heading("2. Høringsparter", level=1)
    doc.add_paragraph("Følgende har afgivet høringssvar:")
    order = {kind: index for index, kind in enumerate(RESPONDENT_TYPES)}
    ranked = sorted(records, key=lambda r: (order.get(r.respondent_type, 99), party_name(r)))
    rows = []
    for record in ranked:
        received = (
            record.received_at.astimezone(tz).strftime("%d.%m.%Y") if record.received_at else ""
        )
        if record.late:
            received += f" ({LATE})"
        rows.append((party_name(record), record.respondent_type, received))
    _table(doc, ("Høringspart", "Type", "Modtaget"), rows, (7.0, 4.0, 5.0))


def _by_theme(
    records: list[ExportRecord], order: tuple[str, ...]
) -> list[tuple[str, list[ExportRecord]]]:
    """(label, records) per theme in codebook order, then unknown themes, then OTHER."""
    known = list(order or (theme.label for theme in DEFAULT_CODEBOOK.themes))
    groups: dict[str, list[ExportRecord]] = {}
    other = []
    for record in records:
        for theme in record.themes:
            groups.setdefault(theme.label, []).append(record)
        if not record.themes:
            other.append(record)
    ordered = [label for label in known if label in groups]
    ordered += sorted(label for label in groups if label not in known)
    result = [(label, groups[label]) for label in ordered]
    return result + ([(OTHER, other)] if other else [])


def _rows(record: ExportRecord, label: str) -> list[tuple[str, str, str, str]]:
    """The reply's initiatives on this theme by title and summary; a reply that is one
    proposal (or none on this theme) by its own summary."""
    items = initiatives_on(record, label)
    if not items or (len(record.initiatives) == 1 and items[0].rule == "single"):
        decision = (items[0].decision if items else "") or record.decision or TO_FILL
        reason = (items[0].reason if items else "") or record.reason or TO_FILL
        return [(party_name(record), summary_line(record), decision, reason)]
    party = party_name(record)
    return [(party, initiative_line(i), i.decision or TO_FILL, i.reason or TO_FILL) for i in items]


def _replies(doc, records: list[ExportRecord], order: tuple[str, ...]) -> None:
    doc.add_heading("3. Høringssvarene", level=1)
    doc.add_paragraph(
        "Bemærkningerne er ordnet efter tema; et høringssvar, der berører flere temaer, "
        "nævnes under hvert af dem. Beslutning: optaget, delvist optaget, ikke optaget "
        "eller uden for rammen."
    )
    for number, (label, members) in enumerate(_by_theme(records, order), start=1):
        doc.add_heading(f"3.{number}. {label[:1].upper()}{label[1:]}", level=2)
        rows = [row for record in members for row in _rows(record, label)]
        _table(
            doc, ("Høringspart", "Bemærkning", "Beslutning", "Begrundelse"), rows,
            (3.5, 6.5, 2.5, 3.5),
        )  # fmt: skip


def write_notat(records: Iterable[ExportRecord], output: Path, consultation: Consultation) -> int:
    """Write the høringsnotat DOCX atomically; returns the number of replies in it."""
    rows = list(records)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    section = doc.sections[0]  # A4 with 2.5 cm margins: 16 cm for the tables
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    doc.add_heading("Høringsnotat", level=0)
    doc.add_paragraph().add_run(consultation.title).bold = True
    _introduction(doc, consultation, rows)
    _parties(doc, rows, consultation.tz)
    _replies(doc, rows, consultation.theme_order)
    doc.add_heading("4. Ændringer i forhold til udkastet", level=1)
    doc.add_paragraph(TO_FILL)
    with atomic_file(output, "wb") as handle:
        doc.save(handle)
    return len(rows)
