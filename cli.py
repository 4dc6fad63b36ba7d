"""The `hoering` command. Thin: parse arguments, call one function, print the result.

Start-up counts (every cron run, every `--help`): at import this module loads only typer,
the option declarations (ui/options.py) and hoering.errors. Each command imports what it
uses, so `hoering --help` never loads a format library or the database layer
(bench/bench_startup.py measures it).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoering.errors import ExitCode, HoeringError, UsageError
from hoering.ui import logsetup
from hoering.ui import review as cli_review
from hoering.ui.console import out, plural
from hoering.ui.options import (
    AssigneeOption,
    Command,
    ConfigOption,
    CsvProfile,
    DecisionOption,
    ExportFormat,
    IdArgument,
    IdsArgument,
    JsonOption,
    LanguageOption,
    LateOption,
    NotatFormat,
    OutputOption,
    PseudonymizeOption,
    RedactCprOption,
    RedactOption,
    SearchOption,
    SinceOption,
    StatusOption,
    ThemeOption,
    TypeOption,
)

if TYPE_CHECKING:
    from hoering.pipeline.report import RunReport

app = typer.Typer(
    help="Collect e-mailed consultation replies (OGP-høring) into reviewable proposals.",
    no_args_is_help=True,
    # Plain help: rich's help panels print the Python type of every flag (`<bool>`).
    rich_markup_mode=None,
    # Tracebacks with locals could print the IMAP password; errors are one line instead.
    pretty_exceptions_enable=False,
)
EMAIL_SHAPE = r"[^@\s]+@[^@\s]+\.[^@\s.]+"


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


def _config(path):
    from hoering import config as config_module

    return config_module.load_config(config_module.resolve_config_path(path))


def _sessions(cfg):
    from hoering.store.db import open_database

    return open_database(cfg.store_url)


def _filter(cfg, since, late, search, **review_fields):
    """The filters of `list` (and the exports): a ProposalFilter, each value checked."""
    from datetime import datetime, time

    since_at = datetime.combine(since.date(), time(0), tzinfo=cfg.timezone) if since else None
    return cli_review.where_filter(cfg, **review_fields, since=since_at, late=late, search=search)


def _finish(report: RunReport) -> None:
    out().print(report.summary())
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

    cfg = _config(config)
    try:
        with progress("polling") as tick:
            report = pipeline.poll(cfg, _sessions(cfg), tick)
    except pipeline.AccountsFailed as exc:
        out().print(f"{exc.report.summary()}; {exc}")
        for account, error in exc.failures:
            logsetup.error_line(f"hoering: {account}: {error}")
        raise typer.Exit(exc.exit_code) from None
    _finish(report)


@app.command(cls=Command)
def doctor(config: ConfigOption = None) -> None:
    """Check config, secrets, IMAP login, folders, capabilities, cursors and database.

    Changes nothing and never shows a secret. Exit codes as for poll.
    """
    from hoering.pipeline import doctor as doctor_module

    cfg = _config(config)
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

    cfg = _config(config)
    with progress("importing") as tick:
        report = pipeline.import_paths(cfg, _sessions(cfg), paths, tick)
    _finish(report)


@app.command("list", cls=Command)
def list_(
    config: ConfigOption = None,
    since: SinceOption = None,
    late: LateOption = None,
    search: SearchOption = None,
    status: StatusOption = None,
    decision: DecisionOption = None,
    assignee: AssigneeOption = None,
    type_: TypeOption = None,
    theme: ThemeOption = None,
    language: LanguageOption = None,
    json_: JsonOption = False,
) -> None:
    """List stored proposals, oldest first."""
    from hoering.store.queries import iter_proposals

    cfg = _config(config)
    flt = _filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with _sessions(cfg)() as session:
        rows = list(iter_proposals(session, flt))
        if json_:
            from hoering.ui import json_views

            print(json_views.dumps(json_views.proposal_list(rows, cfg.timezone)))
            return
        from hoering.ui import views

        out().print(views.proposal_table(rows, cfg.timezone))


@app.command(cls=Command)
def show(proposal_id: IdArgument, config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Show one proposal with all its fields, attachments and texts."""
    from hoering.errors import UnknownProposal
    from hoering.store import duplicates, review
    from hoering.store.queries import get_proposal

    cfg = _config(config)
    with _sessions(cfg)() as session:
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
        out().print(views_review.review_detail(proposal, member, audits, cfg.timezone))


