"""The reviewers' commands: review, tag, history, search, duplicates, analyse.

Registered on the app by cli.py (`register(app)`). Like cli.py, this module imports only
typer and the option declarations at the top; each command imports the store when it runs,
so `hoering --help` stays fast.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING, Annotated

import typer

from hoering.errors import UnknownProposal, UsageError
from hoering.ui import context
from hoering.ui.console import out, plural
from hoering.ui.options import (
    AssignOption,
    ByOption,
    Command,
    ConfigOption,
    IdArgument,
    parse_id,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from hoering import config as config_module
    from hoering.edits import Change
    from hoering.store import models
    from hoering.store.queries import ProposalFilter


class NothingToDo(UsageError):
    """A review command without a change, or a bulk change without a filter."""


def reviewer(by: str | None) -> str:
    """--by, else $HOERING_USER, else the OS login name."""
    return (by or os.environ.get("HOERING_USER") or getpass.getuser()).strip()


def _targets(session: Session, ids: list[int], flt: ProposalFilter | None) -> list[models.Proposal]:
    from hoering.store.queries import ProposalFilter, iter_proposals, proposals_by_id

    if ids:
        found = proposals_by_id(session, ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise UnknownProposal(missing)
        return [found[i] for i in ids]
    return list(iter_proposals(session, flt or ProposalFilter()))


def review_command(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...", help="Reply ids (12), or initiative ids (12.2, see `initiatives`)."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS", help='Set the status: "ny", "under behandling", "behandlet".'
        ),
    ] = None,
    decision: Annotated[
        str | None,
        typer.Option(
            metavar="DECISION",
            help='Set the decision: "optaget", "delvist optaget", "ikke optaget", '
            '"uden for rammen", "indgår i det videre OGP-samarbejde", "ikke OGP-relevant" '
            '(and [review] decisions in the config); "ingen" clears it.',
        ),
    ] = None,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Set the reason for the decision.")
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Add a note (notes are never changed).")
    ] = None,
    assign: AssignOption = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help='Set the respondent type: "borger", "virksomhed", "organisation", '
            '"offentlig myndighed" (kept on reparse).',
        ),
    ] = None,
    respondent_name: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="Set the respondent's name (the person; kept on reparse)."
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help='Set the organisation the reply speaks for ("" for none, a citizen; kept on '
            "reparse).",
        ),
    ] = None,
    by: ByOption = None,
    where_status: Annotated[
        str | None, typer.Option(metavar="STATUS", help="Bulk: proposals with this status.")
    ] = None,
    where_decision: Annotated[
        str | None,
        typer.Option(metavar="DECISION", help='Bulk: with this decision ("ingen": none yet).'),
    ] = None,
    where_assignee: Annotated[
        str | None, typer.Option(metavar="NAME", help="Bulk: assigned to.")
    ] = None,
    where_type: Annotated[
        str | None, typer.Option(metavar="TYPE", help="Bulk: of this respondent type.")
    ] = None,
    where_theme: Annotated[
        str | None,
        typer.Option(metavar="THEME", help="Bulk: tagged with this theme (key or label)."),
    ] = None,
    where_language: Annotated[
        str | None, typer.Option(metavar="LANG", help="Bulk: da, en or other.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Bulk: every proposal.")] = False,
    config: ConfigOption = None,
) -> None:
    """Record a reviewer's status, decision, reason, note, assignee or respondent (type,
    name, organisation).

    Give proposal ids, or change many at once with --where-... filters (or --all). An id
    "12.2" is initiative 2 of reply 12: status, decision, reason, note and assignee are then
    set on that initiative. Every change is audited with who and when (see `hoering
    history`, `hoering initiative history`).
    """
    from hoering.edits import Change
    from hoering.rules.review import validated

    cfg = context.load(config)
    change = validated(
        Change(status, decision, reason, assign, type_, note), cfg.codebook, cfg.decisions
    )
    wheres = (where_status, where_decision, where_assignee, where_type, where_theme, where_language)
    flt = None
    if any(value is not None for value in wheres):
        flt = context.where_filter(
            cfg, status=where_status, decision=where_decision, assignee=where_assignee,
            respondent_type=where_type, theme=where_theme, language=where_language,
        )  # fmt: skip
    _check_selection(ids, flt, all_)
    who = (respondent_name, organisation)
    if change.is_empty() and who == (None, None):
        raise NothingToDo(
            "nothing to change: give --status, --decision, --reason, --note, --assign, --type,"
            " --respondent-name or --organisation"
        )
    from hoering.store.initiatives import is_ref

    refs = [value for value in ids or [] if is_ref(value)]
    if refs and (change.respondent_type is not None or who != (None, None)):
        raise NothingToDo("the respondent is set on replies (12), not on initiatives (12.2)")
    reply_ids = _reply_ids([value for value in ids or [] if value not in refs])
    if reply_ids or flt is not None or all_:  # not when only initiative ids were given
        _apply(cfg, reply_ids, flt, change, reviewer(by), who)
    if refs:
        _apply_initiatives(cfg, refs, change, reviewer(by))


def _reply_ids(values: list[str]) -> list[int]:
    for value in values:
        if not value.strip().isdigit():
            raise UsageError(f"{value!r} is not a reply id (12) or initiative id (12.2)")
    return [int(value) for value in values]


def _apply_initiatives(cfg: config_module.Config, refs: list[str], change: Change, by: str) -> None:
    from hoering.rules.review import review_initiative
    from hoering.store.initiatives import get_initiatives

    with context.sessions(cfg).begin() as session:
        rows = get_initiatives(session, refs)
        changed = sum(1 for row in rows if review_initiative(session, row, change, by))
    out().print(changed_line(changed, len(rows), "initiative", by))


def _check_selection(ids: list[str] | None, flt: ProposalFilter | None, all_: bool) -> None:
    if ids and (flt is not None or all_):
        raise NothingToDo("give either proposal ids or --where-... filters / --all, not both")
    if not ids and flt is None and not all_:
        raise NothingToDo("which proposals? give ids, --where-... filters, or --all")


def _apply(
    cfg: config_module.Config,
    ids: list[int],
    flt: ProposalFilter | None,
    change: Change,
    by: str,
    who: tuple[str | None, str | None] = (None, None),
) -> None:
    from hoering.rules.review import review_reply
    from hoering.store.respondent_review import set_respondent

    name, organisation = who
    with context.sessions(cfg).begin() as session:
        proposals = _targets(session, ids, flt)
        changed = 0
        for proposal in proposals:
            fields = (
                0
                if change.is_empty()
                else review_reply(session, proposal, change, by, cfg.codebook)
            )
            fields += set_respondent(session, proposal, by, name=name, organisation=organisation)
            changed += bool(fields)
    out().print(changed_line(changed, len(proposals), "proposal", by))


def changed_line(changed: int, total: int, what: str, by: str) -> str:
    """How many of the chosen rows changed; "no change" when none did (nothing audited). English,
    as every confirmation of a command that changes something is."""
    if total and not changed:
        return f"no change: {plural(total, what)} already as asked; nothing recorded"
    return f"{changed} of {plural(total, what)} changed by {by}"


def tag_command(
    ids: Annotated[
        list[int], typer.Argument(metavar="ID...", parser=parse_id, help="Proposal ids.")
    ],
    add: Annotated[
        list[str] | None,
        typer.Option("--add", metavar="THEME", help="Theme to add (key or label); repeatable."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="THEME", help="Theme to remove; repeatable."),
    ] = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Add or remove theme tags by hand; automatic re-tagging keeps these choices."""
    from hoering.edits import Change
    from hoering.rules.review import validated

    cfg = context.load(config)
    change = validated(
        Change(add_themes=tuple(add or ()), remove_themes=tuple(remove or ())), cfg.codebook
    )
    if change.is_empty():
        raise NothingToDo("nothing to change: give --add or --remove")
    _apply(cfg, ids, None, change, reviewer(by))


