"""Text layer of a PDF, read with pdfminer.six."""

from __future__ import annotations

import io
import struct
import zlib

from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF, PSException

from parse.sniff import PDF_HEADER_WINDOW
from parse.text import normalize_text

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


class PdfError(Exception):
    """The PDF could not be read; the message is a short reason."""


def extract_pdf_text(data: bytes) -> str:
    """All text of the PDF's text layer; "" for an image-only PDF. Raises PdfError."""
    start = data.find(b"%PDF-", 0, PDF_HEADER_WINDOW)
    # Acrobat counts xref offsets from the header, so junk before it must go.
    data = data[start:] if start > 0 else data
    try:
        text = extract_text(io.BytesIO(data))
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
    return normalize_text(text)


def _reason(exc: Exception, default: str) -> str:
    """The first line of the exception message, short, or a default."""
    lines = str(exc).strip().splitlines()
    return lines[0][:80].rstrip() if lines and lines[0] else default
