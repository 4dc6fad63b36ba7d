"""A reviewer's commands on bruttoliste candidates: `hoering candidate review|merge|move|
split|retitle|history|undo` (rules/candidate_review.py, rules/candidate_undo.py).

Every action is audited (`history`) and can be taken back (`undo`). --revision is the
optimistic check of the desk's review form: give the revision `candidate show` printed,
and the action is refused (exit 2) when someone changed the candidate since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from hoering.ui import context
from hoering.ui.console import out
from hoering.ui.options import (
    AssignOption,
    ByOption,
    Command,
    ConfigOption,
    DecisionOption,
    StatusOption,
)
from hoering.ui.review import NothingToDo, reviewer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from hoering.config import Config
    from hoering.store import models

CandidateArgument = Annotated[
    int, typer.Argument(metavar="ID", help="Candidate id from `hoering candidates`.")
]
RevisionOption = Annotated[
    int | None,
    typer.Option(
        metavar="N",
        help="The revision `candidate show` printed: refused if the candidate changed since.",
    ),
]


@contextmanager
def _acting(
    config, candidate_id: int, seen: int | None
) -> Iterator[tuple[Session, models.Candidate, Config]]:
    """A write transaction with the candidate, after the optimistic check; yields the config too."""
    from hoering.rules.candidate_review import ensure_unchanged
    from hoering.store.candidates import get_candidate

    cfg = context.load(config)
    with context.sessions(cfg).begin() as session:
        candidate = get_candidate(session, candidate_id).candidate
        ensure_unchanged(session, candidate_id, seen)
        yield session, candidate, cfg


def review_command(
    candidate_id: CandidateArgument,
    status: StatusOption = None,
    decision: DecisionOption = None,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Set the reason for the decision.")
    ] = None,
    assignee: AssignOption = None,
    revision: RevisionOption = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Set a candidate's status, decision, reason or assignee ("" unassigns).

    Its members' decisions follow it where they have none of their own (notat, exports); a
    review also marks the initiatives placed in it since the last review as seen."""
    from hoering.edits import Change
    from hoering.rules import candidate_review
    from hoering.rules.review import validated

    asked = Change(status=status, decision=decision, reason=reason, assignee=assignee)
    if asked.is_empty():
        raise NothingToDo("nothing to change: give --status, --decision, --reason or --assignee")
    with _acting(config, candidate_id, revision) as (session, candidate, cfg):
        change = validated(asked, cfg.codebook, cfg.decisions)
        changed = candidate_review.review(session, candidate, change, reviewer(by))
    out().print(f"candidate {candidate_id}: {changed} field(s) changed by {reviewer(by)}")


def merge_command(
    candidate_id: CandidateArgument,
    other: Annotated[int, typer.Argument(metavar="ID2", help="The candidate to merge in.")],
    revision: RevisionOption = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Move every initiative of ID2 into ID; ID2 is left empty (`undo ID` splits them again)."""
    from hoering.rules import candidate_review
    from hoering.store.candidates import get_candidate

    with _acting(config, candidate_id, revision) as (session, candidate, _):
        gone = get_candidate(session, other).candidate
        moved = candidate_review.merge(session, candidate, gone, reviewer(by))
    out().print(f"merged candidate {other} into {candidate_id}: {moved} initiative(s) moved")


def move_command(
    ref: Annotated[str, typer.Argument(metavar="INITIATIVE", help="Initiative id (12.2).")],
    target: Annotated[
        str, typer.Argument(metavar="CANDIDATE", help='Candidate id, or "new" for its own.')
    ],
    revision: RevisionOption = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Put an initiative into another candidate, or a new one; re-analysis keeps it there.
    --revision is checked on the candidate it leaves."""
    from hoering.rules import candidate_review
    from hoering.store.initiatives import get_initiative

    target_id = _target(target)
    cfg = context.load(config)
    with context.sessions(cfg).begin() as session:
        initiative = get_initiative(session, ref)
        if initiative.candidate_id is not None:
            candidate_review.ensure_unchanged(session, initiative.candidate_id, revision)
        moved_to = candidate_review.move(session, initiative, target_id, reviewer(by))
    out().print(f"moved {ref} to candidate {moved_to.id}")


def _target(value: str) -> int | None:
    if value.strip().casefold() == "new":
        return None
    if not value.strip().isdecimal():
        raise NothingToDo(f'{value!r} is not a candidate id or "new"')
    return int(value)


def split_command(
    candidate_id: CandidateArgument,
    initiatives: Annotated[
        str,
        typer.Option("--initiatives", metavar="IDS", help="The initiatives to move out: 12.1,14.2"),
    ],
    revision: RevisionOption = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Move some initiatives of a candidate into a new candidate of their own."""
    from hoering.rules import candidate_review
    from hoering.store.initiatives import get_initiatives

    refs = [ref.strip() for ref in initiatives.split(",") if ref.strip()]
    with _acting(config, candidate_id, revision) as (session, candidate, _):
        rows = get_initiatives(session, refs)
        new = candidate_review.split(session, candidate, rows, reviewer(by))
    out().print(f"split candidate {candidate_id}: {', '.join(refs)} now in candidate {new.id}")


def retitle_command(
    candidate_id: CandidateArgument,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The new title.")],
    revision: RevisionOption = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Give a candidate a new title (kept on re-analysis)."""
    from hoering.rules import candidate_review

    with _acting(config, candidate_id, revision) as (session, candidate, _):
        changed = candidate_review.retitle(session, candidate, title, reviewer(by))
    out().print(f"candidate {candidate_id}: {'retitled' if changed else 'title unchanged'}")


def history_command(candidate_id: CandidateArgument, config: ConfigOption = None) -> None:
    """Every reviewer action on a candidate: when, who, what, before and after (undone ones
    marked)."""
    from hoering.rules.candidate_undo import history
    from hoering.ui import views_candidates

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        out().print(views_candidates.history_table(history(session, candidate_id), cfg.timezone))


def undo_command(
    candidate_id: CandidateArgument,
    revision: RevisionOption = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Take back the last reviewer action on a candidate that is not undone yet."""
    from hoering.rules.candidate_undo import undo

    with _acting(config, candidate_id, revision) as (session, _, _cfg):
        event = undo(session, candidate_id, reviewer(by))
        what = f"{event.field} by {event.by} ({event.new_value or '-'})"
    out().print(f"candidate {candidate_id}: undid {what}")


COMMANDS: dict[str, Callable[..., None]] = {
    "review": review_command,
    "merge": merge_command,
    "move": move_command,
    "split": split_command,
    "retitle": retitle_command,
    "history": history_command,
    "undo": undo_command,
}


def register(app: typer.Typer) -> None:
    """Add the reviewer's candidate commands to `hoering candidate`."""
    for name, command in COMMANDS.items():
        app.command(name, cls=Command)(command)
