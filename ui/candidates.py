"""The candidate commands: `hoering candidates` lists the bruttoliste, `hoering candidate
show ID` shows one, and a reviewer's moves, merges, splits, retitles, reviews and undos
(ui/candidate_actions.py). Registered on the app by cli.py (`register(app)`); like cli.py,
the store is imported only when a command runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from hoering.ui import context
from hoering.ui.console import out
from hoering.ui.options import Command, ConfigOption

candidate_app = typer.Typer(
    help="Show or fix a candidate of the bruttoliste: review, merge, move, split, retitle, "
    "history, undo.",
    no_args_is_help=True,
)


def candidates_command(config: ConfigOption = None) -> None:
    """List the bruttoliste: initiatives from different replies that propose the same thing,
    most replies first; a campaign's replies as one entry. Placed at poll and import;
    `hoering analyse` places them again."""
    from hoering.export.candidate_campaigns import entries
    from hoering.store.candidates import list_candidates
    from hoering.ui import views_candidates

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        table = views_candidates.candidate_table(list_candidates(session), entries(session))
        out().print(table)


@candidate_app.command("show", cls=Command)
def show_command(
    candidate_id: Annotated[
        int, typer.Argument(metavar="ID", help="Candidate id from `hoering candidates`.")
    ],
    config: ConfigOption = None,
) -> None:
    """Show one candidate: title, summary, themes, level, owner, review, supporters,
    initiatives, and the revision to give --revision."""
    from hoering.export.candidate_campaigns import entries
    from hoering.rules.candidate_review import revision
    from hoering.store.candidates import get_candidate
    from hoering.ui import views_candidates

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        view = get_candidate(session, candidate_id)
        shown = views_candidates.candidate_detail(
            view, revision(session, candidate_id), entries(session)
        )
        out().print(shown)


def register(app: typer.Typer) -> None:
    """Add `candidates` and the `candidate` commands to the app."""
    from hoering.ui import candidate_actions

    app.command("candidates", cls=Command)(candidates_command)
    candidate_actions.register(candidate_app)
    app.add_typer(candidate_app, name="candidate")
