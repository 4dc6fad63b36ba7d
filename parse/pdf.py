"""Text layer of a PDF, read with pdfminer.six (or, for a long document or one pdfminer
cannot read, poppler's pdftotext: parse.pdf_poppler) and put in reading order
(parse.pdf_reading); pages without one go to OCR (parse.pdf_ocr).

pdfminer rather than pdftotext first: with the layout below it reads two columns left
before right and parts paragraphs where the page does, where pdftotext interleaves the
columns' paragraphs and runs a page's paragraphs together (bench/bench_pdf_text.py).
"""

from __future__ import annotations

import io
import struct
import time
import zlib
from collections.abc import Iterator

from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams, LTContainer, LTItem, LTPage, LTText, LTTextBox
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.psexceptions import PSEOF, PSException

from hoering.errors import HoeringError
from hoering.parse.extracted import Extracted, ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.pdf_headings import (
    GLUE,
    box_parts,
    marked_text,
    page_text_size,
    without_marks,
)
from hoering.parse.pdf_ocr import ocr_pages
from hoering.parse.pdf_poppler import PopplerFailed, poppler_pages
from hoering.parse.pdf_reading import reading_text
from hoering.parse.sniff import PDF_HEADER_WINDOW
from hoering.parse.text import normalize_text

# A page with less text than this is taken as scanned: scanners and mail gateways stamp
# a page number or "Side 1 af 3" as text over the image.
MIN_TEXT_CHARS = 20

# (text from the text layer, text from OCR) -> Attachment.method
_METHODS = {
    (True, True): "text-layer+ocr",
    (True, False): "text-layer",
    (False, True): "ocr",
    (False, False): "none",
}

# Built-in errors pdfminer lets escape on malformed files (seen in its issue tracker:
# broken xref tables, bad stream lengths, odd font dictionaries).
_MALFORMED = (
    AssertionError,
    AttributeError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
    ZeroDivisionError,
    OverflowError,
    EOFError,
    struct.error,
    zlib.error,
)


# char_margin wider than pdfminer's 2.0: a justified line or wide-set words keep gaps of
# several spaces between words, which at 2.0 cut a line into boxes read out of order.
_LAYOUT = LAParams(char_margin=6.0, line_margin=0.5, word_margin=0.2)


# pdfminer reads about ten pages a second: a longer document goes to pdftotext (a second
# or so for hundreds of pages). By pages, not by time, so one file always reads the same
# whatever the machine's load; the time is only a safety valve for a short document
# pdfminer is slow on, inside the sandbox's limit (parse.limits.EXTRACT_TIMEOUT_SECONDS).
PDFMINER_PAGES = 40
PDFMINER_SECONDS = 40.0


class PdfError(ExtractionError):
    """The PDF could not be read; the message is a short reason."""


class _TooLong(HoeringError):
    """pdfminer has run out of its time on this document; never leaves this module."""


def extract_pdf(data: bytes, limits: ExtractLimits, deadline: float | None = None) -> Extracted:
    """Text layer page by page, OCR for the pages without one until `deadline` (a monotonic
    clock value, see parse.ocr). Raises PdfError."""
    data = _from_header(data)
    pages = _page_texts(data)
    scanned = [i for i, text in enumerate(pages) if _chars(text) < MIN_TEXT_CHARS]
    if not scanned:
        return Extracted(_joined(pages), "text-layer")
    ocr = ocr_pages(data, scanned, limits, deadline)
    replaced = set()
    for index, text in ocr.texts.items():
        if _chars(text) > _chars(pages[index]):
            pages[index] = text
            replaced.add(index)
    from_layer = any(_chars(text) for i, text in enumerate(pages) if i not in replaced)
    method = _METHODS[from_layer, bool(replaced)]
    error = ocr.error
    if error is None and method == "none":
        error = "ocr found no text" if ocr.texts else "no text layer and nothing to OCR"
    return Extracted(_joined(pages), method, error)


def extract_pdf_text(data: bytes) -> str:
    """All text of the PDF's text layer as it reads, without heading marks; "" for an
    image-only PDF. Raises PdfError."""
    return _joined(_page_texts(_from_header(data)), headings=False)


def _from_header(data: bytes) -> bytes:
    # Acrobat counts xref offsets from the header, so junk before it must go.
    start = data.find(b"%PDF-", 0, PDF_HEADER_WINDOW)
    return data[start:] if start > 0 else data