def history_command(proposal_id: IdArgument, config: ConfigOption = None) -> None:
    """Every reviewer change of one proposal: when, who, which field, old and new value."""
    from hoering.store import review
    from hoering.ui import views_review

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        events = review.history(session, proposal_id)
        out().print(views_review.history_text(events, cfg.timezone))


def search_command(
    query: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help=(
                "Words to find: all must occur, each also inside compounds and inflections "
                '(lobby finds lobbyregistret), ae/oe/aa also as æ/ø/å; "a phrase" exactly.'
            ),
        ),
    ],
    limit: Annotated[int, typer.Option(metavar="N", help="Show at most this many hits.")] = 20,
    config: ConfigOption = None,
) -> None:
    """Full-text search over subject, sender and all text, best matches first, with snippets."""
    from sqlalchemy import select

    from hoering.store import search
    from hoering.store.models import Proposal
    from hoering.store.queries import COUNT_CAP, capped_count, proposals_by_id
    from hoering.ui import views_review

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        hits = search.search(session, query, limit=limit)
        total = len(hits)
        if total >= limit:
            total = capped_count(session, select(Proposal.id).where(search.matching(query)))
        rows = proposals_by_id(session, [h.proposal_id for h in hits])
        out().print(views_review.search_text(hits, rows, total, capped=total > COUNT_CAP))


