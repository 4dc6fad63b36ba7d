"""The replies set's TUNE Word attachments rebuilt the way other producers write the same
letter, imported and scored as bench.bench_sets scores them.

    .venv/bin/python -m bench.bench_habits DIR                  # every habit, a line each
    .venv/bin/python -m bench.bench_habits DIR manual table     # these habits, with details

The set's DOCX are built by python-docx with Word's own habits: Heading styles, List Number
paragraphs with Word's multilevel numbering, a paragraph per paragraph. People send the same
letters made otherwise, and a rule that reads one producer's habit does not reach them:

- manual: numbers and dashes typed by hand ("1. ", "1.1 ", "a) ", "- ") in plain paragraphs,
  as with Word's AutoFormat off or text pasted from a mail;
- bold: headings made by bold (a chapter bold and larger) in the Normal style, no Heading
  styles, as in LibreOffice and hand-made Word letters;
- soft: each run of text paragraphs between headings typed as one paragraph with line
  breaks (Shift+Enter, a blank line between the former paragraphs), lists typed by hand;
- blank: an empty paragraph after each paragraph (Enter pressed twice; Google Docs users);
- listpara: Word's numbering button: "List Paragraph" plus a numbering reference, bullets
  as a numbering level of their own (Google Docs and LibreOffice write lists so too);
- table: the letter's sections laid out in a borderless two-column table, the heading in
  the left cell and its text (paragraphs, lists) in the right one.

A case that passes as built but fails here depends on the producer's habit, not on the
document's structure. DIR holds the built mails per habit (DIR/manual, ...), built anew on
each run. Only tune cases are built and scored.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from bench.bench_carriers import _build_module
from bench.bench_sets import PARTS, SETS, Tally, carrier, imported, load_cases, report, score_case
from bench.bench_sets import Scores as _Scores

_HEADINGS = ("heading1", "heading2", "title", "letterhead")


def _manual_blocks(blocks: list[dict]) -> list[dict]:
    """Word's list items as plain paragraphs with the number or dash typed by hand."""
    out, counts, in_list = [], [0, 0, 0], False
    for block in blocks:
        style = block["style"]
        if style in _HEADINGS or block.get("restart") or block.get("word_style"):
            in_list = False
        if style in ("number", "number2"):
            if not in_list:
                counts, in_list = [0, 0, 0], True
            level = 2 if block.get("level") == 3 else (0 if style == "number" else 1)
            counts[level] += 1
            counts[level + 1 :] = [0] * (2 - level)
            shown = (
                f"{counts[0]}." if level == 0 else f"{counts[0]}.{counts[1]}"
                if level == 1 else f"{'abcdefghij'[counts[2] - 1]})"
            )  # fmt: skip
            out.append({"style": "paragraph", "text": f"{shown} {block['text']}"})
        elif style in ("bullet", "bullet2"):
            out.append({"style": "paragraph", "text": f"- {block['text']}"})
        else:
            out.append(block)
    return out


def _bold_blocks(blocks: list[dict]) -> list[dict]:
    """Heading styles replaced by bold paragraphs: a chapter bold and 13 pt, a section bold."""
    out = []
    for block in blocks:
        style, named = block["style"], block.get("word_style", "")
        if style == "heading1" or named == "Title":
            out.append({"style": "paragraph", "text": block["text"], "bold": True, "size": 13})
        elif style == "heading2" or named.startswith("Heading"):
            out.append({"style": "bold", "text": block["text"]})
        else:
            out.append(block)
            continue
        out[-1]["restart"] = True  # Word's numbering starts again after it, as after a heading
    return out


def _body(data: bytes) -> tuple[docx.document.Document, etree._Element]:
    document = docx.Document(io.BytesIO(data))
    return document, document.element.body


def _saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _style(paragraph: etree._Element) -> str:
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return found.get(qn("w:val")) if found is not None else ""


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _is_heading(paragraph: etree._Element) -> bool:
    """A styled heading, or a short paragraph every run of which is bold (a bold heading)."""
    if _style(paragraph).startswith(("Heading", "Title")):
        return True
    runs = [r for r in paragraph.iter(qn("w:r")) if "".join(r.itertext()).strip()]
    text = _text(paragraph).strip()
    return (
        bool(runs)
        and len(text) < 90
        and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)
        and paragraph.find(f"{qn('w:pPr')}/{qn('w:jc')}") is None  # not the letterhead
    )


