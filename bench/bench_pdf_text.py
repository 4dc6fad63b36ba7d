"""PDF text readers scored against the text a person reads off the page. Prints tables.

    .venv/bin/python -m bench.bench_pdf_text [--no-corpus]

The set is bench/sets/pdftext/: texts typed by hand (a justified letter, two columns, a
running header and footer over three pages with sentences across the page breaks,
hyphenated line ends, a letterhead), each laid out as PDF by LibreOffice and by ReportLab
(build.py there), and typed texts of a few PDFs in ../shared/corpus (corpus/NAME.txt
names the corpus file NAME). Each reader's pages are scored as they come ("raw") and
after hoering's reading step (parse.pdf_reading: spacing, header and footer once,
hyphenation): the word-order edit distance to the typed text over its word count (0 = as a
person reads it), and how many of its paragraphs start where the typed text's do (1 =
all). "hoering" is parse.pdf.extract_pdf_text, the path replies take. The other corpus
PDFs have no typed text; for them the last table gives words and seconds per reader.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer

from hoering.parse.pdf import extract_pdf_text, pdfminer_pages
from hoering.parse.pdf_poppler import poppler_pages
from hoering.parse.pdf_reading import reading_text

SET = Path(__file__).resolve().parent / "sets" / "pdftext"
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


READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pdfminer default": _miner_default,
    "pdfminer tuned": pdfminer_pages,
    "pypdfium2": _pdfium,
    "pdftotext": poppler_pages,
}


@dataclass(frozen=True)
class Case:
    name: str
    pdf: Path
    reference: str


def cases() -> list[Case]:
    """The set's PDFs with their typed texts, then the corpus PDFs that have one."""
    made = [
        Case(path.stem, path, (SET / f"{path.stem.split('.')[0]}.txt").read_text("utf-8"))
        for path in sorted((SET / "pdf").glob("*.pdf"))
    ]
    for typed in sorted((SET / "corpus").glob("*.txt")):
        made.append(Case(f"corpus {typed.stem}", CORPUS / "pdf" / typed.stem, typed.read_text()))
    return made


def word_distance(got: list[str], want: list[str]) -> int:
    """Levenshtein distance over words: a word out of order costs a deletion and an insertion."""
    previous = list(range(len(want) + 1))
    for i, word in enumerate(got, 1):
        current = [i]
        for j, other in enumerate(want, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def distance(text: str, reference: str) -> float:
    want = reference.split()
    return word_distance(text.split(), want) / len(want)


def paragraph_agreement(text: str, reference: str) -> float:
    """Paragraphs (blank-line parted) that start as the typed text's do, over the larger count."""
    got = _paragraph_starts(text)
    want = _paragraph_starts(reference)
    return sum(1 for start in want if start in got) / max(len(got), len(want))


def _paragraph_starts(text: str) -> list[str]:
    return [" ".join(part.split()[:4]) for part in text.split("\n\n") if part.strip()]


def scored(case: Case) -> dict[str, tuple[float, float, float]]:
    """reader -> (raw distance, distance after the reading step, paragraph agreement)."""
    data = case.pdf.read_bytes()
    scores = {}
    for name, read in READERS.items():
        pages = read(data)
        raw = "\n\n".join(pages)
        text = reading_text(pages)
        scores[name] = (
            distance(raw, case.reference),
            distance(text, case.reference),
            paragraph_agreement(text, case.reference),
        )
    text = extract_pdf_text(data)
    scores["hoering"] = (distance(text, case.reference),) * 2 + (
        paragraph_agreement(text, case.reference),
    )
    return scores


def _table(rows: dict[str, dict[str, tuple[float, float, float]]]) -> None:
    names = [*READERS, "hoering"]
    print("word-order distance, raw → after the reading step (0 = as typed)")
    print(f"{'pdf':<36}" + "".join(f"{name:>18}" for name in names))
    for case, scores in rows.items():
        cells = [f"{scores[n][0]:.3f} → {scores[n][1]:.3f}" for n in names]
        print(f"{case:<36}" + "".join(f"{cell:>18}" for cell in cells))
    means = [[sum(s[n][k] for s in rows.values()) / len(rows) for k in range(3)] for n in names]
    print(f"{'mean':<36}" + "".join(f"{f'{m[0]:.3f} → {m[1]:.3f}':>18}" for m in means))
    print()
    print("paragraphs that start where the typed text's do, after the reading step (1 = all)")
    print(f"{'pdf':<36}" + "".join(f"{name:>18}" for name in names))
    for case, scores in rows.items():
        print(f"{case:<36}" + "".join(f"{scores[n][2]:>18.2f}" for n in names))
    print(f"{'mean':<36}" + "".join(f"{m[2]:>18.2f}" for m in means))


def _read_with(read: Callable[[bytes], list[str]]) -> Callable[[bytes], str]:
    return lambda data: reading_text(read(data))


def _corpus_pdfs() -> list[Path]:
    """The PDFs MANIFEST.tsv lists, by path."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = csv.DictReader(manifest, delimiter="\t")
        return [CORPUS / row["file"] for row in rows if row["file"].startswith("pdf/")]


def _corpus_table() -> None:
    print("corpus PDFs: words after the reading step, seconds")
    readers = {name: _read_with(read) for name, read in READERS.items()}
    readers["hoering"] = extract_pdf_text
    print(f"{'pdf':<44}" + "".join(f"{name:>22}" for name in readers))
    for path in _corpus_pdfs():
        data = path.read_bytes()
        cells = []
        for read in readers.values():
            started = time.perf_counter()
            try:
                words = len(read(data).split())
            except Exception as exc:  # the table reports any failure by its name
                cells.append(type(exc).__name__[:20])
                continue
            cells.append(f"{words} {time.perf_counter() - started:.2f}s")
        print(f"{path.name[:42]:<44}" + "".join(f"{cell:>22}" for cell in cells))


def main() -> None:
    _table({case.name: scored(case) for case in cases()})
    if "--no-corpus" not in sys.argv[1:]:
        print()
        _corpus_table()


if __name__ == "__main__":
    main()
