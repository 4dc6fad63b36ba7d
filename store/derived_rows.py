"""A reply's derived fields (derived.DerivedReply, made by rules/reply_derive.py) mapped to
its rows: the proposal's columns, its automatic theme tags and its initiatives.

What a reviewer set stays: a respondent type (with its organisation and rule) of source
"reviewer", a reviewer's name and organisation (store/respondent_review.py), theme tags of
source "reviewer" (added or removed), and a kept split, whose rows get only their fields.

A new reply written by a run gets its theme tags and initiatives as plain rows instead
(`insert_children`, once its proposal has an id): a run writes thousands of them, and the
ORM's unit of work cost more per row than deriving them did.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from hoering.derived import (
    DerivedInitiative,
    DerivedReply,
    DerivedRespondent,
    DerivedTheme,
    InitiativeFields,
)
from hoering.store import models
from hoering.store.base import utcnow
from hoering.store.respondent_review import FIELDS
from hoering.vocab import AUTO, REVIEWER


def apply_derived(proposal: models.Proposal, derived: DerivedReply) -> None:
    """Write every automatic derived field of `proposal`; reviewer values are kept."""
    apply_columns(proposal, derived)
    apply_themes(proposal, derived.themes)
    apply_initiatives(proposal, derived.initiatives, derived.split_kept)


def apply_columns(proposal: models.Proposal, derived: DerivedReply) -> None:
    """The derived fields that are the proposal's own columns: all but its theme tags and
    initiatives (a new reply's are `insert_children`'s)."""
    apply_respondent(proposal, derived.respondent)
    proposal.reply_text = derived.reply_text
    proposal.forwarded = derived.forwarded
    proposal.signature_text = derived.signature
    proposal.points_to_attachment = derived.points_to_attachment
    proposal.no_comments = derived.no_comments
    proposal.language = derived.language
    proposal.reference_numbers = tuple(f"{label}: {value}" for label, value in derived.references)


def apply_respondent(proposal: models.Proposal, who: DerivedRespondent) -> None:
    """The rules' respondent, under a type a reviewer set and the reviewer's name and
    organisation."""
    proposal.respondent_name = who.name
    proposal.respondent_email = who.email
    if proposal.respondent_type_source != REVIEWER:
        proposal.respondent_organisation = who.organisation
        proposal.respondent_type = who.type
        proposal.respondent_rule = who.rule
        proposal.respondent_rule_id = who.rule_id
        proposal.respondent_type_source = AUTO
    for _field, reviewed, shown in FIELDS:
        value = getattr(proposal, reviewed)
        if value is not None:
            setattr(proposal, shown, value)


def apply_themes(proposal: models.Proposal, themes: tuple[DerivedTheme, ...]) -> None:
    """Replace the automatic theme tags; themes a reviewer added or removed are kept."""
    kept = [row for row in proposal.themes if row.source == REVIEWER]
    reviewed = {row.theme for row in kept}
    auto = {row.theme: row for row in proposal.themes if row.source == AUTO}
    for tag in themes:
        if tag.theme in reviewed:
            continue
        row = auto.get(tag.theme) or models.ProposalTheme(theme=tag.theme, source=AUTO)
        row.label = tag.label
        row.codebook_version = tag.codebook_version
        row.words = tuple(tag.words)
        row.keywords = tuple(tag.keywords)
        row.hits = tag.hits
        row.active = True
        kept.append(row)
    # Rows keep their id when the theme stays, so (proposal_id, theme) never collides.
    proposal.themes = kept


def apply_initiatives(
    proposal: models.Proposal, initiatives: tuple[DerivedInitiative, ...], split_kept: bool
) -> None:
    """The new split on the rows it continues (new rows for the rest, the others go), or
    with a kept split only the fields of the stored rows."""
    if not split_kept:
        old = list(proposal.initiatives)
        rows = []
        for item in initiatives:
            row = models.Initiative(source=AUTO) if item.continues is None else old[item.continues]
            if row.text != item.text and not row.candidate_pinned:
                # Placed again by the next rules.candidates.place_new; a reviewer's stays.
                row.candidate_id = None
            row.number, row.title, row.text = item.number, item.title, item.text
            row.rule, row.origin = item.rule, item.origin
            rows.append(row)
        proposal.initiatives = rows
    for row, item in zip(proposal.initiatives, initiatives, strict=True):
        apply_initiative_fields(row, item.fields)


def apply_initiative_fields(row: models.Initiative, fields: InitiativeFields) -> None:
    row.themes = tuple(fields.themes)
    row.theme_labels = tuple(fields.theme_labels)
    row.owner = fields.owner
    row.level = fields.level


def insert_children(session: Session, replies: Sequence[tuple[int, DerivedReply]]) -> None:
    """The theme tags and initiatives of new proposals (id, its derived fields), written as
    `apply_themes` and `apply_initiatives` would give them to a proposal without any: one
    executemany per table for the lot, in the caller's transaction."""
    themes = [_theme_row(pid, tag) for pid, derived in replies for tag in derived.themes]
    initiatives = [
        _initiative_row(pid, item) for pid, derived in replies for item in derived.initiatives
    ]
    connection = session.connection()
    for table, rows in ((models.ProposalTheme, themes), (models.Initiative, initiatives)):
        if rows:
            connection.execute(insert(table.__table__), rows)


def _theme_row(proposal_id: int, tag: DerivedTheme) -> dict[str, object]:
    return {
        "proposal_id": proposal_id, "theme": tag.theme, "label": tag.label,
        "codebook_version": tag.codebook_version, "words": tuple(tag.words),
        "keywords": tuple(tag.keywords), "hits": tag.hits, "source": AUTO, "active": True,
    }  # fmt: skip


def _initiative_row(proposal_id: int, item: DerivedInitiative) -> dict[str, object]:
    # A new reply has no stored split to continue or keep (rules/initiative_derive.py).
    assert item.continues is None, "a new reply's initiative continues no stored row"
    fields = item.fields
    now = utcnow()
    return {
        "proposal_id": proposal_id, "number": item.number, "title": item.title,
        "text": item.text, "themes": tuple(fields.themes),
        "theme_labels": tuple(fields.theme_labels), "owner": fields.owner,
        "level": fields.level, "rule": item.rule, "origin": item.origin, "source": AUTO,
        "status": "ny", "decision": None, "reason": "", "assignee": "", "candidate_id": None,
        "candidate_pinned": False, "created_at": now, "updated_at": now,
    }  # fmt: skip
