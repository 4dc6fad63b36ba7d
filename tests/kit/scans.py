"""Scanned pages for OCR tests: text drawn into an image, optionally wrapped in a PDF."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

# Debian's fonts-dejavu-core (installed by scripts/test.sh) has æ, ø and å; Pillow's
# built-in font draws boxes for them.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def scan_image(*lines: str, width: int = 1000, size: int = 40) -> Image.Image:
    """A white page with black text lines, like a 200 dpi scan of a short letter."""
    font = (
        ImageFont.truetype(str(DEJAVU), size)
        if DEJAVU.is_file()
        else ImageFont.load_default(size=size)
    )
    image = Image.new("L", (width, 120 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((80, 60 + 90 * number), line, font=font, fill=0)
    return image


def image_bytes(image: Image.Image, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def scanned_pdf(*pages: Image.Image | str) -> bytes:
    """A PDF with one page per item: an image (no text layer) or a line of real text.

    Pages are small (a 14 x 6 cm slip) so OCR at 300 dpi stays well under a second.
    """
    pdf = FPDF(unit="pt", format=(400, 170))
    pdf.set_auto_page_break(False)
    for page in pages:
        pdf.add_page()
        if isinstance(page, str):
            pdf.set_font("helvetica", size=12)
            pdf.multi_cell(0, 16, page)
        else:
            pdf.image(page, x=10, y=10, w=380)
    return bytes(pdf.output())
