"""Counting stored rows in tests."""

from __future__ import annotations

from sqlalchemy import func, select


def count(db, model) -> int:
    """Rows of `model`'s table in the database of the sessionmaker `db`."""
    with db() as session:
        return session.scalar(select(func.count()).select_from(model))
