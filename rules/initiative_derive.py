"""Initiatives derived from a reply's text, refreshed with its other derived fields
(rules/derive.py: at import, poll, reparse and `hoering analyse`).

Reviewers' changes (rules/initiative_review.py) mark a reply's split as the reviewer's;
refreshing then keeps title, text and numbering and recomputes only themes, owner and level.
"""

from __future__ import annotations

from hoering.analysis.initiative_fields import find_level, find_owner
from hoering.analysis.initiatives import Section, split_initiatives
from hoering.analysis.themes import Codebook, tag_themes
from hoering.store import models
from hoering.vocab import AUTO, REVIEWER, ReviewStatus, TextPlace


def sections_of(proposal: models.Proposal) -> list[Section]:
    """What the splitter reads: the respondent's own words, then each attachment's text."""
    found = [Section(TextPlace.BODY, proposal.reply_text or "")]
    for attachment in proposal.attachments:
        if attachment.detected_type == "message" and proposal.forwarded:
            continue  # a forwarded .eml's words are in reply_text already (rules.derive)
        name = attachment.filename or attachment.path or f"bilag {attachment.position}"
        found.append(Section(name, attachment.text or ""))
    return found


def is_reviewed_split(proposal: models.Proposal) -> bool:
    return any(row.source == REVIEWER for row in proposal.initiatives)


def refresh_initiatives(proposal: models.Proposal, codebook: Codebook) -> None:
    """Split the reply again unless a reviewer owns its split; themes, owner, level always."""
    if not is_reviewed_split(proposal):
        _resplit(proposal)
    for row in proposal.initiatives:
        derive_fields(row, codebook)


def _resplit(proposal: models.Proposal) -> None:
    found = split_initiatives(sections_of(proposal), proposal.subject or "")
    by_number = {row.number: row for row in proposal.initiatives}
    kept = []
    for initiative in found:
        row = by_number.pop(initiative.number, None) or models.Initiative(
            number=initiative.number, source=AUTO
        )
        if row.text != initiative.text:
            row.candidate_id = None  # placed again by the next rules.candidates.place_new
        row.title, row.text = initiative.title, initiative.text
        row.rule, row.origin = initiative.rule, initiative.source
        kept.append(row)
    # A machine initiative that disappeared is dropped, unless a reviewer already worked
    # on it: a decision is not lost to a changed extraction.
    kept += [row for row in by_number.values() if has_review(row)]
    proposal.initiatives = sorted(kept, key=lambda row: row.number)


def has_review(row: models.Initiative) -> bool:
    reviewed = row.decision or row.reason or row.assignee or row.notes
    return bool(reviewed or row.status != ReviewStatus.NEW)


def derive_fields(row: models.Initiative, codebook: Codebook) -> None:
    """Themes, proposed owner and level of one initiative, from its own text."""
    tags = tag_themes(row.text or "", codebook)
    row.themes = "\n".join(tag.theme for tag in tags)
    row.theme_labels = "\n".join(tag.label for tag in tags)
    row.owner = find_owner(row.text or "")
    row.level = find_level(row.text or "")
