"""The reviewers' commands: review, tag, history, search, duplicates, analyse.

Registered on the app by cli.py (`register(app)`): cli.py runs as __main__, so this module
cannot import it back, and the shared --config option is repeated here.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hoering import config as config_module
from hoering.store import duplicates, initiative_review, models, review, search
from hoering.store.db import open_database
from hoering.store.initiatives import get_initiatives, is_ref
from hoering.store.normalize import normalize_proposal
from hoering.store.queries import ProposalFilter, iter_proposals
from hoering.ui import views_review

out = Console(markup=False, highlight=False, soft_wrap=True)

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Config file (default: $HOERING_CONFIG, else ./hoering.toml).",
        show_default=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who makes the change, for the audit trail (default: $HOERING_USER, else "
        "the login name).",
        show_default=False,
    ),
]


class NothingToDo(ValueError):
    """A review command without a change, or a bulk change without a filter."""


def _config(path: Path | None) -> config_module.Config:
    return config_module.load_config(config_module.resolve_config_path(path))


def reviewer(by: str | None) -> str:
    """--by, else $HOERING_USER, else the OS login name."""
    return (by or os.environ.get("HOERING_USER") or getpass.getuser()).strip()


def where_filter(
    cfg: config_module.Config,
    status: str | None = None,
    decision: str | None = None,
    assignee: str | None = None,
    respondent_type: str | None = None,
    theme: str | None = None,
    language: str | None = None,
    **others,
) -> ProposalFilter:
    """A ProposalFilter from CLI values, each checked against its allowed list (exit 2)."""
    if decision is not None:
        decision = (
            review.NO_DECISION
            if decision.strip().casefold() == review.NO_DECISION
            else review.canonical(decision, review.DECISIONS, "decision")
        )
    return ProposalFilter(
        status=None if status is None else review.canonical(status, review.STATUSES, "status"),
        decision=decision,
        assignee=assignee,
        respondent_type=None
        if respondent_type is None
        else review.canonical(respondent_type, review.RESPONDENT_TYPES, "respondent type"),
        theme=None if theme is None else review.theme_key(theme, cfg.codebook),
        language=None
        if language is None
        else review.canonical(language, ("da", "en", "other"), "language"),
        **others,
    )


def _targets(session: Session, ids: list[int], flt: ProposalFilter | None) -> list[models.Proposal]:
    if ids:
        query = (
            select(models.Proposal)
            .where(models.Proposal.id.in_(ids))
            .options(selectinload(models.Proposal.themes), selectinload(models.Proposal.notes))
        )
        found = {p.id: p for p in session.scalars(query)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise review.UnknownProposal(f"no proposal with id {missing[0]}")
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
        str | None, typer.Option(help='Set the status: "ny", "under behandling", "behandlet".')
    ] = None,
    decision: Annotated[
        str | None,
        typer.Option(
            help='Set the decision: "optaget", "delvist optaget", "ikke optaget", '
            '"uden for rammen"; "ingen" clears it.'
        ),
    ] = None,
    reason: Annotated[str | None, typer.Option(help="Set the reason for the decision.")] = None,
    note: Annotated[str | None, typer.Option(help="Add a note (notes are never changed).")] = None,
    assign: Annotated[
        str | None, typer.Option("--assign", help='Assign to a person ("" unassigns).')
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type",
            help='Set the respondent type: "borger", "virksomhed", "organisation", '
            '"offentlig myndighed" (kept on reparse).',
        ),
    ] = None,
    by: ByOption = None,
    where_status: Annotated[
        str | None, typer.Option(help="Bulk: proposals with this status.")
    ] = None,
    where_decision: Annotated[
        str | None, typer.Option(help='Bulk: with this decision ("ingen": none yet).')
    ] = None,
    where_assignee: Annotated[str | None, typer.Option(help="Bulk: assigned to.")] = None,
    where_type: Annotated[str | None, typer.Option(help="Bulk: of this respondent type.")] = None,
    where_theme: Annotated[
        str | None, typer.Option(help="Bulk: tagged with this theme (key or label).")
    ] = None,
    where_language: Annotated[str | None, typer.Option(help="Bulk: da, en or other.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Bulk: every proposal.")] = False,
    config: ConfigOption = None,
) -> None:
    """Record a reviewer's status, decision, reason, note, assignee or respondent type.

    Give proposal ids, or change many at once with --where-... filters (or --all). An id
    "12.2" is initiative 2 of reply 12: status, decision, reason, note and assignee are then
    set on that initiative. Every change is audited with who and when (see `hoering
    history`, `hoering initiative history`).
    """
    cfg = _config(config)
    change = review.validated(
        review.Change(status, decision, reason, assign, type_, note), cfg.codebook
    )
    wheres = (where_status, where_decision, where_assignee, where_type, where_theme, where_language)
    flt = None
    if any(value is not None for value in wheres):
        flt = where_filter(cfg, *wheres)
    _check_selection(ids, flt, all_)
    if change.is_empty():
        raise NothingToDo(
            "nothing to change: give --status, --decision, --reason, --note, --assign or --type"
        )
    refs = [value for value in ids or [] if is_ref(value)]
    if refs and change.respondent_type is not None:  # checked before anything is written
        raise NothingToDo("--type is set on replies (12), not on initiatives (12.2)")
    reply_ids = _reply_ids([value for value in ids or [] if value not in refs])
    if reply_ids or flt is not None or all_:  # not when only initiative ids were given
        _apply(cfg, reply_ids, flt, change, reviewer(by))
    if refs:
        _apply_initiatives(cfg, refs, change, reviewer(by))


def _reply_ids(values: list[str]) -> list[int]:
    for value in values:
        if not value.strip().isdigit():
            raise review.UnknownProposal(
                f"{value!r} is not a reply id (12) or initiative id (12.2)"
            )
    return [int(value) for value in values]


def _apply_initiatives(
    cfg: config_module.Config, refs: list[str], change: review.Change, by: str
) -> None:
    with open_database(cfg.store_url).begin() as session:
        rows = get_initiatives(session, refs)
        changed = sum(1 for row in rows if initiative_review.apply_review(session, row, change, by))
    out.print(f"{changed} of {len(rows)} initiative(s) changed by {by}")


def _check_selection(ids: list[str] | None, flt: ProposalFilter | None, all_: bool) -> None:
    if ids and (flt is not None or all_):
        raise NothingToDo("give either proposal ids or --where-... filters / --all, not both")
    if not ids and flt is None and not all_:
        raise NothingToDo("which proposals? give ids, --where-... filters, or --all")


def _apply(
    cfg: config_module.Config,
    ids: list[int],
    flt: ProposalFilter | None,
    change: review.Change,
    by: str,
) -> None:
    with open_database(cfg.store_url).begin() as session:
        proposals = _targets(session, ids, flt)
        changed = 0
        for proposal in proposals:
            if review.apply(session, proposal, change, by, cfg.codebook):
                changed += 1
    out.print(f"{changed} of {len(proposals)} proposal(s) changed by {by}")


def tag_command(
    ids: Annotated[list[int], typer.Argument(metavar="ID...", help="Proposal ids.")],
    add: Annotated[
        list[str] | None, typer.Option("--add", help="Theme to add (key or label); repeatable.")
    ] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="Theme to remove; repeatable.")
    ] = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Add or remove theme tags by hand; automatic re-tagging keeps these choices."""
    cfg = _config(config)
    change = review.validated(
        review.Change(add_themes=tuple(add or ()), remove_themes=tuple(remove or ())), cfg.codebook
    )
    if change.is_empty():
        raise NothingToDo("nothing to change: give --add or --remove")
    _apply(cfg, ids, None, change, reviewer(by))


