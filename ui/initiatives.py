"""The initiative commands: `hoering initiatives` lists them, `hoering initiative show|split|
merge|retitle|history` shows and fixes the machine's split. `hoering review 12.2 ...` sets
review fields (ui/review.py). Registered on the app by cli.py (`register(app)`).

Like cli.py, this module imports only typer and the option declarations at the top; each
command imports the store when it runs, so `hoering --help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from hoering.ui import context
from hoering.ui.console import out
from hoering.ui.options import (
    AssigneeOption,
    ByOption,
    Command,
    ConfigOption,
    DecisionOption,
    StatusOption,
)
from hoering.ui.review import NothingToDo, reviewer

RefArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="Initiative id: the reply's id, a dot, its number (12.2)."),
]
LEVELS = ("lokal", "regional", "national")

initiative_app = typer.Typer(
    help="Show an initiative or fix the split: split, merge, retitle; see its history.",
    no_args_is_help=True,
)


def initiatives_command(
    reply: Annotated[
        list[int] | None,
        typer.Option("--reply", metavar="ID", help="Only initiatives of this reply id."),
    ] = None,
    status: StatusOption = None,
    decision: DecisionOption = None,
    assignee: AssigneeOption = None,
    theme: Annotated[
        str | None, typer.Option(metavar="THEME", help="With this theme (key or label).")
    ] = None,
    level: Annotated[
        str | None, typer.Option(metavar="LEVEL", help="lokal, regional or national.")
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Proposed owner (ansvarlig myndighed) contains this."),
    ] = None,
    search: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Title or text contains this.")
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type", metavar="TYPE", help="The reply's respondent type, e.g. borger, virksomhed."
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """List the initiatives the replies propose, oldest reply first.

    Id "12.2" is initiative 2 of reply 12; give it to `hoering review` and `hoering
    initiative`. A * after the title: a reviewer fixed that reply's split.
    """
    from hoering.edits import canonical
    from hoering.store.initiatives import InitiativeFilter, list_initiatives
    from hoering.ui import views_initiatives

    cfg = context.load(config)
    base = context.where_filter(
        cfg, status=status, decision=decision, assignee=assignee, respondent_type=type_, theme=theme
    )
    flt = InitiativeFilter(
        proposal_ids=tuple(reply or ()),
        status=base.status,
        decision=base.decision,
        assignee=base.assignee,
        theme=base.theme,
        level=None if level is None else canonical(level, LEVELS, "level"),
        owner=owner,
        search=search,
        respondent_type=base.respondent_type,
    )
    with context.sessions(cfg)() as session:
        out().print(views_initiatives.initiative_table(list_initiatives(session, flt)))


@initiative_app.command("show", cls=Command)
def show_command(ref: RefArgument, config: ConfigOption = None) -> None:
    """Show one initiative: title, reply, themes, owner, level, review, notes and its text."""
    from hoering.store.initiatives import get_initiative
    from hoering.ui import views_initiatives

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        out().print(views_initiatives.initiative_detail(get_initiative(session, ref), cfg.timezone))


@initiative_app.command("split", cls=Command)
def split_command(
    ref: RefArgument,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="PHRASE", help="Split before the first occurrence of this phrase."
        ),
    ] = None,
    offset: Annotated[
        int | None,
        typer.Option("--offset", metavar="N", help="Split at this character of the text."),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="Title of the second part (default: guessed)."
        ),
    ] = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Cut an initiative in two; the second part gets the next number (later ones move up).

    The reply's split is then the reviewer's: re-analysis and reparse keep it.
    """
    if (at is None) == (offset is None):
        raise NothingToDo("give --at PHRASE or --offset N (one of them)")
    from hoering.rules import initiative_review
    from hoering.store.initiatives import get_initiative

    cfg = context.load(config)
    with context.sessions(cfg).begin() as session:
        initiative = get_initiative(session, ref)
        new = initiative_review.split(
            session, initiative, at if at is not None else offset, reviewer(by), cfg.codebook, title
        )
        out().print(f"split {ref}: {initiative.ref} {initiative.title!r} + {new.ref} {new.title!r}")


@initiative_app.command("merge", cls=Command)
def merge_command(
    first: RefArgument,
    second: Annotated[str, typer.Argument(metavar="ID2", help="The initiative to merge in.")],
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Merge ID2 into ID (same reply): its text and notes are appended, numbers close up."""
    from hoering.rules import initiative_review
    from hoering.store.initiatives import get_initiative

    cfg = context.load(config)
    with context.sessions(cfg).begin() as session:
        kept = initiative_review.merge(
            session,
            get_initiative(session, first),
            get_initiative(session, second),
            reviewer(by),
            cfg.codebook,
        )
        out().print(f"merged {second} into {kept.ref} {kept.title!r}")


@initiative_app.command("retitle", cls=Command)
def retitle_command(
    ref: RefArgument,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The new title.")],
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Give an initiative a new title (kept on re-analysis)."""
    from hoering.rules import initiative_review
    from hoering.store.initiatives import get_initiative

    cfg = context.load(config)
    with context.sessions(cfg).begin() as session:
        changed = initiative_review.retitle(
            session, get_initiative(session, ref), title, reviewer(by)
        )
    out().print(f"{ref}: {'retitled' if changed else 'title unchanged'}")


@initiative_app.command("history", cls=Command)
def history_command(ref: RefArgument, config: ConfigOption = None) -> None:
    """Every reviewer change of one initiative: when, who, which field, old and new value."""
    from hoering.rules import initiative_review
    from hoering.ui import views_review

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        out().print(
            views_review.history_text(initiative_review.history(session, ref), cfg.timezone)
        )


def register(app: typer.Typer) -> None:
    """Add `initiatives` and `initiative ...` to the app."""
    app.command("initiatives", cls=Command)(initiatives_command)
    app.add_typer(initiative_app, name="initiative")
