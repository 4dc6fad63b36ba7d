"""One text per message for reading and searching: body, then each attachment's text."""

from __future__ import annotations

from collections.abc import Iterable

from hoering.parse.model import ParsedMessage


def combined_text(msg: ParsedMessage) -> str:
    """The body followed by every attachment's text, each under a Danish heading line."""
    parts = ((a.detected_type, a.path, a.text, a.error or "") for a in msg.attachments)
    return text_with_attachments(msg.body_text, parts)


def text_with_attachments(body: str, attachments: Iterable[tuple[str, str, str, str]]) -> str:
    """`body` followed by each attachment's text under its heading line; an attachment is
    (detected type, name, text, error). Derivation rebuilds a stored reply's text with it
    (rules/reply_derive.py), so both read the same heading lines."""
    blocks = [body] if body.strip() else []
    blocks += [block for block in (_attachment_block(*part) for part in attachments) if block]
    return "\n\n".join(blocks)


def _attachment_block(detected_type: str, name: str, text: str, error: str) -> str:
    label = "Videresendt besked" if detected_type == "message" else "Vedhæftet fil"
    error = " ".join(error.split())  # the heading must stay one line
    if text.strip():
        # Text and an error together mean the text may be incomplete: say so.
        note = f" (delvis tekst: {error})" if error else ""
        return f"--- {label}: {name}{note} ---\n{text}"
    if error:
        return f"--- {label}: {name} (ingen tekst: {error}) ---"
    return ""  # nothing to read and nothing wrong: an inline logo, say