@app.command(cls=Command)
def export(
    output: OutputOption,
    config: ConfigOption = None,
    format_: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            metavar="csv|xlsx|jsonl",
            help="csv: spreadsheets; xlsx: Excel workbook; jsonl: machines. "
            "Default: from the output's extension.",
            show_default=False,
        ),
    ] = None,
    profile: Annotated[
        CsvProfile,
        typer.Option(
            "--profile",
            "--dialect",
            metavar="excel|rfc4180",
            help="CSV only. excel: ';', BOM, CRLF, long cells cut; rfc4180: ',', no BOM. "
            "(--dialect is the old name.)",
        ),
    ] = CsvProfile.excel,
    formula_guard: Annotated[
        bool,
        typer.Option(
            "--formula-guard/--no-formula-guard",
            help="CSV only: prefix cells starting with = + - @ tab CR with ' so spreadsheets "
            "never run them; turn off for programs reading the CSV.",
        ),
    ] = True,
    redact: RedactOption = False,
    redact_cpr: RedactCprOption = True,
    pseudonymize: PseudonymizeOption = False,
    since: SinceOption = None,
    late: LateOption = None,
    search: SearchOption = None,
    status: StatusOption = None,
    decision: DecisionOption = None,
    assignee: AssigneeOption = None,
    type_: TypeOption = None,
    theme: ThemeOption = None,
    language: LanguageOption = None,
) -> None:
    """Write the proposals to CSV, XLSX or JSONL, with a manifest (OUTPUT.manifest.json)."""
    from hoering.export.run import FORMATS, ExportOptions, run_export
    from hoering.export.target import format_for

    chosen = format_for(output, format_ and format_.value, FORMATS)
    cfg = _config(config)
    options = ExportOptions(chosen, profile.value, formula_guard, redact, redact_cpr, pseudonymize)
    flt = _filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with _sessions(cfg)() as session:
        result = run_export(session, flt, output, options, cfg.timezone)
    out().print(f"wrote {plural(result.rows, 'proposal')} to {output}")


@app.command(cls=Command)
def notat(
    output: OutputOption,
    config: ConfigOption = None,
    format_: Annotated[
        NotatFormat | None,
        typer.Option("--format", metavar="docx", help="docx (the only one).", show_default=False),
    ] = None,
    redact: RedactOption = False,
    redact_cpr: RedactCprOption = True,
    pseudonymize: PseudonymizeOption = False,
    since: SinceOption = None,
    late: LateOption = None,
    search: SearchOption = None,
    status: StatusOption = None,
    decision: DecisionOption = None,
    assignee: AssigneeOption = None,
    type_: TypeOption = None,
    theme: ThemeOption = None,
    language: LanguageOption = None,
) -> None:
    """Write the høringsnotat skeleton (DOCX): period, høringsparter, replies per theme."""
    from hoering.export.notat import Consultation
    from hoering.export.run import ExportOptions, run_notat
    from hoering.export.target import format_for

    format_for(output, format_ and format_.value, ("docx",))
    cfg = _config(config)
    options = ExportOptions(
        "notat", redact=redact, redact_cpr=redact_cpr, pseudonymize=pseudonymize
    )
    themes = tuple(theme.label for theme in cfg.codebook.themes)
    consultation = Consultation(cfg.title, cfg.start, cfg.deadline, cfg.timezone, themes)
    flt = _filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with _sessions(cfg)() as session:
        result = run_notat(session, flt, output, options, consultation)
    out().print(
        f"wrote the høringsnotat with {plural(result.rows, 'reply', 'replies')} to {output}"
    )


