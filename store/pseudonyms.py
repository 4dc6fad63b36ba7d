"""The stored pseudonym map (issue 17): each private sender's number, assigned once.

Numbers are global, not per export file: a sender keeps "Borger 3" in every export, with
any filter, and when replies arrive later (new senders get the next numbers). The map is
keyed by a digest of the address, so it names nobody.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hoering.store import models
from hoering.vocab import RespondentType


def respondent_key(email: str) -> str:
    """The map's key for a sender: the sha256 of the normalized address."""
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def assign_pseudonyms(session: Session) -> None:
    """Number the private senders not yet in the map, in order of their first reply.

    Uses the stored respondent type (ingest, `hoering analyse` or the reviewer set it); the
    caller commits.
    """
    known = set(session.scalars(select(models.Pseudonym.key)))
    last = session.scalar(select(func.max(models.Pseudonym.number))) or 0
    query = (
        select(models.Proposal.sender_email)
        .where(models.Proposal.respondent_type == RespondentType.BORGER)
        .order_by(models.Proposal.received_at, models.Proposal.id)
    )
    for email in session.scalars(query):
        key = respondent_key(email)
        if email.strip() and key not in known:
            known.add(key)
            last += 1
            session.add(models.Pseudonym(key=key, number=last))
    session.flush()


def pseudonym_map(session: Session) -> Mapping[str, int]:
    """respondent key -> number, for every sender numbered so far."""
    return dict(session.execute(select(models.Pseudonym.key, models.Pseudonym.number)).all())
