"""Primary keys for a batch's new rows given by the writer on SQLite, so that the ORM writes
each table's rows with one executemany instead of one INSERT ... RETURNING a row.

SQLAlchemy batches an ORM insert whose ids the database makes into one statement only where
it can match the returned ids to the rows: PostgreSQL can, SQLite cannot (it has no
sentinel for that), so a run wrote its sightings, states and proposals one statement each.
With the ids set beforehand the ORM needs nothing back. They are the ids SQLite would have
given, in the order the unit of work inserts the rows: these tables have no AUTOINCREMENT,
so a new row gets the highest id plus one. That holds only while no other writer can add
rows meanwhile, so the caller gives ids only once its transaction has written (SQLite's
write lock is then held until it commits). `next_ids` is that numbering, and PostgreSQL's
sequence, for the rows written without the ORM (store/plain_rows.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from hoering.store.base import Base


def assign_ids(session: Session, classes: Iterable[type[Base]]) -> int:
    """Set the id of every pending object of `classes` in `session` that has none, as
    SQLite would number them; nothing on other databases. Call it only in a transaction
    that holds SQLite's write lock (it has inserted or updated a row). Returns how many ids
    were given."""
    if session.get_bind().dialect.name != "sqlite":
        return 0
    given = 0
    for cls in classes:
        # The unit of work inserts a table's pending rows in the order they were added.
        rows = sorted(
            (obj for obj in session.new if type(obj) is cls and obj.id is None),  # type: ignore[attr-defined]
            key=lambda obj: inspect(obj).insert_order,
        )
        for number, obj in zip(next_ids(session, cls, len(rows)), rows, strict=True):
            obj.id = number  # type: ignore[attr-defined]
        given += len(rows)
    return given


def next_ids(session: Session, cls: type[Base], count: int) -> list[int]:
    """`count` ids for new rows of `cls`, as the database would give them one by one. On
    SQLite only in a transaction holding the write lock (one that has written a row)."""
    if count == 0:
        return []
    table = cls.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        query = text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
        )
        return sorted(session.scalars(query, {"table": table.name, "n": count}))
    with session.no_autoflush:  # the highest stored id, not that of pending objects
        highest = session.scalar(select(func.max(table.c.id))) or 0
    return list(range(highest + 1, highest + 1 + count))
