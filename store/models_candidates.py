"""The tables of the bruttoliste's candidates (rules/candidates.py fills them): a candidate,
and the index a new initiative finds its candidates by. store.models offers them too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from hoering.store.base import Base, NulFreeString, NulFreeText, UTCDateTime, utcnow


class Candidate(Base):
    """Initiatives from different replies that propose the same thing (issue 19).

    Placed by analysis.candidates, one initiative at a time; `hoering analyse` places every
    initiative again. title/summary: of its first initiative; themes/theme_labels: its
    members' codebook keys and labels, one per line, in order of first appearance; level,
    owner: the first a member states. terms: JSON object of the representative vector.
    members: initiatives placed in it (supporters and replies are counted from initiatives).
    """

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(NulFreeText, default="")
    summary: Mapped[str] = mapped_column(NulFreeText, default="")
    themes: Mapped[str] = mapped_column(NulFreeText, default="")
    theme_labels: Mapped[str] = mapped_column(NulFreeText, default="")
    level: Mapped[str] = mapped_column(NulFreeString(20), default="")
    owner: Mapped[str] = mapped_column(NulFreeString(500), default="")
    terms: Mapped[str] = mapped_column(NulFreeText, default="{}")
    members: Mapped[int] = mapped_column(Integer, default=0)
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
