"""One text per message for reading and searching: body, then each attachment's text."""

from __future__ import annotations

from hoering.parse.model import Attachment, ParsedMessage


def combined_text(msg: ParsedMessage) -> str:
    """The body followed by every attachment's text, each under a Danish heading line."""
    blocks = [msg.body_text] if msg.body_text.strip() else []
    blocks += [block for block in map(_attachment_block, msg.attachments) if block]
    return "\n\n".join(blocks)


def _attachment_block(attachment: Attachment) -> str:
    label = "Videresendt besked" if attachment.detected_type == "message" else "Vedhæftet fil"
    error = " ".join((attachment.error or "").split())  # the heading must stay one line
    if attachment.text.strip():
        # Text and an error together mean the text may be incomplete: say so.
        note = f" (delvis tekst: {error})" if error else ""
        return f"--- {label}: {attachment.path}{note} ---\n{attachment.text}"
    if error:
        return f"--- {label}: {attachment.path} (ingen tekst: {error}) ---"
    return ""  # nothing to read and nothing wrong: an inline logo, say
