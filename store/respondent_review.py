"""A reviewer's name and organisation for a reply's respondent: stored beside the rules'
reading, which they then replace, and audited like the other review fields.

Apart from store.review (status, decision, type, themes) so that module stays as it is; the
CLI and the web form call `set_respondent` next to `review.apply`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from hoering.store import models

# (field as audited, column of the reviewer's value, column shown and exported)
FIELDS = (
    ("respondent_name", "reviewed_respondent_name", "respondent_name"),
    ("organisation", "reviewed_organisation", "respondent_organisation"),
)


def set_respondent(
    session: Session,
    proposal: models.Proposal,
    by: str,
    *,
    name: str | None = None,
    organisation: str | None = None,
) -> int:
    """Set the reviewer's name and/or organisation (None: leave; "" clears the organisation,
    as for a citizen); one audit row per changed field. Returns how many changed."""
    changed = 0
    for (field, reviewed, shown), value in zip(FIELDS, (name, organisation), strict=True):
        if value is None:
            continue
        value = " ".join(value.split())
        old = getattr(proposal, shown)
        if getattr(proposal, reviewed) == value and old == value:
            continue
        setattr(proposal, reviewed, value)
        setattr(proposal, shown, value)
        session.add(
            models.AuditEvent(
                proposal_id=proposal.id, by=by, field=field, old_value=old, new_value=value
            )
        )
        changed += 1
    return changed
