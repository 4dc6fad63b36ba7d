"""A reply's derived fields (derived.DerivedReply, made by rules/reply_derive.py) mapped to
its rows: the proposal's columns, its automatic theme tags and its initiatives.

What a reviewer set stays: a respondent type (with its organisation and rule) of source
"reviewer", a reviewer's name and organisation (store/respondent_review.py), theme tags of
source "reviewer" (added or removed), and a kept split, whose rows get only their fields.
"""

from __future__ import annotations

from hoering.derived import (
    DerivedInitiative,
    DerivedReply,
    DerivedRespondent,
    DerivedTheme,
    InitiativeFields,
)
from hoering.store import models
from hoering.store.respondent_review import FIELDS
from hoering.vocab import AUTO, REVIEWER


def apply_derived(proposal: models.Proposal, derived: DerivedReply) -> None:
    """Write every automatic derived field of `proposal`; reviewer values are kept."""
    apply_respondent(proposal, derived.respondent)
    proposal.reply_text = derived.reply_text
    proposal.forwarded = derived.forwarded
    proposal.signature_text = derived.signature
    proposal.points_to_attachment = derived.points_to_attachment
    proposal.no_comments = derived.no_comments
    proposal.language = derived.language
    proposal.reference_numbers = tuple(f"{label}: {value}" for label, value in derived.references)
    apply_themes(proposal, derived.themes)
    apply_initiatives(proposal, derived.initiatives, derived.split_kept)


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
