"""The `hoering` command. Thin: parse arguments, call one function, print the result.

Start-up counts (every cron run, every `--help`): at import this module loads only typer,
the option declarations (ui/options.py) and hoering.errors. Each command imports what it
uses, so `hoering --help` never loads a format library or the database layer
(bench/bench_startup.py measures it).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoering.errors import ExitCode, HoeringError, Interrupted, UsageError
from hoering.ui import candidates as candidate_commands
from hoering.ui import context, entry, exports, logsetup, maintenance
from hoering.ui import initiatives as initiative_commands
from hoering.ui import review as review_commands
from hoering.ui import serve as serve_commands
from hoering.ui.console import out, plural
from hoering.ui.options import (
    NO_FILTERS,
    ByOption,
    Command,
    ConfigOption,
    FilterArgs,
    IdArgument,
    IdsArgument,
    JsonOption,
    filter_options,
    parse_id,
)

if TYPE_CHECKING:
    from hoering.pipeline.report import RunReport

# Ctrl-C during the messages says the counts (pipeline.runs); before or after them, this.
INTERRUPTED_OUTSIDE = "interrupted (Ctrl-C); every message stored until then stays stored"

app = typer.Typer(
    help="Collect e-mailed consultation replies (OGP-høring) into reviewable proposals.",
    no_args_is_help=True,
    # Plain help: rich's help panels print the Python type of every flag (`<bool>`).
    rich_markup_mode=None,
    # Tracebacks with locals could print the IMAP password; errors are one line instead.
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"hoering {version('hoering')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            print("hoering (not installed)")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log more: runs, folders, stored proposals.")
    ] = False,
    log_json: Annotated[
        bool,
        typer.Option(
            "--log-json",
            help="Log to stderr as one JSON object per line (time, level, logger, message, "
            "account, folder, uid, ...), for log collectors.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    logsetup.configure(verbose=verbose, json_lines=log_json)


def _folder_errors(report: RunReport) -> None:
    """One `hoering:` line per folder that could not be read; the others were polled."""
    for error in report.folder_errors:
        logsetup.error_line(f"hoering: {error}")


def _summary_line(text: str, tz) -> str:
    """The run's one line, after the local time: what cron mails and a log file keeps."""
    return f"{datetime.now(tz):%Y-%m-%d %H:%M:%S} {text}"


def _finish(report: RunReport, tz) -> None:
    out().print(_summary_line(report.summary(), tz))
    _folder_errors(report)
    if report.folder_errors:  # as a wrong folder name always was: a config problem, exit 2
        raise typer.Exit(ExitCode.CONFIG)
    if report.partial:
        raise typer.Exit(ExitCode.PARTIAL)


@app.command(cls=Command)
def poll(config: ConfigOption = None) -> None:
    """Fetch new replies from the IMAP inbox and store them (run this from cron).

    With several accounts, one that fails does not stop the others; the exit code is the
    first failed account's.
    """
    from hoering import pipeline
    from hoering.ui.progress import progress

    cfg = context.load(config)
    try:
        with progress("polling") as tick:
            report = pipeline.poll(cfg, context.sessions(cfg), tick)
    except pipeline.AccountsFailed as exc:
        out().print(_summary_line(f"{exc.report.summary()}; {exc}", cfg.timezone))
        _folder_errors(exc.report)
        for account, error in exc.failures:
            logsetup.error_line(f"hoering: {account}: {error}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:  # outside the recorded run: retries or post-actions
        raise Interrupted(INTERRUPTED_OUTSIDE) from None
    _finish(report, cfg.timezone)


@app.command(cls=Command)
def doctor(config: ConfigOption = None) -> None:
    """Check config, secrets, IMAP login, folders, capabilities, cursors and database.

    Changes nothing and never shows a secret. Exit codes as for poll.
    """
    from hoering.pipeline import doctor as doctor_module

    cfg = context.load(config)
    problems = doctor_module.run(cfg, out().print)
    if problems:
        out().print(f"{plural(len(problems), 'problem')} found")
        first = problems[0]
        raise typer.Exit(first.exit_code if isinstance(first, HoeringError) else ExitCode.INTERNAL)
    out().print("all checks passed")


@app.command("import", cls=Command)
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help=".eml files, folders of them, mbox, Maildir."),
    ],
    config: ConfigOption = None,
) -> None:
    """Store replies from files: the offline twin of poll, with the same matching and dedup.

    Exits 2 when a path holds no mail at all.
    """
    from hoering import pipeline
    from hoering.ui.progress import progress

    cfg = context.load(config)
    try:
        with progress("importing") as tick:
            report = pipeline.import_paths(cfg, context.sessions(cfg), paths, tick)
    except KeyboardInterrupt:  # outside the recorded run: retries of earlier failures
        raise Interrupted(INTERRUPTED_OUTSIDE) from None
    _finish(report, cfg.timezone)


@app.command("list", cls=Command)
@filter_options
def list_(
    config: ConfigOption = None,
    filters: FilterArgs = NO_FILTERS,
    automatic: Annotated[
        bool,
        typer.Option(
            "--automatic",
            help="Instead: mail sent by machines (auto-replies, bounces, read receipts, the "
            "account's own mail), kept without a proposal, with the reason.",
        ),
    ] = False,
    json_: JsonOption = False,
) -> None:
    """List stored proposals, oldest first."""
    from hoering.store.queries import iter_proposals

    cfg = context.load(config)
    if automatic:
        _list_automatic(cfg, json_)
        return
    flt = context.proposal_filter(cfg, filters)
    with context.sessions(cfg)() as session:
        rows = list(iter_proposals(session, flt))
        if json_:
            from hoering.ui import json_views

            print(json_views.dumps(json_views.proposal_list(rows, cfg.timezone)))
            return
        from hoering.ui import views

        out().print(views.proposal_table(rows, cfg.timezone))