def _page_texts(data: bytes) -> list[str]:
    """The text layer of each page: by pdfminer, or by pdftotext for a long document or
    one pdfminer cannot read."""
    try:
        if _page_count(data) > PDFMINER_PAGES:
            return _poppler_pages(data, None)
        return _pdfminer_pages(data, time.monotonic() + PDFMINER_SECONDS)
    except _TooLong:
        return _poppler_pages(data, None)
    except PdfError as error:
        return _poppler_pages(data, error)


def _poppler_pages(data: bytes, error: PdfError | None) -> list[str]:
    """pdftotext's pages; without poppler, pdfminer's error or (no error: the document was
    only long) all of pdfminer's pages."""
    try:
        pages = poppler_pages(data)
    except PopplerFailed:
        if error is not None:
            raise error from None
        return _pdfminer_pages(data, None)
    if error is not None and not any(_chars(text) for text in pages):
        raise error  # poppler read nothing either: pdfminer's reason says why
    return pages


def _page_count(data: bytes) -> int:
    """The number of pages in the page tree; 0 when it cannot be read (pdfminer then says
    why, or pdftotext reads what it can)."""
    try:
        return sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
    except (PSException, PDFEncryptionError, PDFPasswordIncorrect, RecursionError, *_MALFORMED):
        return 0


def _pdfminer_pages(data: bytes, deadline: float | None) -> list[str]:
    """pdfminer's pages; _TooLong once `deadline` (time.monotonic()) has passed."""
    pages = []
    try:
        for text in _pages(data):
            pages.append(text)
            if deadline is not None and time.monotonic() > deadline:
                raise _TooLong
    except PDFPasswordIncorrect:
        raise PdfError("encrypted") from None
    except PDFEncryptionError as exc:
        raise PdfError(f"encrypted ({_reason(exc, 'unsupported encryption')})") from None
    except PSEOF:
        raise PdfError("damaged (unexpected end of file)") from None
    except RecursionError:
        raise PdfError("damaged (objects nested too deeply)") from None
    except PSException as exc:
        raise PdfError(f"damaged ({_reason(exc, type(exc).__name__)})") from None
    except _MALFORMED as exc:
        raise PdfError(f"damaged ({type(exc).__name__} in pdfminer)") from None
    return pages


def pdfminer_pages(data: bytes) -> list[str]:
    """The text of each page as pdfminer reads it; raises pdfminer's own errors."""
    return [without_marks(text) for text in _pages(data)]


class _MarkedText(TextConverter):
    """pdfminer's text, with the lines that open a text box set as a heading (bold, or
    larger than the page's text) on one line after its mark (parse.pdf_headings)."""

    def receive_layout(self, ltpage: LTPage) -> None:
        size = page_text_size(ltpage)

        def render(item: LTItem) -> None:
            if isinstance(item, LTTextBox):
                parts = box_parts(item, size)
                glued = f"\n{GLUE}".join(part.removesuffix("\n") for part in parts)
                self.write_text(f"{glued}\n\n")  # as TextConverter, a blank line ends a box
            elif isinstance(item, LTContainer):
                for child in item:
                    render(child)
            elif isinstance(item, LTText):
                self.write_text(item.get_text())

        render(ltpage)
        self.write_text("\f")


def _pages(data: bytes) -> Iterator[str]:
    resources = PDFResourceManager(caching=True)
    output = io.StringIO()
    # A text box is a paragraph: each ends with a blank line.
    device = _MarkedText(resources, output, laparams=_LAYOUT)
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.get_pages(io.BytesIO(data), caching=True):
        interpreter.process_page(page)
        yield output.getvalue()
        output.seek(0)
        output.truncate()
    device.close()


def _chars(text: str) -> int:
    return len("".join(text.split()))


def _joined(pages: list[str], headings: bool = True) -> str:
    """One text of the pages; `headings`: the headings the type shows marked "# "."""
    text = normalize_text(reading_text(pages))
    return marked_text(text) if headings else without_marks(text)


def _reason(exc: Exception, default: str) -> str:
    """The first line of the exception message, short, or a default."""
    lines = str(exc).strip().splitlines()
    return lines[0][:80].rstrip() if lines and lines[0] else default
