"""The tables of the bruttoliste's candidates (rules/candidates.py fills them): a candidate,
and the index a new initiative finds its candidates by. store.models offers them too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from hoering.store.base import Base, NulFreeString, NulFreeText, StringList, UTCDateTime, utcnow
from hoering.vocab import DECISION_CHARS


class Candidate(Base):
    """Initiatives from different replies that propose the same thing (issue 19).

    Placed by analysis.candidates, one initiative at a time; `hoering analyse` places every
    initiative again. title/summary: of its first initiative; themes/theme_labels: its
    members' codebook keys and labels, in order of first appearance; level,
    owner: the first a member states. terms: JSON object of the representative vector.
    members: initiatives placed in it (supporters and replies are counted from initiatives).
    Review fields as on proposals (rules/candidate_review.py). touched: a reviewer moved,
    merged, split, retitled or reviewed it; re-analysis then keeps it, its id and its pinned
    members (initiatives.candidate_pinned), and a member placed since is "new since the
    decision" until a reviewer reviews the candidate again.
    """

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(NulFreeText, default="")
    summary: Mapped[str] = mapped_column(NulFreeText, default="")
    themes: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    theme_labels: Mapped[tuple[str, ...]] = mapped_column(StringList, default=())
    level: Mapped[str] = mapped_column(NulFreeString(20), default="")
    owner: Mapped[str] = mapped_column(NulFreeString(500), default="")
    terms: Mapped[str] = mapped_column(NulFreeText, default="{}")
    members: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(NulFreeString(30), default="ny")
    decision: Mapped[str | None] = mapped_column(NulFreeString(DECISION_CHARS))
    reason: Mapped[str] = mapped_column(NulFreeText, default="")
    assignee: Mapped[str] = mapped_column(NulFreeString(200), default="")
    touched: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CandidateTerm(Base):
    """One of a candidate's heaviest terms: an initiative naming it is compared with it."""

    __tablename__ = "candidate_terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    term: Mapped[str] = mapped_column(NulFreeString(200), index=True)


class CandidateEvent(Base):
    """One reviewer action on candidates: who, when, what (field: move | merge | split |
    title | status | decision | reason | assignee | undo), old and new value as people read
    them. candidate_id, other_id: the candidates it changed (other_id: the second one of a
    move, merge or split). before: JSON of those candidates and their members as they were,
    which `undo` puts back; undone: the id of the undo event. No foreign keys: the trail of
    a candidate stays when analysis drops it.
    """

    __tablename__ = "candidate_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(Integer, index=True)
    other_id: Mapped[int | None] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(NulFreeString(200))
    field: Mapped[str] = mapped_column(NulFreeString(50))
    old_value: Mapped[str | None] = mapped_column(NulFreeText)
    new_value: Mapped[str | None] = mapped_column(NulFreeText)
    before: Mapped[str | None] = mapped_column(NulFreeText)
    undone: Mapped[int | None] = mapped_column(Integer)
