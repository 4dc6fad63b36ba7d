"""The review rules: which values a reviewer may set, what counts as a change, and which
audit entries record it.

The deciding functions are pure: the values as stored now (edits.ReplyNow, DecisionNow)
and the change asked for (edits.Change) in, a frozen edits.Edit out, or InvalidValue.
store/review.py reads the values now and writes the edit; the `review_*` services here
join the two for the CLI and the desk.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from hoering.edits import (
    AuditEntry,
    Change,
    Codebook,
    DecisionNow,
    Edit,
    InvalidValue,
    ReplyNow,
    ThemeMark,
    TypeMark,
    canonical,
    spelling_key,
    theme_key,
)
from hoering.store import models
from hoering.store import review as store_review
from hoering.vocab import DECISIONS, NO_DECISION, RESPONDENT_TYPES, STATUSES

# What a reply shows as the rule behind a type a reviewer set.
REVIEWER_RULE, REVIEWER_RULE_ID = "sat af sagsbehandler", "reviewer"


def validated(change: Change, codebook: Codebook, decisions: Sequence[str] = DECISIONS) -> Change:
    """`change` with every value in its canonical spelling; InvalidValue otherwise.
    `decisions`: the allowed ones (the config's, Config.decisions)."""
    decision = change.decision
    if decision is not None and spelling_key(decision) != NO_DECISION:
        decision = canonical(decision, decisions, "decision")
    return Change(
        status=None if change.status is None else canonical(change.status, STATUSES, "status"),
        decision=decision,
        reason=change.reason,
        assignee=None if change.assignee is None else change.assignee.strip(),
        respondent_type=None
        if change.respondent_type is None
        else canonical(change.respondent_type, RESPONDENT_TYPES, "respondent type"),
        note=change.note,
        add_themes=tuple(theme_key(theme, codebook) for theme in change.add_themes),
        remove_themes=tuple(theme_key(theme, codebook) for theme in change.remove_themes),
    )


def decision_edit(now: DecisionNow, change: Change) -> Edit:
    """Status, decision, reason and assignee of a reply or an initiative: each asked value
    that differs from the stored one. "ingen" clears the decision; "" clears the others."""
    decision = change.decision
    if decision is not None and spelling_key(decision) == NO_DECISION:
        decision = ""
    fields: list[tuple[str, str | None]] = []
    audit: list[AuditEntry] = []
    for field, value in (
        ("status", change.status),
        ("decision", decision),
        ("reason", change.reason),
        ("assignee", change.assignee),
    ):
        old = getattr(now, field)
        if value is not None and (old or "") != value:
            audit.append(AuditEntry(field, old or None, value or None))
            fields.append((field, value or (None if field == "decision" else "")))
    return Edit(fields=tuple(fields), audit=tuple(audit))


def reply_edit(now: ReplyNow, change: Change, codebook: Codebook) -> Edit:
    """The edit a validated change makes to a reply: its review fields, respondent type,
    note and theme tags, each audited when it changes."""
    base = decision_edit(now.fields, change)
    audit = list(base.audit)
    mark = None
    # A reviewer's type wins over the rules from now on, even when it equals theirs: the
    # type's owner changes, so that is audited too.
    if change.respondent_type is not None and not (
        now.respondent_type == change.respondent_type and now.type_by_reviewer
    ):
        mark = TypeMark(change.respondent_type, REVIEWER_RULE, REVIEWER_RULE_ID)
        audit.append(AuditEntry("respondent_type", now.respondent_type, change.respondent_type))
    if change.note:
        audit.append(AuditEntry("note", None, change.note))
    labels = {theme.key: theme.label for theme in codebook.themes}
    active = set(now.active_themes)
    marks: list[ThemeMark] = []
    asked = [(k, True) for k in change.add_themes] + [(k, False) for k in change.remove_themes]
    for key, on in asked:
        marks.append(ThemeMark(key, labels[key], on))
        if (key in active) != on:
            audit.append(AuditEntry("theme", None if on else key, key if on else None))
            active.symmetric_difference_update({key})
    return Edit(base.fields, mark, tuple(marks), change.note or None, tuple(audit))


def initiative_edit(now: DecisionNow, change: Change) -> Edit:
    """The edit a validated change makes to an initiative: review fields and a note.
    Respondent type and theme tags belong to the reply: InvalidValue."""
    if change.respondent_type is not None or change.add_themes or change.remove_themes:
        raise InvalidValue("respondent type and theme tags are set on the reply, not an initiative")
    base = decision_edit(now, change)
    if not change.note:
        return base
    note = AuditEntry("note", None, change.note)
    return Edit(base.fields, note=change.note, audit=(*base.audit, note))


def review_reply(
    session: Session, proposal: models.Proposal, change: Change, by: str, codebook: Codebook
) -> int:
    """Decide and write a validated change to one reply; how many fields changed."""
    edit = reply_edit(store_review.reply_now(proposal), change, codebook)
    return store_review.write_reply(session, proposal, edit, by)


def review_reply_unless_changed(
    session: Session,
    proposal: models.Proposal,
    change: Change,
    by: str,
    codebook: Codebook,
    seen_revision: int,
) -> int:
    """`review_reply`, but Conflict when the reply changed after `seen_revision` was read."""
    store_review.ensure_unchanged(
        session, proposal.id, seen_revision, lambda: store_review.revision(session, proposal.id)
    )
    return review_reply(session, proposal, change, by, codebook)


def review_initiative(
    session: Session, initiative: models.Initiative, change: Change, by: str
) -> int:
    """Decide and write a validated change to one initiative; how many fields changed."""
    edit = initiative_edit(store_review.decision_now(initiative), change)
    return store_review.write_initiative(session, initiative, edit, by)
