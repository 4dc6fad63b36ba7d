"""The normalized fields of a proposal that exports show beside the stored mail fields.

Respondent, cleaned reply, language, flags and themes are the stored normalized fields
(filled at ingest, by `hoering analyse`, and for rows older than normalization by migration
0006). Review fields (status, decision, reason, notes, assignee) are the stored ones; the
duplicate group is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from hoering.analysis.cleaning import flag_labels
from hoering.export.xml_text import clean_fields
from hoering.store.models import Proposal
from hoering.vocab import ReviewStatus


@dataclass(frozen=True)
class ThemeRecord:
    """An active theme of a reply as every export shows it: key, label and trigger words."""

    theme: str
    label: str
    triggers: tuple[str, ...]

    def __post_init__(self) -> None:
        clean_fields(self)


@dataclass(frozen=True)
class Derived:
    respondent_name: str
    organisation: str
    respondent_type: str
    respondent_rule: str
    respondent_rule_id: str
    reply_text: str
    language: str
    flags: tuple[str, ...]
    references: tuple[str, ...]
    themes: tuple[ThemeRecord, ...]
    status: str
    decision: str
    reason: str
    notes: str
    assignee: str
    duplicate_group: str


def derive(proposal: Proposal, duplicate_group: str = "") -> Derived:
    """Normalized fields for one proposal (see the module docstring for where each comes from)."""
    return Derived(
        **_stored(proposal),
        status=proposal.status or ReviewStatus.NEW,
        decision=proposal.decision or "",
        reason=proposal.reason or "",
        notes="\n".join(f"{note.author}: {note.text}" for note in proposal.notes),
        assignee=proposal.assignee or "",
        duplicate_group=duplicate_group,
    )


def _stored(proposal: Proposal) -> dict:
    """What ingest (or `hoering analyse`) stored, with the reviewer's theme changes."""
    return dict(
        respondent_name=proposal.respondent_name,
        organisation=proposal.respondent_organisation,
        respondent_type=proposal.respondent_type,
        respondent_rule=proposal.respondent_rule,
        respondent_rule_id=proposal.respondent_rule_id,
        reply_text=proposal.reply_text,
        language=proposal.language,
        flags=flag_labels(proposal.points_to_attachment, proposal.no_comments, proposal.forwarded),
        references=proposal.reference_numbers,
        themes=tuple(
            ThemeRecord(t.theme, t.label or t.theme, t.words) for t in proposal.themes if t.active
        ),
    )