def history_command(
    proposal_id: Annotated[int, typer.Argument(metavar="ID", help="Proposal id.")],
    config: ConfigOption = None,
) -> None:
    """Every reviewer change of one proposal: when, who, which field, old and new value."""
    cfg = _config(config)
    with open_database(cfg.store_url)() as session:
        events = review.history(session, proposal_id)
        out.print(views_review.history_text(events, cfg.timezone))


def search_command(
    query: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="Words to find (all must occur; end a word with * for a prefix)."
        ),
    ],
    limit: Annotated[int, typer.Option(help="Show at most this many hits.")] = 20,
    config: ConfigOption = None,
) -> None:
    """Full-text search over subject, sender and all text, best matches first, with snippets."""
    cfg = _config(config)
    with open_database(cfg.store_url)() as session:
        hits = search.search(session, query, limit=limit)
        rows = {
            p.id: p
            for p in session.scalars(
                select(models.Proposal).where(models.Proposal.id.in_([h.proposal_id for h in hits]))
            )
        }
        out.print(views_review.search_text(hits, rows))


def duplicates_command(
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Recompute the groups over all proposals first.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Duplicate and form-letter groups: size, the common letter, what each member adds."""
    cfg = _config(config)
    sessions = open_database(cfg.store_url)
    if refresh:
        with sessions.begin() as session:
            duplicates.refresh(session)
    with sessions() as session:
        out.print(
            views_review.duplicates_text(duplicates.groups(session), duplicates.counts(session))
        )


def analyse_command(config: ConfigOption = None) -> None:
    """Recompute respondents, cleaned text, flags, themes, initiatives and duplicate groups
    from the stored text (after an upgrade or a codebook change); reviewer choices, and
    splits a reviewer fixed, are kept."""
    cfg = _config(config)
    with open_database(cfg.store_url).begin() as session:
        proposals = session.scalars(
            select(models.Proposal).options(
                selectinload(models.Proposal.attachments),
                selectinload(models.Proposal.themes),
                selectinload(models.Proposal.initiatives).selectinload(models.Initiative.notes),
            )
        ).all()
        for proposal in proposals:
            normalize_proposal(proposal, cfg.codebook)
        session.flush()
        counts = duplicates.refresh(session)
        initiatives = sum(len(proposal.initiatives) for proposal in proposals)
    out.print(
        f"analysed {len(proposals)} proposal(s) with codebook {cfg.codebook.version}; "
        f"{initiatives} initiative(s); {counts.groups} duplicate group(s)"
    )


def register(app: typer.Typer) -> None:
    """Add the reviewers' commands to the app."""
    app.command("review")(review_command)
    app.command("tag")(tag_command)
    app.command("history")(history_command)
    app.command("search")(search_command)
    app.command("duplicates")(duplicates_command)
    app.command("analyse")(analyse_command)
