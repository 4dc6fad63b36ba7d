"""A new reply's derivation as a task for a worker process: the inputs read from the parsed
message (no rows yet), and the function a worker runs (pipeline/sandbox.py, Sandbox.derive).

A worker gets the run's codebook and registry pickled once by the run (`DeriveContext`),
and unpickles them once per worker, not once per reply: themes and respondents are read
with the same objects for every reply a worker derives.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from hoering.analysis.registry import Registry
from hoering.analysis.themes import Codebook
from hoering.derived import AttachmentText, DerivedReply, ReplyInputs
from hoering.parse.model import ParsedMessage
from hoering.rules.reply_derive import derive_reply


def parsed_inputs(parsed: ParsedMessage) -> ReplyInputs:
    """What derivation reads of a reply not stored yet: the fields rules.reply_inputs.inputs_of
    reads from its rows once store.messages.fill_parsed has set them (no initiatives yet, and
    no reviewer has worked on it)."""
    return ReplyInputs(
        sender_name=parsed.sender_name or "",
        sender_email=parsed.sender_email or "",
        subject=parsed.subject or "",
        body_text=parsed.body_text or "",
        attachments=tuple(
            AttachmentText(
                name=att.filename or att.path or f"bilag {position}",
                detected_type=att.detected_type or "",
                text=att.text or "",
            )
            for position, att in enumerate(parsed.attachments, start=1)
        ),
    )


@dataclass(frozen=True)
class DeriveContext:
    """A run's codebook and registry (None: the shipped ones), pickled once by the run."""

    blob: bytes

    @classmethod
    def of(cls, codebook: Codebook | None, registry: Registry | None) -> DeriveContext:
        return cls(pickle.dumps((codebook, registry), protocol=pickle.HIGHEST_PROTOCOL))


# In a worker: the contexts it has unpickled, by their bytes (one per run in practice).
_contexts: dict[bytes, tuple[Codebook | None, Registry | None]] = {}


def derive_task(inputs: ReplyInputs, context: DeriveContext) -> DerivedReply:
    """Run in a worker process: the reply's derived fields."""
    found = _contexts.get(context.blob)
    if found is None:
        _contexts.clear()
        found = _contexts[context.blob] = pickle.loads(context.blob)
    codebook, registry = found
    return derive_reply(inputs, codebook, registry)
