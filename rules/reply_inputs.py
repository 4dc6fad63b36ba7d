"""What derivation reads of a stored reply, as a plain frozen value (derived.ReplyInputs):
its sender, subject, body, attachment texts, initiatives, and whether a reviewer worked on
it, which keeps its split (rules/initiative_derive.py).
"""

from __future__ import annotations

from hoering.derived import AttachmentText, ReplyInputs, StoredInitiative
from hoering.store import models
from hoering.vocab import REVIEWER, ReviewStatus


def inputs_of(proposal: models.Proposal) -> ReplyInputs:
    """The stored fields derivation reads, copied out of the rows."""
    return ReplyInputs(
        sender_name=proposal.sender_name or "",
        sender_email=proposal.sender_email or "",
        subject=proposal.subject or "",
        body_text=proposal.body_text or "",
        attachments=tuple(
            AttachmentText(
                name=att.filename or att.path or f"bilag {att.position}",
                detected_type=att.detected_type or "",
                text=att.text or "",
            )
            for att in proposal.attachments
        ),
        initiatives=tuple(
            StoredInitiative(
                row.number, row.title or "", row.text or "", row.rule or "", row.origin or ""
            )
            for row in proposal.initiatives
        ),
        split_kept=reviewer_worked_on(proposal),
    )


def is_reviewed_split(proposal: models.Proposal) -> bool:
    return any(row.source == REVIEWER for row in proposal.initiatives)


def reviewer_worked_on(proposal: models.Proposal) -> bool:
    """A reviewer's split, a reviewed initiative, or a review of the reply itself."""
    reply_reviewed = proposal.decision or proposal.reason or proposal.assignee or proposal.notes
    return bool(
        is_reviewed_split(proposal)
        or any(has_review(row) for row in proposal.initiatives)
        or reply_reviewed
        or (proposal.status or ReviewStatus.NEW) != ReviewStatus.NEW  # None: not flushed yet
    )


def has_review(row: models.Initiative) -> bool:
    reviewed = row.decision or row.reason or row.assignee or row.notes
    return bool(reviewed or row.status != ReviewStatus.NEW)