def _plain(paragraph: etree._Element) -> bool:
    """A paragraph of text: no heading, no list item, something written."""
    numbered = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    return (
        paragraph.tag == qn("w:p")
        and bool(_text(paragraph).strip())
        and not numbered
        and not _style(paragraph).startswith("List")
        and not _is_heading(paragraph)
    )


def _soft(data: bytes) -> bytes:
    """Runs of text paragraphs joined into one paragraph, a blank line (two breaks) between."""
    document, body = _body(data)
    previous = None
    for child in list(body):
        if not _plain(child):
            previous = None
            continue
        if previous is None:
            previous = child
            continue
        for _ in range(2):
            run = OxmlElement("w:r")
            run.append(OxmlElement("w:br"))
            previous.append(run)
        for run in child.findall(qn("w:r")):
            previous.append(run)
        body.remove(child)
    return _saved(document)


def _blank(data: bytes) -> bytes:
    """An empty paragraph after every body paragraph that holds text."""
    document, body = _body(data)
    for child in list(body):
        if child.tag == qn("w:p") and _text(child).strip():
            child.addnext(OxmlElement("w:p"))
    return _saved(document)


def _listpara(data: bytes) -> bytes:
    """List Number / List Bullet paragraphs as Word's numbering button writes them: "List
    Paragraph" with a numbering reference; bullets get a bullet list of their own."""
    document, body = _body(data)
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(_BULLET_LIST))
    numbering.append(etree.fromstring(_BULLET_NUM))
    for paragraph in body.iter(qn("w:p")):
        style = _style(paragraph)
        if not style.startswith("List"):
            continue
        properties = paragraph.find(qn("w:pPr"))
        properties.find(qn("w:pStyle")).set(qn("w:val"), "ListParagraph")
        if properties.find(qn("w:numPr")) is None:  # a bullet: numbered by its old style
            depth = int(style[-1]) - 1 if style[-1].isdigit() else 0
            properties.append(etree.fromstring(_NUM_PR.format(level=depth)))
    return _saved(document)


_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BULLET_LIST = (
    f'<w:abstractNum {_WNS} w:abstractNumId="91"><w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="{glyph}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, glyph in enumerate(("\uf0b7", "o", "\uf0a7"))
    )
    + "</w:abstractNum>"
)
_BULLET_NUM = f'<w:num {_WNS} w:numId="990"><w:abstractNumId w:val="91"/></w:num>'
_NUM_PR = f'<w:numPr {_WNS}><w:ilvl w:val="{{level}}"/><w:numId w:val="990"/></w:numPr>'


def _table(data: bytes) -> bytes:
    """The letter from its first heading to its closing as a borderless two-column table:
    a row per section, its heading left, its paragraphs, lists and tables right."""
    document, body = _body(data)
    children = [c for c in body if c.tag in (qn("w:p"), qn("w:tbl"))]
    start = next((i for i, c in enumerate(children) if c.tag == qn("w:p") and _heading(c)), None)
    if start is None:
        return data
    end = next((i for i, c in enumerate(children) if i > start and _closing(c)), len(children))
    rows: list[tuple[etree._Element, list[etree._Element]]] = []
    for child in children[start:end]:
        if child.tag == qn("w:p") and _heading(child):
            rows.append((child, []))
        else:
            rows[-1][1].append(child)
    table = document.add_table(rows=len(rows), cols=2)._tbl
    borders = etree.fromstring(
        f"<w:tblBorders {_WNS}>"
        + "".join(f'<w:{e} w:val="nil"/>' for e in ("top", "left", "bottom", "right"))
        + '<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
    )
    table.tblPr.append(borders)
    children[start].addprevious(table)
    for tr, (heading, content) in zip(table.findall(qn("w:tr")), rows, strict=True):
        left, right = tr.findall(qn("w:tc"))
        for cell, moved in ((left, [heading]), (right, content)):
            empty = cell.find(qn("w:p"))  # a cell ends in a paragraph: kept if nothing moves
            for element in moved:
                empty.addprevious(element)
            if moved and moved[-1].tag == qn("w:p"):
                cell.remove(empty)
    return _saved(document)