@app.command("export-attachments", cls=Command)
def export_attachments(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="Folder to write PROPOSAL-ID/FILE into; created if missing, its parent "
            "must exist.",
        ),
    ],
    config: ConfigOption = None,
    since: SinceOption = None,
    late: LateOption = None,
    search: SearchOption = None,
    status: StatusOption = None,
    decision: DecisionOption = None,
    assignee: AssigneeOption = None,
    type_: TypeOption = None,
    theme: ThemeOption = None,
    language: LanguageOption = None,
) -> None:
    """Save the original attachment files, with safe names, one folder per proposal."""
    from hoering.export.run import run_attachment_export

    cfg = _config(config)
    flt = _filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with _sessions(cfg)() as session:
        result = run_attachment_export(session, flt, output)
    files = plural(len(result.extra_files), "attachment")
    out().print(f"wrote {files} of {plural(result.rows, 'proposal')} to {output}")


@app.command(cls=Command)
def forget(
    sender: Annotated[
        str, typer.Option("--sender", metavar="EMAIL", help="The person's e-mail address.")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    config: ConfigOption = None,
) -> None:
    """Delete everything stored from one sender (mail, attachments, derived rows); logged.

    Shows what it would delete first; exits 2 when nothing is stored from the address.
    """
    import getpass
    import re

    from hoering.store import forget as forget_module

    if not re.fullmatch(EMAIL_SHAPE, sender.strip()):
        raise UsageError(f"--sender {sender!r} is not an e-mail address")
    cfg = _config(config)
    sessions = _sessions(cfg)
    with sessions() as session:
        found = forget_module.preview(session, sender)
    if not found:
        raise UsageError(f"nothing is stored from {sender}; nothing deleted (check the address)")
    # The address is not repeated: this output ends up in terminals' and cron's logs.
    out().print(f"stored from this address: {plural(len(found), 'message')}")
    for line in found:
        out().print(f"  {line}")
    if not yes:
        typer.confirm("Delete these and all data derived from them?", abort=True)
    with sessions() as session:
        report = forget_module.forget_sender(session, sender, getpass.getuser())
        session.commit()
        forget_module.scrub_sqlite(session)
    out().print(f"deleted {plural(report.total, 'row')}: {report.summary()}")


@app.command(cls=Command)
def failures(config: ConfigOption = None, json_: JsonOption = False) -> None:
    """List messages that could not be parsed and post-actions that failed, with reasons."""
    from hoering.store import states

    cfg = _config(config)
    with _sessions(cfg)() as session:
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
        list[int] | None, typer.Argument(metavar="[ID]...", help="Ids from `hoering failures`.")
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
    cfg = _config(config)
    report = pipeline.retry(cfg, _sessions(cfg), None if all_ else ids)
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
    cfg = _config(config)
    selection = reparse_module.Selection(all=all_, outdated=outdated, ids=tuple(ids or ()))
    with progress("reparsing") as tick:
        report = reparse_module.reparse(cfg, _sessions(cfg), selection, tick)
    for line in report.lines:
        out().print(line)
    out().print(report.summary())
    if report.failing:
        raise typer.Exit(ExitCode.PARTIAL)


@app.command("stats", cls=Command)
def stats_(config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Counts of proposals, attachments, failures and the last run."""
    from hoering.store import duplicates
    from hoering.store.queries import stats

    cfg = _config(config)
    with _sessions(cfg)() as session:
        numbers, counts = stats(session), duplicates.counts(session)
        if json_:
            from hoering.ui import json_views

            print(json_views.dumps(json_views.stats(numbers, counts, cfg.timezone)))
            return
        from hoering.ui import views, views_review

        out().print(views.stats_text(numbers, cfg.timezone))
        out().print(views_review.counts_text(counts))


def main() -> None:
    """Entry point: run the app; a HoeringError becomes one line and its exit code."""
    try:
        app(prog_name="hoering")
    except HoeringError as exc:
        if exc.exit_code == ExitCode.INTERNAL:  # an error that should never reach us
            _internal_error(exc)
        logsetup.error_line(f"hoering: {exc}")
        sys.exit(exc.exit_code)
    except Exception as exc:
        _internal_error(exc)


def _internal_error(exc: BaseException) -> None:
    logging.getLogger("hoering").exception("internal error")
    print(f"hoering: internal error: {type(exc).__name__} (see the log above)", file=sys.stderr)
    sys.exit(ExitCode.INTERNAL)


cli_review.register(app)

if __name__ == "__main__":
    main()
