"""PowerPoint presentations (.pptx) with python-pptx: each slide's text, then its notes."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from hoering.parse.extracted import ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.ooxml import LIBRARY_DAMAGE, check_package
from hoering.parse.text import normalize_text

# python-pptx also lets zipfile's errors for an unknown compression or an encrypted member out.
_DAMAGED = (*LIBRARY_DAMAGE, NotImplementedError, RuntimeError)


def extract_pptx_text(data: bytes, limits: ExtractLimits) -> str:
    """Slides in order under "Dias N", shapes and tables in reading order, notes last."""
    check_package(data, limits, "not a .pptx file (old .ppt?)")
    try:
        presentation = Presentation(io.BytesIO(data))
        slides = [_slide(number, slide) for number, slide in enumerate(presentation.slides, 1)]
    except PackageNotFoundError:
        raise ExtractionError("not a valid PowerPoint file") from None
    except _DAMAGED as exc:
        raise ExtractionError(f"damaged ({type(exc).__name__} in python-pptx)") from None
    return normalize_text("\n\n".join(slide for slide in slides if slide))


def _slide(number: int, slide: Slide) -> str:
    lines = [line for line in _shapes(slide.shapes) if line.strip()]
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None and notes.text.strip():
            lines.append(f"[Noter] {notes.text.strip()}")
    return "\n".join([f"Dias {number}", *lines]) if lines else ""


def _shapes(shapes: Iterable[BaseShape]) -> Iterator[str]:
    """Text frames, table rows and grouped shapes, top to bottom, then left to right."""
    for shape in sorted(shapes, key=_position):
        if isinstance(shape, GroupShape):
            yield from _shapes(shape.shapes)
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                yield " | ".join(cell for cell in cells if cell)
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield shape.text_frame.text


def _position(shape: BaseShape) -> tuple[int, int]:
    # Placeholders inherit their place from the layout and may have none of their own.
    return (shape.top or 0, shape.left or 0)
