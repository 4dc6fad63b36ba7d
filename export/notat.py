"""The høringsnotat skeleton as DOCX, in the structure Danish ministries use.

1. Indledning (hearing period, deadline, how many replies), 2. Høringsparter (who replied,
type, date; late replies marked), 3. Høringssvarene (per theme a table Høringspart |
Bemærkning | Beslutning | Begrundelse, replies without a theme under "Øvrige bemærkninger";
a reply's initiatives are listed by title and summary, export/notat_initiatives.py),
4. Ændringer i forhold til udkastet (left for the drafting team), Bilag (each reply with
its attached files, numbered in the order of section 2). Page header: ministry, j.nr. and
date; footer: "Side N af M".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from hoering import glossary
from hoering.analysis.cleaning import ATTACHMENT_ONLY, NO_COMMENTS
from hoering.analysis.summary import summarize
from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.config_notat import NotatConfig
from hoering.export.columns import NOT_A_DOCUMENT
from hoering.export.docx_page import describe_document, header_and_footer, set_up_page
from hoering.export.files import atomic_file
from hoering.export.notat_initiatives import initiative_line, initiatives_on
from hoering.export.record import ExportRecord
from hoering.vocab import RespondentType

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
LATE = "modtaget efter fristen"
OTHER = "Øvrige bemærkninger"
TO_FILL = "[udfyldes]"
# Danish practice: authorities first, then organisations, companies and citizens.
PARTY_ORDER = (
    RespondentType.MYNDIGHED,
    RespondentType.ORGANISATION,
    RespondentType.VIRKSOMHED,
    RespondentType.BORGER,
)
TABLE_FONT = Pt(10)
TEXT_WIDTH_CM = 16.0  # A4 less 2.5 cm margins
# Width of the widest word a column must hold unbroken: Arial (Liberation Sans) 10 pt
# averages under 0.2 cm a character, bold included; cell margins take 0.4 cm.
CHAR_CM = 0.2
CELL_PADDING_CM = 0.45


@dataclass(frozen=True)
class Consultation:
    title: str
    start: date | None
    deadline: date | None
    tz: ZoneInfo
    theme_order: tuple[str, ...] = ()  # theme labels in codebook order; default codebook if ()
    ministry: str = ""  # page header, e.g. "Digitaliseringsstyrelsen"
    journal_number: str = ""  # page header "J.nr. ..."
    # [notat]: office, where it was published, the høringsliste, citizens named, template.
    notat: NotatConfig = field(default_factory=NotatConfig)


def consultation_of(cfg) -> Consultation:
    """What the notat says about the consultation, from the config: `hoering notat` and
    the desk's export build it the same way."""
    themes = tuple(theme.label for theme in cfg.codebook.themes)
    return Consultation(
        cfg.title,
        cfg.start,
        cfg.deadline,
        cfg.timezone,
        themes,
        cfg.ministry,
        cfg.journal_number,
        cfg.notat,
    )


def danish_date(day: date) -> str:
    """20. august 2017."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def party_name(record: ExportRecord) -> str:
    """The organisation when there is one, else the person (or their pseudonym)."""
    return record.organisation or record.respondent_name or record.sender_name or "(ukendt)"


NO_SUMMARY = "(intet resumé – se høringssvaret)"


def summary_line(record: ExportRecord) -> str:
    """The reply's substance in one sentence (see analysis.summary), from the attachment
    (marked "(bilag)") when the mail is a cover note."""
    if NO_COMMENTS in record.flags:
        return "Ingen bemærkninger."
    own = summarize(record.reply_text, skip=[record.subject])
    attached = next(
        (
            found
            for att in record.attachments
            if att.detected_type not in NOT_A_DOCUMENT
            for found in (summarize(att.text, skip=[record.subject]),)
            if found
        ),
        None,
    )
    if attached and (ATTACHMENT_ONLY in record.flags or not own):
        return f"(bilag) {attached}"
    return own or NO_SUMMARY  # never the subject: it is the call's, not what they propose


def column_widths(
    header: tuple[str, ...], rows: list[tuple[str, ...]], preferred: tuple[float, ...], flex: int
) -> tuple[float, ...]:
    """Preferred widths (cm), widened so each column's longest word fits unbroken; the
    `flex` column gives up what the others need (never below its own longest word)."""
    needed = [
        max((len(word) for text in column for word in text.split()), default=0) * CHAR_CM
        + CELL_PADDING_CM
        for column in zip(header, *rows, strict=True)
    ]
    widths = [max(p, n) for p, n in zip(preferred, needed, strict=True)]
    widths[flex] = max(needed[flex], widths[flex] - (sum(widths) - TEXT_WIDTH_CM))
    return tuple(round(width, 2) for width in widths)


def _table(
    doc,
    header: tuple[str, ...],
    rows: Iterable[tuple[str, ...]],
    preferred: tuple[float, ...],
    flex: int = 1,
):
    rows = list(rows)
    widths = column_widths(header, rows, preferred, flex)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, TABLE_FONT
    _repeat_as_header(table.rows[0])
    for values in rows:
        row = table.add_row()
        # A row stays on one page: half a Bemærkning at the foot of a page reads badly.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = TABLE_FONT
    # LibreOffice reads the grid's column widths, Word the cells': set both.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    doc.add_paragraph()  # room before the next heading
    return table


def _repeat_as_header(row) -> None:
    """The row is repeated at the top of every page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(marker)


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
        "Høringssvarene er gengivet i kort form nedenfor; de kan ses i deres helhed i "
        f"{_bilag_range(len(records))} (se listen sidst i notatet)."
    )


