"""The tables of the duplicate grouping (store/duplicates.py computes them): the groups and
their members, and the index a new reply is grouped by. store.models offers them too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.store.base import Base, NulFreeString, NulFreeText, UTCDateTime, utcnow


class DuplicateGroup(Base):
    """Proposals with the same text ("exact") or the same form letter ("near").

    Recomputed as a whole (store/duplicates.py); nothing is deleted from proposals.
    common_text: the common letter, one sentence per line; distinct: distinct texts.
    """

    __tablename__ = "duplicate_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(NulFreeString(10))
    size: Mapped[int] = mapped_column(Integer)
    distinct: Mapped[int] = mapped_column(Integer)
    common_text: Mapped[str] = mapped_column(NulFreeText, default="")
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[DuplicateMember]] = relationship(
        back_populates="group", order_by="DuplicateMember.proposal_id", cascade="all, delete-orphan"
    )


class DuplicateMember(Base):
    """A proposal in a duplicate group, with what it adds to / leaves out of the common letter.

    added_text/omitted_text: sentences, one per line; similarity: Jaccard with the group's
    most typical member (1.0 for exact duplicates).
    """

    __tablename__ = "duplicate_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("duplicate_groups.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), unique=True
    )
    similarity: Mapped[float] = mapped_column(Float, default=1.0)
    added_text: Mapped[str] = mapped_column(NulFreeText, default="")
    omitted_text: Mapped[str] = mapped_column(NulFreeText, default="")

    group: Mapped[DuplicateGroup] = relationship(back_populates="members")


class DuplicateIndex(Base):
    """Each proposal's place in the duplicate grouping, so a new reply is grouped without
    reading the others (store/duplicates.py). text_key: hash of the normalized text (None:
    no words); leader: its band keys are in duplicate_bands (it started a group's letter)."""

    __tablename__ = "duplicate_index"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    text_key: Mapped[str | None] = mapped_column(NulFreeString(64), index=True)
    shingles: Mapped[int] = mapped_column(Integer, default=0)
    leader: Mapped[bool] = mapped_column(Boolean, default=False)


class DuplicateBand(Base):
    """One LSH band key of a leader's MinHash; leaders sharing a key with a text are its
    candidates."""

    __tablename__ = "duplicate_bands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[int] = mapped_column(BigInteger, index=True)
