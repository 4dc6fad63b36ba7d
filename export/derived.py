"""The normalized fields of a proposal that exports show beside the stored mail fields.

Respondent, cleaned reply, language, flags and themes are the stored normalized fields
(filled at ingest, by `hoering analyse`, and for rows older than normalization by migration
0006). Review fields (status, decision, reason, notes, assignee) are the stored ones; the
duplicate group is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from hoering.store.models import Proposal

NEW = "ny"  # review status of a proposal nobody has looked at


@dataclass(frozen=True)
class ThemeHit:
    theme: str
    label: str
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class Derived:
    respondent_name: str
    organisation: str
    respondent_type: str
    respondent_rule: str
    reply_text: str
    language: str
    flags: tuple[str, ...]
    references: tuple[str, ...]
    themes: tuple[ThemeHit, ...]
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
        status=proposal.status or NEW,
        decision=proposal.decision or "",
        reason=proposal.reason or "",
        notes="\n".join(f"{note.author}: {note.text}" for note in proposal.notes),
        assignee=proposal.assignee or "",
        duplicate_group=duplicate_group,
    )


def _flags(attachment_only: bool, no_comments: bool, forwarded: bool = False) -> tuple[str, ...]:
    named = (("kun bilag", attachment_only), ("ingen bemærkninger", no_comments))
    return tuple(flag for flag, on in (*named, ("videresendt", forwarded)) if on)


def _stored(proposal: Proposal) -> dict:
    """What ingest (or `hoering analyse`) stored, with the reviewer's theme changes."""
    return dict(
        respondent_name=proposal.respondent_name,
        organisation=proposal.respondent_organisation,
        respondent_type=proposal.respondent_type,
        respondent_rule=proposal.respondent_rule,
        reply_text=proposal.reply_text,
        language=proposal.language,
        flags=_flags(proposal.points_to_attachment, proposal.no_comments),
        references=tuple(line for line in proposal.reference_numbers.splitlines() if line),
        themes=tuple(
            ThemeHit(t.theme, t.label or t.theme, tuple(w for w in t.words.splitlines() if w))
            for t in proposal.themes
            if t.active
        ),
    )
