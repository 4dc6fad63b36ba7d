"""A batch's new rows written with Core statements instead of the ORM's unit of work: the
proposals (with their attachments and any theme tag or initiative objects), sightings and
message states of a run's batch.

The writer still builds the rows as ORM objects, outside any session (the same code as
everywhere else fills them), but never adds them to the session: `row_of` reads the column
values they hold, with each column's default where they hold none (as the ORM's insert
would), and each table's rows go in with one executemany. The unit of work's bookkeeping
per object (attribute history, cascades, dependency sorting, identity map) cost the
importing process more than the database's own inserts did (README "Performance",
Round 11).

Proposals need their ids before their children: `row_ids.next_ids` takes them as the
database would give them (SQLite: the highest id plus one, these tables have no
AUTOINCREMENT, so only while this transaction holds SQLite's write lock; PostgreSQL: from
the column's sequence). The other tables' ids are the database's own, in the order of the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Column, insert, inspect
from sqlalchemy.orm import Session

from hoering.store import models, row_ids
from hoering.store.base import Base

_NO_DEFAULT = object()


@cache
def _columns(cls: type[Base]) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, column name, default) of each column of `cls` but its id; the default is
    a value, a callable of no arguments, or _NO_DEFAULT (NULL, as the ORM leaves it out)."""
    found = []
    for prop in inspect(cls).column_attrs:
        column: Column[Any] = prop.columns[0]  # type: ignore[assignment]
        if column.primary_key:
            continue  # the database's, unless given (row_of's `values`)
        default: Any = _NO_DEFAULT
        if column.default is not None and column.default.is_scalar:
            default = column.default.arg  # type: ignore[attr-defined]
        elif column.default is not None and column.default.is_callable:
            wrapped = column.default.arg  # type: ignore[attr-defined]
            default = _call_without_context(wrapped)
        found.append((prop.key, column.name, default))
    return tuple(found)


def _call_without_context(wrapped: Any) -> Any:
    # SQLAlchemy wraps a default of no arguments into one taking the execution context.
    return lambda: wrapped(None)


def row_of(obj: Base, **values: object) -> dict[str, object]:
    """Column name -> value of a transient ORM object, as the ORM would insert it; `values`
    overrides (an id, a foreign key the object holds as a relationship)."""
    held = obj.__dict__
    row: dict[str, object] = {"id": values["id"]} if "id" in values else {}
    for key, name, default in _columns(type(obj)):
        if name in values:
            row[name] = values[name]
        elif key in held:
            row[name] = held[key]
        elif default is _NO_DEFAULT:
            row[name] = None
        else:
            row[name] = default() if callable(default) else default
    return row


def insert_plain(session: Session, cls: type[Base], rows: Sequence[dict[str, object]]) -> None:
    """`rows` (row_of's) into `cls`'s table, one executemany, in the caller's transaction."""
    if rows:
        session.connection().execute(insert(cls.__table__), list(rows))  # type: ignore[attr-defined]


@dataclass
class PlainRows:
    """A batch's new rows, collected while the writer decides them and inserted together:
    proposals (with the raw message id each belongs to), sightings and message states."""

    proposals: list[tuple[models.Proposal, int]] = field(default_factory=list)
    sightings: list[dict[str, object]] = field(default_factory=list)
    states: list[models.MessageState] = field(default_factory=list)

    def insert(self, session: Session) -> None:
        """Every collected row, the proposals given their ids (set on the objects too)."""
        proposals, children = _proposal_rows(session, self.proposals)
        insert_plain(session, models.Proposal, proposals)
        for cls, rows in children:
            insert_plain(session, cls, rows)
        insert_plain(session, models.Sighting, self.sightings)
        insert_plain(session, models.MessageState, [row_of(s) for s in self.states])


def _proposal_rows(
    session: Session, proposals: Sequence[tuple[models.Proposal, int]]
) -> tuple[list[dict[str, object]], list[tuple[type[Base], list[dict[str, object]]]]]:
    """The proposals' rows and their children's (attachments, and the theme tags and
    initiatives of a reply derived in the run's process), each proposal given its id."""
    rows: list[dict[str, object]] = []
    children: dict[str, list[dict[str, object]]] = {"attachments": [], "themes": []}
    children["initiatives"] = []
    ids = row_ids.next_ids(session, models.Proposal, len(proposals))
    for (proposal, raw_id), proposal_id in zip(proposals, ids, strict=True):
        proposal.id = proposal_id
        rows.append(row_of(proposal, id=proposal_id, raw_message_id=raw_id))
        for name, found in children.items():
            found += [row_of(child, proposal_id=proposal_id) for child in _held(proposal, name)]
    kinds = {"attachments": models.Attachment, "themes": models.ProposalTheme}
    kinds["initiatives"] = models.Initiative
    return rows, [(kinds[name], found) for name, found in children.items()]


def _held(proposal: models.Proposal, name: str) -> Iterable[Base]:
    # Read from the object's own state: a collection it never had is not loaded (it is
    # transient, there is nothing to load).
    return proposal.__dict__.get(name) or ()
