"""PDF text extractors scored against the text a person reads off the page. Prints a table.

    .venv/bin/python -m bench.bench_pdf_text

Layouts from tests/kit/pdf_layouts.py (LibreOffice and fpdf2: a justified two-page letter
with running header and footer, two columns, a hyphenated line end, wide-set double-spaced
words), each with a typed reference text. Every extractor's pages go through the same
reading step (parse.pdf_reading), then the score is the word-level edit distance to the
reference over the reference's word count (0 = as read; lower is better), and "para" says
whether the paragraph breaks (blank lines) came out where the reference has them.
The corpus PDFs (../shared/corpus) have no reference; for them the table gives seconds.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer

from hoering.parse.pdf import pdfminer_pages
from hoering.parse.pdf_poppler import poppler_pages
from hoering.parse.pdf_reading import reading_text
from tests.kit.pdf_layouts import all_layouts

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _miner_default(data: bytes) -> list[str]:
    pages = []
    for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
        pages.append("".join(e.get_text() for e in page if isinstance(e, LTTextContainer)))
    return pages


def _pdfium(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_bounded() for i in range(len(document))]
    finally:
        document.close()


EXTRACTORS: dict[str, Callable[[bytes], list[str]]] = {
    "pdfminer default": _miner_default,
    "pdfminer tuned": pdfminer_pages,
    "pypdfium2 textpage": _pdfium,
    "pdftotext": poppler_pages,
}


def word_distance(got: list[str], want: list[str]) -> int:
    """Levenshtein distance over words."""
    previous = list(range(len(want) + 1))
    for i, word in enumerate(got, 1):
        current = [i]
        for j, other in enumerate(want, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def _paragraph_starts(text: str) -> list[str]:
    return [" ".join(part.split()[:3]) for part in text.split("\n\n") if part.strip()]


def main() -> None:
    layouts = all_layouts()
    print(f"{'layout':<18}{'extractor':<20}{'distance':>9}{'para':>6}{'seconds':>9}")
    totals: dict[str, float] = {}
    for layout in layouts:
        want = layout.reference.split()
        for name, extract in EXTRACTORS.items():
            started = time.perf_counter()
            text = reading_text(extract(layout.pdf))
            seconds = time.perf_counter() - started
            score = word_distance(text.split(), want) / len(want)
            paragraphs = _paragraph_starts(text) == _paragraph_starts(layout.reference)
            totals[name] = totals.get(name, 0.0) + score
            mark = "yes" if paragraphs else "no"
            print(f"{layout.name:<18}{name:<20}{score:>9.3f}{mark:>6}{seconds:>9.2f}")
    print()
    for name, total in sorted(totals.items(), key=lambda item: item[1]):
        print(f"{'mean':<18}{name:<20}{total / len(layouts):>9.3f}")
    print()
    for path in sorted((CORPUS / "pdf").glob("*")):
        data = path.read_bytes()
        cells = []
        for name, extract in EXTRACTORS.items():
            started = time.perf_counter()
            try:
                words = len(reading_text(extract(data)).split())
            except Exception as exc:  # the table reports any failure
                cells.append(f"{name}: {type(exc).__name__}")
                continue
            cells.append(f"{name}: {words} words {time.perf_counter() - started:.2f}s")
        print(f"{path.name[:40]:<42}" + " | ".join(cells))


if __name__ == "__main__":
    main()
