"""The stored pseudonym map: which number a private sender ("Borger N") has in every export.
store.models offers it too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from hoering.store.base import Base, NulFreeString, UTCDateTime, utcnow


class Pseudonym(Base):
    """One private sender's number, assigned once in order of first reply and never changed.

    key: the sha256 of the sender's normalized address (store/pseudonyms.respondent_key),
    so the table names nobody; a forgotten sender's number is never given to another.
    """

    __tablename__ = "pseudonyms"

    key: Mapped[str] = mapped_column(NulFreeString(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
