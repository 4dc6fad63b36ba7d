"""Initiatives derived from a reply's text, refreshed with its other derived fields
(rules/derive.py: at import, poll, reparse and `hoering analyse`).

A reply a reviewer has worked on (split or merged it, reviewed an initiative or the reply
itself) keeps its split: refreshing keeps title, text and numbering and recomputes only
themes, owner and level, so an upgraded splitter never moves a decision or a note onto
other text. Elsewhere new initiatives are matched to the old rows by their words, not by
number, so a row keeps its id (and its place in the bruttoliste) when its text stays.
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


def reviewer_worked_on(proposal: models.Proposal) -> bool:
    """A reviewer's split, a reviewed initiative, or a review of the reply itself."""
    reply_reviewed = proposal.decision or proposal.reason or proposal.assignee or proposal.notes
    return bool(
        is_reviewed_split(proposal)
        or any(has_review(row) for row in proposal.initiatives)
        or reply_reviewed
        or (proposal.status or ReviewStatus.NEW) != ReviewStatus.NEW  # None: not flushed yet
    )


def refresh_initiatives(proposal: models.Proposal, codebook: Codebook) -> None:
    """Split the reply again unless a reviewer worked on it; themes, owner, level always."""
    if not reviewer_worked_on(proposal):
        _resplit(proposal)
    for row in proposal.initiatives:
        derive_fields(row, codebook)


def _resplit(proposal: models.Proposal) -> None:
    found = split_initiatives(sections_of(proposal), proposal.subject or "")
    old = list(proposal.initiatives)
    matches = match_by_words([row.text or "" for row in old], [item.text for item in found])
    kept = []
    for index, initiative in enumerate(found):
        row = old[matches[index]] if index in matches else models.Initiative(source=AUTO)
        if row.text != initiative.text and not row.candidate_pinned:
            # Placed again by the next rules.candidates.place_new; a reviewer's stays.
            row.candidate_id = None
        row.number, row.title, row.text = initiative.number, initiative.title, initiative.text
        row.rule, row.origin = initiative.rule, initiative.source
        kept.append(row)
    proposal.initiatives = sorted(kept, key=lambda row: row.number)


def match_by_words(old: list[str], new: list[str], least: float = 0.5) -> dict[int, int]:
    """new index -> old index, one to one, for pairs that share at least `least` of their
    words (Jaccard), the closest pairs first."""
    words_old = [set(text.casefold().split()) for text in old]
    words_new = [set(text.casefold().split()) for text in new]
    scored = sorted(
        (
            (len(a & b) / len(a | b), n, o)
            for n, a in enumerate(words_new)
            for o, b in enumerate(words_old)
            if a | b
        ),
        reverse=True,
    )
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for score, n, o in scored:
        if score >= least and n not in matches and o not in taken:
            matches[n] = o
            taken.add(o)
    return matches


def has_review(row: models.Initiative) -> bool:
    reviewed = row.decision or row.reason or row.assignee or row.notes
    return bool(reviewed or row.status != ReviewStatus.NEW)


def derive_fields(row: models.Initiative, codebook: Codebook) -> None:
    """Themes, proposed owner and level of one initiative, from its own text."""
    tags = tag_themes(row.text or "", codebook)
    row.themes = tuple(tag.theme for tag in tags)
    row.theme_labels = tuple(tag.label for tag in tags)
    row.owner = find_owner(row.text or "")
    row.level = find_level(row.text or "")
