"""What a reply says about itself beyond its text: flags, language, references, warnings.

Built in one place from a stored reply, so `hoering show`, `show --json` and the desk's reply
page show the same signals (issue 17: one read model; the exports still read their own
columns, export/record.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hoering.analysis.cleaning import flag_labels


class _Stored(Protocol):
    points_to_attachment: bool
    no_comments: bool
    forwarded: bool
    language: str | None
    reference_numbers: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ReplySignals:
    flags: tuple[str, ...]  # labels of the set flags, in flag_labels' fixed order
    language: str | None  # "da", "en", "other"; None when not detected
    references: tuple[str, ...]  # reference numbers quoted in the reply (journalnumre)
    warnings: tuple[str, ...]  # what went wrong reading it (parse, extraction)


def signals(reply: _Stored) -> ReplySignals:
    return ReplySignals(
        flags=flag_labels(reply.points_to_attachment, reply.no_comments, reply.forwarded),
        language=reply.language or None,
        references=reply.reference_numbers,
        warnings=reply.warnings,
    )