def _bilag_range(count: int) -> str:
    return "bilag 1" if count == 1 else f"bilag 1–{count}" if count else "bilag"


def ranked(records: Iterable[ExportRecord]) -> list[ExportRecord]:
    """Authorities, organisations, companies, citizens; by name within each; stable."""
    order = {kind: index for index, kind in enumerate(PARTY_ORDER)}
    return sorted(
        records, key=lambda r: (order.get(r.respondent_type, 99), party_name(r).casefold())
    )


def _received(record: ExportRecord, tz: ZoneInfo) -> str:
    return glossary.people_date(record.received_at, tz)


def _parties(doc, records: list[ExportRecord], tz: ZoneInfo) -> None:
    """One row per reply, in the order of `ranked`; the last column is its bilag number."""
    doc.add_heading("2. Høringsparter", level=1)
    doc.add_paragraph(
        "Følgende har afgivet høringssvar (myndigheder, organisationer, virksomheder, borgere):"
    )
    rows = []
    for number, record in enumerate(records, start=1):
        received = _received(record, tz)
        if record.late:
            received += f" ({LATE})"
        rows.append((party_name(record), record.respondent_type, received, str(number)))
    headers = ("Høringspart", glossary.TYPE, glossary.RECEIVED, "Bilag")
    _table(doc, headers, rows, (6.4, 3.6, 4.6, 1.4), 0)


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
            doc, ("Høringspart", "Bemærkning", glossary.DECISION, glossary.REASON), rows,
            (3.8, 6.6, 2.6, 3.0),
        )  # fmt: skip


def _bilag(doc, records: list[ExportRecord], tz: ZoneInfo) -> None:
    """The list of bilag: each reply, numbered as in section 2, with its attached files."""
    doc.add_heading("Bilag", level=1)
    for number, record in enumerate(records, start=1):
        files = _bilag_files(record)
        line = f"Bilag {number}. Høringssvar fra {party_name(record)}"
        line += f", modtaget {_received(record, tz)}" if record.received_at else ""
        line += f", med vedhæftet: {', '.join(files)}" if files else ""
        doc.add_paragraph(line)


def _bilag_files(record: ExportRecord) -> list[str]:
    """Top-level attached files; for Outlook's winmail.dat the files packed inside it."""
    containers = {a.path for a in record.attachments if a.detected_type == "tnef"}
    return [
        a.filename or a.path.rpartition("/")[2]
        for a in record.attachments
        if a.path not in containers
        and ("/" not in a.path or a.path.rpartition("/")[0] in containers)
    ]


def _furniture(doc, consultation: Consultation, today: date) -> None:
    case = " · ".join(
        part
        for part in (
            consultation.ministry,
            f"J.nr. {consultation.journal_number}" if consultation.journal_number else "",
        )
        if part
    )
    header_and_footer(doc, case or "Høringsnotat", danish_date(today))


def write_notat(
    records: Iterable[ExportRecord],
    output: Path,
    consultation: Consultation,
    today: date | None = None,
) -> int:
    """Write the høringsnotat DOCX atomically; returns the number of replies in it."""
    rows = ranked(records)
    doc = Document()
    set_up_page(doc)  # A4 with 2.5 cm margins: 16 cm for the tables
    describe_document(doc, f"Høringsnotat – {consultation.title}", consultation.ministry)
    _furniture(doc, consultation, today or datetime.now(consultation.tz).date())
    doc.add_heading("Høringsnotat", level=0)
    doc.add_paragraph().add_run(consultation.title).bold = True
    _introduction(doc, consultation, rows)
    _parties(doc, rows, consultation.tz)
    _replies(doc, rows, consultation.theme_order)
    doc.add_heading("4. Ændringer i forhold til udkastet", level=1)
    doc.add_paragraph(TO_FILL)
    _bilag(doc, rows, consultation.tz)
    with atomic_file(output, "wb") as handle:
        doc.save(handle)
    return len(rows)
