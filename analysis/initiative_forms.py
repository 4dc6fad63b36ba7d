"""Replies written as forms: a table whose header row names a proposal column ("Nr. | Forslag
| Tema"), one initiative per row; the call's form filled in as "Titel: ..." fields, or the
sender's own label repeated per proposal; "Ad 2: ..." notes below a table joined to row 2."""

from __future__ import annotations

import re

from hoering.analysis.initiative_fields import form_fields, label_of, repeated_label
from hoering.analysis.initiative_headings import ends_initiative
from hoering.analysis.initiative_text import CLOSING, HEADING, Span, clean_title

_PROPOSAL_COLUMN = re.compile(
    r"^(?:(?:vores|jeres|konkrete?|foreslåede?) )?(?:forslag|initiativ\w*|tiltag|idé|idéer|ideer|"
    r"anbefaling\w*)(?: til (?:initiativ\w*|handlingsplan\w*))?$|^titel$|^hvad (?:vi|jeg) foreslår$"
)
_OTHER_COLUMN = re.compile(
    r"^(?:nr\.?|#|tema|temaer|emne|område|bemærkning\w*|begrundelse|effekt|forventet effekt|"
    r"prioritet|formål|målgruppe|tidsplan|økonomi|uddybning|forklaring|hvorfor|hvordan|"
    r"kommentar\w*|aktør\w*|ansvar\w*|gevinst\w*|værdi\w*|ogp-værdi\w*)$"
)
_COLUMN_CHARS, _COLUMN_WORDS = 40, 5  # a column's label: "Gevinst for virksomhederne"
_AD = re.compile(r"^(?:#+\s*)?ad\s+(\d{1,2})\s*(?:[:.)]|$)", re.IGNORECASE)


def form_spans(lines: list[str]) -> list[Span]:
    spans: list[Span] = []
    current: list[str] = []
    fields: dict[str, str] = {}
    header: list[str] = []
    titled = repeated_label(lines)  # a form of the respondent's own labels
    for index, line in enumerate(lines):
        cells = [cell.strip() for cell in line.split(" | ")] if " | " in line else []
        if _header_labels(cells):  # a header row: one initiative per row below
            header = _header_labels(cells)
            continue
        if header and not cells:  # the table ended
            header = []
            _close_form(spans, current, fields)
            current, fields = [], {}
        pairs = list(zip(header, cells, strict=False)) if header else _fields(lines, index)
        if not pairs and titled and len(cells) == 2 and cells[0].strip("*: ").casefold() == titled:
            pairs = [("title", cells[1])]
        for label, value in pairs:
            if label == "title":
                _close_form(spans, current, fields)
                current, fields = [], {}
            if label in ("title", "owner", "level"):
                fields.setdefault(label, value)
        if fields and (ends_initiative(line) or _AD.match(line.strip())):
            _close_form(spans, current, fields)
            current, fields = [], {}
        if fields:
            current.append(line)
    _close_form(spans, current, fields)
    return with_ad_notes(spans, lines)


def _fields(lines: list[str], index: int) -> list[tuple[str, str]]:
    """Form fields on line `index`; a heading that is a label ("## Titel på initiativet")
    takes the line below it as its value."""
    heading = HEADING.match(lines[index].strip())
    if not heading:
        return form_fields(lines[index])
    label = label_of(heading.group(2))
    value = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return [(label, value)] if label == "title" and value and not HEADING.match(value) else []


def _header_labels(cells: list[str]) -> list[str]:
    """The fields of a table header row that names a proposal column ("Nr. | Forslag |
    Tema"), or [] for any other row. A column named in no list ("Gevinst for
    virksomhederne") is read beside two that are; a form's "Titel | Lobbyregister" row
    names only one, so it stays a row of the form."""
    if len(cells) < 2:
        return []
    labels, known = [], 0
    for cell in cells:
        text = cell.strip(" :*").casefold()
        label = label_of(cell) or ("title" if _PROPOSAL_COLUMN.match(text) else "")
        if label or _OTHER_COLUMN.match(text):
            known += 1
        elif not _column_label(text):
            return []
        labels.append(label)
    return labels if "title" in labels and known >= 2 else []


def _column_label(text: str) -> bool:
    """A few words naming a column, not a value: no sentence, no figures."""
    return (
        0 < len(text) <= _COLUMN_CHARS
        and len(text.split()) <= _COLUMN_WORDS
        and text[:1].isalpha()
        and not any(ch.isdigit() or ch in ".!?;" for ch in text)
    )


def with_ad_notes(spans: list[Span], lines: list[str]) -> list[Span]:
    """ "Ad 2: ..." paragraphs below a table comment on row 2: part of that initiative."""
    notes: dict[int, list[str]] = {}
    current = None
    for line in lines:
        ad = _AD.match(line.strip())
        if ad:
            current = int(ad.group(1))
        elif not line.strip() or CLOSING.match(line.strip()):
            current = None
        if current is not None and 0 < current <= len(spans):
            notes.setdefault(current, []).append(line)
    return [
        Span(span.title, span.lines + tuple(notes.get(n, ())), span.rule, span.fields)
        for n, span in enumerate(spans, start=1)
    ]


def _close_form(spans: list[Span], lines: list[str], fields: dict[str, str]) -> None:
    title = fields.get("title", "").strip()
    if title:  # an empty template row is no initiative
        pairs = tuple((k, v) for k, v in fields.items() if k != "title")
        spans.append(Span(clean_title(title), tuple(lines), "form", pairs))
