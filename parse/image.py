"""Image attachments (PNG, JPEG, GIF, TIFF): OCR with Tesseract, every TIFF page."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageSequence, UnidentifiedImageError

from hoering.parse.extracted import Extracted, ExtractionError
from hoering.parse.limits import ExtractLimits
from hoering.parse.ocr import (
    MIN_PAGE_SECONDS,
    OcrFailed,
    OcrUnavailable,
    ocr_image,
    partial_error,
    seconds_left,
)
from hoering.parse.text import normalize_text

# Signature logos, spacer GIFs and social-media icons in every Outlook mail: too small to
# hold a paragraph, and OCR turns them into clutter ("f in X") in the combined text.
MIN_SIDE = 100  # pixels, width or height
MIN_BYTES = 5 * 1024


def extract_image_text(
    data: bytes, limits: ExtractLimits, deadline: float | None = None
) -> Extracted:
    """OCR text of the image's frames until `deadline` (parse.ocr clock); nothing (and no
    error) for logo-sized images."""
    image = _open(data)
    if len(data) < MIN_BYTES or min(image.size) < MIN_SIDE:
        return Extracted("", "none")
    if not limits.ocr:
        return Extracted("", "none", "ocr disabled")
    texts, error = _ocr_frames(image, limits, deadline)
    text = normalize_text("\n\n".join(texts))
    if not text and error is None:
        error = "ocr found no text"
    return Extracted(text, "ocr" if text else "none", error)


def _ocr_frames(
    image: Image.Image, limits: ExtractLimits, deadline: float | None
) -> tuple[list[str], str | None]:
    """Text of each frame (TIFF pages) up to the page cap or the deadline, and why not all."""
    frames = getattr(image, "n_frames", 1)
    wanted = min(frames, limits.ocr_pages)
    texts: list[str] = []
    error = f"ocr: only first {limits.ocr_pages} pages" if frames > limits.ocr_pages else None
    try:
        for frame in ImageSequence.Iterator(image):
            left = seconds_left(deadline)
            if len(texts) >= wanted:
                break
            if left is not None and left < MIN_PAGE_SECONDS:
                return texts, partial_error(len(texts), wanted)
            texts.append(ocr_image(frame, limits, left))
    except OcrFailed as exc:
        left = seconds_left(deadline)
        cut = left is not None and left < MIN_PAGE_SECONDS  # the deadline ended the page
        return texts, partial_error(len(texts), wanted) if cut else str(exc)
    except OcrUnavailable as exc:
        return texts, str(exc)
    except (OSError, ValueError):  # truncated data after the header decoded
        return texts, "damaged image (truncated?)"
    return texts, error


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Above ~89 M pixels Pillow warns, above ~179 M it raises: that is the limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.size  # noqa: B018 - the header is read lazily
    except Image.DecompressionBombError:
        raise ExtractionError("image too large (decompression bomb?)") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ExtractionError("damaged image") from None
    return image
