"""Derivation keeps a reviewer's respondent: name and organisation a reviewer set replace the
rules' reading at every reparse and `hoering analyse` (the type has its own source column)."""

from __future__ import annotations

from hoering.store import models
from hoering.store.respondent_review import FIELDS


def keep_reviewed_respondent(proposal: models.Proposal) -> None:
    """Put back the reviewer's name and organisation over what the rules just read."""
    for _field, reviewed, shown in FIELDS:
        value = getattr(proposal, reviewed)
        if value is not None:
            setattr(proposal, shown, value)
