"""Caps on the text one attachment and one message may contribute, with the cut recorded.

Extraction is bounded in its worker, but what comes back is analysed, stored and searched in
the main process; without a cap a 1 MB mail can hand it hundreds of MB of text. The raw mail
is stored in full, so a cut loses nothing for good: `hoering export-attachments` writes the
original files and `hoering reparse` reads them again after a limit is raised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from hoering.parse.model import Attachment

_CUT = re.compile(r"text cut at [\d.]+ characters")


def cut_note(chars: int) -> str:
    """The reason recorded where text was cut ("text cut at 1,000,000 characters")."""
    return f"text cut at {chars:,} characters".replace(",", ".")


def cut_text(text: str, limit: int) -> tuple[str, bool]:
    """`text` up to `limit` characters, and whether it was cut."""
    return (text[:limit], True) if len(text) > limit else (text, False)


def cut_attachments(
    attachments: Iterable[Attachment], per_attachment: int, left: int
) -> tuple[list[Attachment], int]:
    """Each attachment's text cut at `per_attachment`, and all of them at `left` in total.

    Returns the attachments and the characters left of the total. A cut is added to the
    attachment's error, which says that its text is incomplete.
    """
    result = []
    for attachment in attachments:
        limit = max(0, min(per_attachment, left))
        text, cut = cut_text(attachment.text, limit)
        if cut:
            error = "; ".join(filter(None, [attachment.error, cut_note(limit)]))
            attachment = replace(attachment, text=text, error=error)
        left -= len(text)
        result.append(attachment)
    return result, left


def cut_message(
    body: str, attachments: Iterable[Attachment], per_attachment: int, total: int
) -> tuple[str, list[Attachment], list[str]]:
    """The body and attachments within the message's total, and one note per cut.

    The body comes first: it is the reply; attachments follow in document order.
    """
    body, cut = cut_text(body, total)
    notes = [f"body: {cut_note(total)}"] if cut else []
    attachments = list(attachments)
    capped, _ = cut_attachments(attachments, per_attachment, total - len(body))
    for attachment in capped:  # cut here, or already in the extraction worker
        notes += [f"{attachment.path}: {note}" for note in _CUT.findall(attachment.error or "")]
    return body, capped, notes