def _list_automatic(cfg, json_: bool) -> None:
    from hoering.pipeline import automatic
    from hoering.ui import json_views, views

    with context.sessions(cfg)() as session:
        rows = automatic.list_automatic(session)
    if json_:
        print(json_views.dumps(json_views.automatic(rows, cfg.timezone)))
    else:
        out().print(views.automatic_table(rows, cfg.timezone))


@app.command(cls=Command)
def show(proposal_id: IdArgument, config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Show one proposal with all its fields, attachments and texts."""
    from hoering.errors import UnknownProposal
    from hoering.store import duplicates, review
    from hoering.store.messages import message_id_shared_with
    from hoering.store.queries import get_proposal

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        proposal = get_proposal(session, proposal_id)
        if proposal is None:
            raise UnknownProposal(proposal_id)
        member = duplicates.group_of(session, proposal_id)
        audits = review.audit_count(session, proposal_id)
        if json_:
            from hoering.ui import json_views

            detail = json_views.proposal_detail(proposal, member, audits, cfg.timezone)
            print(json_views.dumps(detail))
            return
        from hoering.ui import views, views_review

        out().print(views.proposal_detail(proposal, cfg.timezone))
        shared = message_id_shared_with(session, proposal)
        if shared:
            out().print(
                f"Samme Message-ID som {', '.join(shared)}, men andet indhold: forskellige "
                "mails (et mailprogram har genbrugt Message-ID'et)",
                style="yellow",
            )
        out().print(views_review.review_detail(proposal, member, audits, cfg.timezone))


@app.command(cls=Command)
def failures(config: ConfigOption = None, json_: JsonOption = False) -> None:
    """List messages that could not be parsed and post-actions that failed, with reasons."""
    from hoering.store import states

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        rows = states.failures(session)
        if json_:
            from hoering.ui import json_views

            print(json_views.dumps(json_views.failures(rows, cfg.timezone)))
            return
        from hoering.ui import views

        out().print(views.failures_table(rows, cfg.timezone))


@app.command(cls=Command)
def retry(
    ids: Annotated[
        list[int] | None,
        typer.Argument(metavar="[ID]...", parser=parse_id, help="Ids from `hoering failures`."),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every failed or parked one.")] = False,
    config: ConfigOption = None,
) -> None:
    """Parse failed or parked messages again now; queue failed post-actions for the next poll.

    Parsing uses the bytes kept in the database, so no mail server is needed.
    """
    from hoering import pipeline

    if bool(ids) == all_:
        raise UsageError("give one or more ids from `hoering failures`, or --all")
    cfg = context.load(config)
    report = pipeline.retry(cfg, context.sessions(cfg), None if all_ else ids)
    out().print(report.summary())
    if report.still_failing:
        raise typer.Exit(ExitCode.PARTIAL)


@app.command(cls=Command)
def reparse(
    ids: IdsArgument = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every stored message, failed ones included.")
    ] = False,
    outdated: Annotated[
        bool,
        typer.Option(
            "--outdated",
            help="Proposals parsed or extracted by an older version, and failed messages.",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Parse stored messages again with the current code; update their proposals in place.

    Uses the raw mail kept in the database (no mail server needed), keeps proposal ids,
    and prints what changed. Run it after an upgrade that reads more attachment formats.
    """
    from hoering.pipeline import reparse as reparse_module
    from hoering.ui.progress import progress

    if sum((bool(ids), all_, outdated)) != 1:
        raise UsageError("give proposal ids, --all or --outdated (one of them)")
    cfg = context.load(config)
    selection = reparse_module.Selection(all=all_, outdated=outdated, ids=tuple(ids or ()))
    with progress("reparsing") as tick:
        report = reparse_module.reparse(cfg, context.sessions(cfg), selection, tick)
    for line in report.lines:
        out().print(line)
    if report.omitted:  # only the first lines are kept, so 50,000 changes take no memory
        out().print(report.omitted_line())
    out().print(report.summary())
    if report.failing:
        raise typer.Exit(ExitCode.PARTIAL)


@app.command("stats", cls=Command)
def stats_(config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Counts of proposals, attachments, failures and the last run."""
    from hoering.store import duplicates
    from hoering.store.figures import stats

    cfg = context.load(config)
    with context.sessions(cfg)() as session:
        numbers, counts = stats(session), duplicates.counts(session)
        if json_:
            from hoering.ui import json_views

            print(json_views.dumps(json_views.stats(numbers, counts, cfg.timezone)))
            return
        from hoering.ui import views, views_review

        out().print(views.stats_text(numbers, cfg.timezone))
        out().print(views_review.counts_text(counts))


@app.command(cls=Command)
def accept(
    message_id: Annotated[
        int,
        typer.Argument(metavar="ID", parser=parse_id, help="Id from `hoering list --automatic`."),
    ],
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Make automatic mail a proposal after all, when the rule was wrong (audited)."""
    from hoering.pipeline import automatic

    cfg = context.load(config)
    who = review_commands.reviewer(by)
    proposal_id = automatic.accept(cfg, context.sessions(cfg), message_id, who)
    out().print(f"message {message_id} accepted as proposal {proposal_id} by {who}")


def main() -> None:
    """Entry point: run the app; errors become one `hoering:` line and an exit code."""
    entry.run(app)


# After the commands above, in this order: the order of `hoering --help`.
exports.register(app)
review_commands.register(app)
initiative_commands.register(app)
candidate_commands.register(app)
serve_commands.register(app)
maintenance.register(app)

if __name__ == "__main__":
    main()