def duplicates_command(
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Recompute the groups over all proposals first.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Duplicate and form-letter groups: size, the common letter, what each member adds."""
    from hoering.rules import duplicates as placing
    from hoering.store import duplicates
    from hoering.ui import views_review

    cfg = context.load(config)
    sessions = context.sessions(cfg)
    if refresh:
        with sessions.begin() as session:
            placing.refresh(session)
    with sessions() as session:
        out().print(
            views_review.duplicates_text(duplicates.groups(session), duplicates.counts(session))
        )


def analyse_command(
    config: ConfigOption = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print what would change, reply by reply; write nothing."),
    ] = False,
) -> None:
    """Recompute respondents, cleaned text, flags, themes, initiatives, duplicate groups and
    the bruttoliste's candidates from the stored text (after an upgrade or a codebook
    change); reviewer choices are kept, and a reply a reviewer worked on keeps its split."""
    from hoering.pipeline.rederive import rederive
    from hoering.ui.progress import progress

    cfg = context.load(config)
    if dry_run:
        _print_preview(cfg)
        return
    with progress("analysing") as tick:
        report = rederive(cfg, context.sessions(cfg), tick)
    out().print(
        f"analysed {plural(report.analysed, 'proposal')} with codebook {cfg.codebook.version}; "
        f"{plural(report.initiatives, 'initiative')}; "
        f"{plural(report.groups, 'duplicate group')}; "
        f"{plural(report.candidates, 'candidate')}"
    )


def _print_preview(cfg) -> None:
    from hoering.pipeline.rederive_preview import preview
    from hoering.ui.progress import progress

    with progress("analysing (dry run)") as tick:
        found = preview(cfg, context.sessions(cfg), tick)
    for change in found.changes:
        out().print(f"{change.proposal_id}: " + "; ".join(change.lines()), markup=False)
    out().print(
        f"dry run: {len(found.changes)} of {plural(found.analysed, 'proposal')} would change "
        f"with codebook {cfg.codebook.version}; nothing written"
    )


def register(app: typer.Typer) -> None:
    """Add the reviewers' commands to the app."""
    app.command("review", cls=Command)(review_command)
    app.command("tag", cls=Command)(tag_command)
    app.command("history", cls=Command)(history_command)
    app.command("search", cls=Command)(search_command)
    app.command("duplicates", cls=Command)(duplicates_command)
    app.command("analyse", cls=Command)(analyse_command)