def _heading(paragraph: etree._Element) -> bool:
    return _is_heading(paragraph) and not _style(paragraph).startswith("Title")


def _closing(element: etree._Element) -> bool:
    text = _text(element).strip().casefold()
    return text.startswith(("med venlig hilsen", "venlig hilsen", "kind regards", "best regards"))


# Habits on the case's blocks (before build) and on the built file (after).
BLOCKS: dict[str, Callable[[list[dict]], list[dict]]] = {
    "manual": _manual_blocks,
    "bold": _bold_blocks,
    "soft": _manual_blocks,
}
FILES: dict[str, Callable[[bytes], bytes]] = {
    "soft": _soft,
    "blank": _blank,
    "listpara": _listpara,
    "table": _table,
}
HABITS = ("manual", "bold", "soft", "blank", "listpara", "table")


def build_mails(cases: list[dict], habit: str, out: Path, build: ModuleType) -> list[dict]:
    """Each case with a DOCX attachment, its DOCX rebuilt with `habit`, as a mail in `out`;
    the cases built."""
    built = []
    pdf_sources: dict[str, bytes] = {}
    files: dict[str, dict[int, bytes]] = {}
    for case in cases:
        attachments = case["mail"].get("attachments", [])
        if not any(a["kind"] == "docx" for a in attachments):
            continue
        case = copy.deepcopy(case)
        built.append(case)
        files[case["id"]] = {}
        for n, attachment in enumerate(case["mail"]["attachments"]):
            if attachment["kind"] == "docx":
                attachment["blocks"] = BLOCKS.get(habit, list)(attachment["blocks"])
            data = build.build_docx(case, attachment)
            if attachment["kind"] == "pdf":
                pdf_sources[f"{case['id']}_{n}"] = data
            else:
                files[case["id"]][n] = FILES.get(habit, bytes)(data)
    pdfs = build.docx_to_pdf(pdf_sources) if pdf_sources else {}
    for key, data in pdfs.items():
        case_id, n = key.rsplit("_", 1)
        files[case_id][int(n)] = data
    for case in built:
        (out / f"{case['id']}.eml").write_bytes(build.build_message(case, files[case["id"]]))
    return built


def _scored(cases: list[dict], rows: dict[str, dict]) -> tuple[Tally, list[str]]:
    """The DOCX cases' pooled initiative tally and the ids of the wrong ones."""
    total, wrong = Tally(), []
    for case in cases:
        tally = score_case(case, rows.get(case["id"], {"initiatives": []}), [_Scores()])
        total.add(tally)
        if tally.matched < max(tally.found, tally.labelled):
            wrong.append(case["id"])
    return total, wrong


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mails", type=Path, help="the built mails are kept here, per habit")
    parser.add_argument("habits", nargs="*", help=f"some of {', '.join(HABITS)} (all)")
    args = parser.parse_args(argv)
    if set(args.habits) - set(HABITS):
        parser.error(f"unknown habit: {', '.join(sorted(set(args.habits) - set(HABITS)))}")
    args.habits = args.habits or list(HABITS)
    build = _build_module()
    folder = SETS / "replies"
    tune = [case for case in load_cases(folder) if case["split"] == "tune"]
    for habit in args.habits:
        out = args.mails / habit
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.eml"):
            old.unlink()
        cases = build_mails(tune, habit, out, build)
        with tempfile.TemporaryDirectory(prefix="hoering-habits-") as work:
            rows = imported(folder, Path(work), out)
        total, wrong = _scored(cases, rows)
        carriers = {carrier(case) for case in cases}
        print(f"{habit:<9} {total.line()}  wrong: {' '.join(wrong) or '-'}  ({sorted(carriers)})")
        if len(args.habits) < len(HABITS):
            report(cases, rows, verbose=True, parts=PARTS["replies"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
