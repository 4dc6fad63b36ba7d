"""WordprocessingML walker shared by the python-docx reader and the XML fallback."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Protocol

from lxml import etree

from hoering.parse.altchunk import chunk_text
from hoering.parse.word_headings import (
    CELL_BREAK,
    LARGE,
    LEAD,
    PLAIN,
    Look,
    all_bold,
    heading_like,
    heading_mark,
    lead_like,
    run_in,
    with_bold_headings,
)
from hoering.parse.word_numbering import Numbering
from hoering.parse.xmlsafe import parse_xml

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_P, _R, _TBL, _TR, _TC = (f"{_W}{tag}" for tag in ("p", "r", "tbl", "tr", "tc"))
_PPR = f"{_W}pPr"
# Heading styles by id: "Heading2", "Overskrift2" (Danish Word), "Title"/"Titel" (level 1).
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$|^(?:title|titel)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
# List styles carrying their own numbering: "ListNumber2", "Opstilling-punkttegn" (Danish).
_LIST_STYLE = re.compile(r"^(?:list(?:number|bullet)|opstilling-\w+?)(\d?)$", re.IGNORECASE)
_TXBX, _ALT_CHUNK = f"{_W}txbxContent", f"{_W}altChunk"
# A paragraph of prose: a sentence or more, not a label.
_PROSE, _ENDS = 50, (".", "!", "?")
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_T, _NO_BREAK_HYPHEN = f"{_W}t", f"{_W}noBreakHyphen"
_TABS, _BREAKS = {f"{_W}tab", f"{_W}ptab"}, {f"{_W}br", f"{_W}cr"}
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
# Deleted and moved-away text is not part of the document as it reads now, and
# mc:Fallback repeats the mc:Choice content (e.g. a text box in VML as well as DrawingML).
_SKIP = {
    f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}sectPr", f"{_W}pPr", f"{_W}rPr",
    f"{_W}tblPr", f"{_W}trPr", f"{_W}tcPr", f"{_W}sdtPr", f"{_W}sdtEndPr",
}  # fmt: skip


class Chunk(Protocol):
    """A package part as far as altChunk needs it (python-docx's Part is one)."""

    @property
    def content_type(self) -> str: ...

    @property
    def blob(self) -> bytes: ...


class Related(Protocol):
    """A part whose relationships can be followed by id (python-docx's Part is one)."""

    @property
    def related_parts(self) -> Mapping[str, Chunk]: ...


def story_text(
    element: etree._Element,
    part: Related | None = None,
    numbering: Numbering | None = None,
    headings: bool = False,
    look: Look = PLAIN,
) -> str:
    """Text of one story (body, header, footer, note), a line per paragraph or table row;
    with `numbering`, numbered items carry the number Word shows (parse/word_numbering.py);
    with `headings` (the body), bold paragraphs that are headings are marked "# "
    (parse/word_headings.py), bold by direct formatting or by a style `look` names, or set
    larger than its text."""
    found = list(blocks(element, part, numbering, headings, look))
    if headings:
        # An empty paragraph in the body is spacing (Enter pressed twice, as Google Docs
        # users and many others type), as Word's space after a paragraph is: no blank line.
        found = with_bold_headings([line for line in found if line.strip()])
    return "\n".join(found)


def notes_text(footnotes: etree._Element | None, endnotes: etree._Element | None) -> list[str]:
    """Footnotes as "[1] text" and endnotes as "[Slutnote 1] text", numbered in order."""
    texts = []
    for root, tag, label in ((footnotes, "footnote", ""), (endnotes, "endnote", "Slutnote ")):
        if root is None:
            continue
        lines = []
        for note in root.iterchildren(f"{_W}{tag}"):
            if note.get(f"{_W}type") in _SEPARATORS:
                continue
            text = " ".join(line.strip() for line in blocks(note, None) if line.strip())
            if text:
                lines.append(f"[{label}{len(lines) + 1}] {text}")
        texts.append("\n".join(lines))
    return texts


def comments_text(comments: etree._Element | None) -> str:
    """Reviewers' comments, one "[Kommentar] text" line each."""
    if comments is None:
        return ""
    lines = []
    for comment in comments.iterchildren(f"{_W}comment"):
        text = " ".join(line.strip() for line in blocks(comment, None) if line.strip())
        if text:
            lines.append(f"[Kommentar] {text}")
    return "\n".join(lines)


def blocks(
    container: etree._Element,
    part: Related | None,
    numbering: Numbering | None = None,
    headings: bool = False,
    look: Look = PLAIN,
) -> Iterator[str]:
    """Text of the paragraphs, tables and imported chunks in a container, in order; with
    `headings`, a bold heading's line opens with word_headings.BOLD."""
    for child in container:
        if child.tag == _P:
            yield from _paragraph(child, part, numbering, headings, look)
        elif child.tag == _TBL and headings and _laid_out(child, numbering, look):
            yield from _layout_cells(child, part, numbering, look)
        elif child.tag == _TBL:
            yield _table(child, part, numbering, CELL_BREAK if headings else "\n")
        elif child.tag == _ALT_CHUNK:
            yield _alt_chunk(child, part)
        elif child.tag not in _SKIP:  # content controls, custom XML, mc:Choice
            yield from blocks(child, part, numbering, headings, look)


def _paragraph(
    paragraph: etree._Element,
    part: Related | None,
    numbering: Numbering | None,
    headings: bool = False,
    look: Look = PLAIN,
) -> Iterator[str]:
    """The paragraph's own text, then the text of any text boxes anchored in it."""
    runs: list[etree._Element] = []
    boxes: list[etree._Element] = []
    _collect(paragraph, runs, boxes)
    text = "".join(map(_run_text, runs))
    markup = _markup(paragraph, numbering) if text.strip() else ""
    if headings and _TITLE_STYLE.match(_style_id(paragraph)):
        # The document's title names the whole, it opens no section: read as a title set
        # large in bold is (parse/word_headings.py), a heading only over the letter's text.
        markup = LARGE if heading_like(text) else ""
    elif headings and not markup and heading_like(text):
        markup = heading_mark(runs, paragraph, look)
    elif headings and not markup and lead_like(text):
        markup = LEAD if all_bold(runs, paragraph, look.bold_styles) else ""
    elif headings and not markup:
        text = run_in(runs, [_run_text(run) for run in runs], paragraph, look) or text
    yield markup + text
    for box in boxes:
        yield from blocks(box, part, numbering)


def _markup(paragraph: etree._Element, numbering: Numbering | None = None) -> str:
    """Light Markdown for the structure the initiative splitter reads: "# " for a heading
    (one "#" per level), the number Word shows for a numbered item ("1. ", "2.1 ") when the
    document's numbering is known, else "- " (bullets too), two spaces of indent per level.

    The style id is "Heading1" in English Word, "Overskrift1" in Danish.
    """
    properties = paragraph.find(_PPR)
    if properties is None:
        return ""
    style_id = _style_id(paragraph)
    heading = _HEADING_STYLE.match(style_id)
    if heading:
        return "#" * min(int(heading.group(1) or "1"), 6) + " "
    outline = properties.find(f"{_W}outlineLvl")
    if outline is not None and (outline.get(f"{_W}val") or "").isdigit():
        level = int(outline.get(f"{_W}val") or "0")
        return "#" * (level + 1) + " " if level < 6 else ""
    listed = _LIST_STYLE.match(style_id)  # "List Number 2": the style says the depth
    reference = _list_reference(properties, style_id, numbering)
    if reference is None and not listed:
        return ""
    if reference is not None and reference[0] == "0":
        return ""  # numId 0 switches numbering off
    depth = reference[1] if reference else 0
    if listed and listed.group(1):
        depth = max(depth, int(listed.group(1)) - 1)
    marker = numbering.marker(*reference) if numbering and reference else None
    return "  " * min(depth, 8) + (f"{marker} " if marker else "- ")


def _style_id(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{_PPR}/{_W}pStyle")
    return (style.get(f"{_W}val") or "") if style is not None else ""


def _list_reference(
    properties: etree._Element, style_id: str, numbering: Numbering | None
) -> tuple[str, int] | None:
    """(numId, level) of a paragraph in a list: its own w:numPr, else its style's."""
    own = properties.find(f"{_W}numPr")
    if own is not None and own.find(f"{_W}numId") is not None:
        level = own.find(f"{_W}ilvl")
        value = (level.get(f"{_W}val") or "0") if level is not None else "0"
        return own.find(f"{_W}numId").get(f"{_W}val") or "", int(value) if value.isdigit() else 0
    if numbering is not None:
        return numbering.style_lists.get(style_id)
    return None


def _run_text(run: etree._Element) -> str:
    """A run's text as Word shows it; works on plain lxml elements as well as python-docx's."""
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _TABS:
            parts.append("\t")
        elif child.tag in _BREAKS:
            parts.append("\n")
        elif child.tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


def _collect(
    element: etree._Element, runs: list[etree._Element], boxes: list[etree._Element]
) -> None:
    """Gather the runs and text boxes below an element, skipping deleted text."""
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag == _TXBX:
            boxes.append(child)
            continue
        if child.tag == _R:
            runs.append(child)
        _collect(child, runs, boxes)


def _table(
    table: etree._Element, part: Related | None, numbering: Numbering | None, breaks: str = "\n"
) -> str:
    """One line per row, non-empty cells joined with ' | '; merged cells once. A cell's own
    paragraphs and line breaks are parted by `breaks` (the body's CELL_BREAK, which
    word_headings resolves: a row of the letter's text stays on one line)."""
    rows = []
    for row in _children(table, _TR):
        cells = []
        for cell in _children(row, _TC):
            if _continues_merge(cell):
                continue
            text = breaks.join(blocks(cell, part, numbering)).strip().replace("\n", breaks)
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _layout_cells(
    table: etree._Element, part: Related | None, numbering: Numbering | None, look: Look
) -> Iterator[str]:
    """A table that lays out the letter's text, read as its text: each cell's paragraphs
    in turn, row by row, headings and list items marked as in the body."""
    for row in _children(table, _TR):
        for cell in _children(row, _TC):
            if not _continues_merge(cell):
                yield from blocks(cell, part, numbering, True, look)


def _laid_out(table: etree._Element, numbering: Numbering | None, look: Look) -> bool:
    """A table used as the page's layout rather than to hold data: its first row is no
    header of short labels, and a cell holds a list item, a styled heading, a table or two
    paragraphs of prose, or a heading stands in a row beside prose (a letter's sections set
    beside their headings, a framed letter). A proposal table ("Forslag | Beskrivelse") and
    a form ("Titel | ...") keep their rows."""
    rows = list(_children(table, _TR))
    first = [_text(cell) for cell in _children(rows[0], _TC)] if rows else []
    if sum(map(bool, first)) > 1 and all(heading_like(text) or not text for text in first):
        return False
    for row in rows:
        kinds = {_cell_kind(cell, numbering, look) for cell in _children(row, _TC)}
        if "layout" in kinds or {"heading", "prose"} <= kinds:
            return True
    return False


def _cell_kind(cell: etree._Element, numbering: Numbering | None, look: Look) -> str:
    """ "layout" for a cell with a list item, a styled heading, a table or two paragraphs of
    prose; "heading" for one short bold paragraph, "prose" for one paragraph of prose."""
    if cell.find(f".//{_TBL}") is not None:
        return "layout"
    paragraphs = [p for p in cell.iterfind(_P) if _text(p)]
    for paragraph in paragraphs:
        properties = paragraph.find(_PPR)
        style_id = _style_id(paragraph)
        if properties is not None and (
            _HEADING_STYLE.match(style_id)
            or _LIST_STYLE.match(style_id)
            or properties.find(f"{_W}outlineLvl") is not None
            or _list_reference(properties, style_id, numbering) not in (None, ("0", 0))
        ):
            return "layout"
    prose = [p for p in paragraphs if len(_text(p)) >= _PROSE and _text(p).endswith(_ENDS)]
    if len(prose) >= 2:
        return "layout"
    if len(paragraphs) == 1 and prose:
        return "prose"
    if len(paragraphs) == 1 and heading_like(_text(paragraphs[0])):
        runs = list(paragraphs[0].iter(_R))
        return "heading" if all_bold(runs, paragraphs[0], look.bold_styles) else ""
    return ""


def _text(element: etree._Element) -> str:
    return "".join(map(_run_text, element.iter(_R))).strip()


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with a tag, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _continues_merge(cell: etree._Element) -> bool:
    """True for the lower cells of a vertical merge; their text lives in the top cell."""
    for merge in cell.iterfind(f"{_W}tcPr/{_W}vMerge"):
        return merge.get(f"{_W}val") in (None, "continue")
    return False


def _alt_chunk(chunk: etree._Element, part: Related | None) -> str:
    """Text of an imported file (w:altChunk): HTML, text, RTF, a web archive, or the main
    part of another Word document; "" for other kinds."""
    target = part.related_parts.get(chunk.get(_R_ID) or "") if part is not None else None
    if target is None:
        return ""
    if target.content_type == _WORD_MAIN:
        body = parse_xml(target.blob).find(f"{_W}body")
        return story_text(body) if body is not None else ""
    return chunk_text(target.content_type, target.blob)
