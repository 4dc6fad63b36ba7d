"""The `hoering` command. Thin: parse arguments, call one function, print the result."""

from __future__ import annotations

import getpass
import logging
import sys
from datetime import datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hoering import config as config_module
from hoering import pipeline
from hoering.export.notat import Consultation
from hoering.export.run import ExportOptions, run_attachment_export, run_export, run_notat
from hoering.ingest.files import SourceError
from hoering.ingest.imap import ImapAuthError, ImapConnectionError, ImapFolderError
from hoering.pipeline import doctor as doctor_module
from hoering.pipeline import reparse as reparse_module
from hoering.pipeline import retries
from hoering.store import duplicates as store_duplicates
from hoering.store import forget as forget_module
from hoering.store import review, states
from hoering.store.db import DatabaseError, open_database
from hoering.store.queries import ProposalFilter, get_proposal, iter_proposals, stats
from hoering.ui import logsetup, views, views_review
from hoering.ui import review as cli_review

app = typer.Typer(
    help="Collect e-mailed consultation replies (OGP-høring) into reviewable proposals.",
    no_args_is_help=True,
    add_completion=False,
    # Tracebacks with locals could print the IMAP password; errors are one line instead.
    pretty_exceptions_enable=False,
)
out = Console(markup=False, highlight=False, soft_wrap=True)


class ExitCode:
    OK = 0
    PARTIAL = 1  # the run finished, but some messages could not be parsed (stored raw)
    CONFIG = 2  # config missing/invalid, bad arguments, password source failed
    AUTH = 3  # the IMAP server refused the login
    UNREACHABLE = 4  # the IMAP server could not be reached or TLS failed
    DATABASE = 5  # the database cannot be opened or written
    LOCKED = 6  # another poll or import is running
    INTERNAL = 70  # a bug: please report it with the log


# Each domain error maps to one exit code; main() prints it as one line.
ERROR_CODES: dict[type[Exception], int] = {
    config_module.ConfigError: ExitCode.CONFIG,
    config_module.SecretError: ExitCode.CONFIG,
    SourceError: ExitCode.CONFIG,
    ImapAuthError: ExitCode.AUTH,
    ImapConnectionError: ExitCode.UNREACHABLE,
    ImapFolderError: ExitCode.CONFIG,
    DatabaseError: ExitCode.DATABASE,
    pipeline.RunLocked: ExitCode.LOCKED,
    reparse_module.UnknownProposal: ExitCode.CONFIG,
    retries.NotAFailure: ExitCode.CONFIG,
    review.InvalidValue: ExitCode.CONFIG,  # the message lists the allowed values
    review.UnknownProposal: ExitCode.CONFIG,
    cli_review.NothingToDo: ExitCode.CONFIG,
}

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Config file (default: $HOERING_CONFIG, else ./hoering.toml).",
        show_default=False,
    ),
]
SinceOption = Annotated[
    datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="Only replies received on or after this day."),
]
LateOption = Annotated[
    bool | None,
    typer.Option("--late/--on-time", help="Only late replies, or only those on time."),
]
SearchOption = Annotated[
    str | None, typer.Option(help="Only replies whose text, subject or sender contains this.")
]


def exit_code(exc: Exception) -> int:
    """The exit code for a domain error (ERROR_CODES); anything else is a bug."""
    return next(
        (code for kind, code in ERROR_CODES.items() if isinstance(exc, kind)), ExitCode.INTERNAL
    )


def _config(path: Path | None) -> config_module.Config:
    return config_module.load_config(config_module.resolve_config_path(path))


def _filter(cfg: config_module.Config, since, late, search) -> ProposalFilter:
    since_at = datetime.combine(since.date(), time(0), tzinfo=cfg.timezone) if since else None
    return ProposalFilter(since=since_at, late=late, search=search)


def _finish(report: pipeline.RunReport) -> None:
    out.print(report.summary())
    if report.partial:
        raise typer.Exit(ExitCode.PARTIAL)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more detail.")] = False,
    log_json: Annotated[
        bool,
        typer.Option(
            "--log-json",
            help="Log to stderr as one JSON object per line (time, level, logger, message, "
            "account, folder, uid, ...), for log collectors.",
        ),
    ] = False,
) -> None:
    logsetup.configure(verbose=verbose, json_lines=log_json)


@app.command()
def poll(config: ConfigOption = None) -> None:
    """Fetch new replies from the IMAP inbox and store them (run this from cron).

    With several accounts, one that fails does not stop the others; the exit code is the
    first failed account's.
    """
    cfg = _config(config)
    try:
        report = pipeline.poll(cfg, open_database(cfg.store_url))
    except pipeline.AccountsFailed as exc:
        out.print(f"{exc.report.summary()}; {exc}")
        for account, error in exc.failures:
            print(f"hoering: {account}: {error}", file=sys.stderr)
        raise typer.Exit(exit_code(exc.failures[0][1])) from None
    _finish(report)


@app.command()
def doctor(config: ConfigOption = None) -> None:
    """Check config, secrets, IMAP login, folders, capabilities, cursors and database.

    Changes nothing and never shows a secret. Exit codes as for poll.
    """
    cfg = _config(config)
    problems = doctor_module.run(cfg, out.print)
    if problems:
        out.print(f"{len(problems)} problem(s) found")
        raise typer.Exit(exit_code(problems[0]))
    out.print("all checks passed")


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help=".eml files, folders of them, mbox, Maildir")],
    config: ConfigOption = None,
) -> None:
    """Store replies from files: the offline twin of poll, with the same matching and dedup."""
    cfg = _config(config)
    _finish(pipeline.import_paths(cfg, open_database(cfg.store_url), paths))


@app.command("list")
def list_(
    config: ConfigOption = None,
    since: SinceOption = None,
    late: LateOption = None,
    search: SearchOption = None,
    status: Annotated[str | None, typer.Option(help="ny, under behandling, behandlet.")] = None,
    decision: Annotated[
        str | None,
        typer.Option(help='optaget, delvist optaget, ikke optaget, uden for rammen; "ingen".'),
    ] = None,
    assignee: Annotated[str | None, typer.Option(help="Assigned to this person.")] = None,
    type_: Annotated[
        str | None,
        typer.Option("--type", help="borger, virksomhed, organisation, offentlig myndighed."),
    ] = None,
    theme: Annotated[
        str | None, typer.Option(help="Tagged with this theme (key or label).")
    ] = None,
    language: Annotated[str | None, typer.Option(help="da, en or other.")] = None,
) -> None:
    """List stored proposals, oldest first."""
    cfg = _config(config)
    base = _filter(cfg, since, late, search)
    flt = cli_review.where_filter(
        cfg,
        status,
        decision,
        assignee,
        type_,
        theme,
        language,
        since=base.since,
        late=base.late,
        search=base.search,
    )
    sessions = open_database(cfg.store_url)
    with sessions() as session:
        rows = list(iter_proposals(session, flt))
        out.print(views.proposal_table(rows, cfg.timezone))


@app.command()
def show(
    proposal_id: Annotated[int, typer.Argument(metavar="ID", help="Proposal id from `list`.")],
    config: ConfigOption = None,
) -> None:
    """Show one proposal with all its fields, attachments and texts."""
    cfg = _config(config)
    with open_database(cfg.store_url)() as session:
        proposal = get_proposal(session, proposal_id)
        if proposal is None:
            out.print(f"No proposal with id {proposal_id}.", style="red")
            raise typer.Exit(ExitCode.CONFIG)
        out.print(views.proposal_detail(proposal, cfg.timezone))
        member = store_duplicates.group_of(session, proposal_id)
        audits = review.audit_count(session, proposal_id)
        out.print(views_review.review_detail(proposal, member, audits, cfg.timezone))


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"


class CsvProfile(StrEnum):
    excel = "excel"
    rfc4180 = "rfc4180"


RedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Replace CPR numbers, phone numbers and e-mail addresses in all text, and leave "
        "out private individuals' (borger) addresses.",
    ),
]
RedactCprOption = Annotated[
    bool,
    typer.Option(
        "--redact-cpr/--no-redact-cpr",
        help="CPR numbers are replaced in every export; --no-redact-cpr keeps them.",
    ),
]
PseudonymizeOption = Annotated[
    bool,
    typer.Option(
        "--pseudonymize",
        help='Show private individuals (borger) as "Borger 1", "Borger 2", ... (stable per '
        "database), also where their name occurs in the text.",
    ),
]


StatusOption = Annotated[str | None, typer.Option(help="ny, under behandling, behandlet.")]
DecisionOption = Annotated[
    str | None,
    typer.Option(help='optaget, delvist optaget, ikke optaget, uden for rammen; "ingen".'),
]
AssigneeOption = Annotated[str | None, typer.Option(help="Assigned to this person.")]
TypeOption = Annotated[
    str | None,
    typer.Option("--type", help="borger, virksomhed, organisation, offentlig myndighed."),
]
ThemeOption = Annotated[str | None, typer.Option(help="Tagged with this theme (key or label).")]
LanguageOption = Annotated[str | None, typer.Option(help="da, en or other.")]


def _export_filter(cfg: config_module.Config, since, late, search, **review_fields):
    """The filters of `list`, for the export commands."""
    base = _filter(cfg, since, late, search)
    return cli_review.where_filter(
        cfg, **review_fields, since=base.since, late=base.late, search=base.search
    )


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    config: ConfigOption = None,
    format_: Annotated[
        ExportFormat,
        typer.Option("--format", help="csv: spreadsheets; xlsx: Excel workbook; jsonl: machines."),
    ] = ExportFormat.csv,
    profile: Annotated[
        CsvProfile,
        typer.Option(
            "--profile",
            "--dialect",
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
    """Write the proposals to CSV, XLSX or JSONL, with a manifest (<output>.manifest.json)."""
    cfg = _config(config)
    options = ExportOptions(
        format_.value, profile.value, formula_guard, redact, redact_cpr, pseudonymize
    )
    flt = _export_filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with open_database(cfg.store_url)() as session:
        result = run_export(session, flt, output, options, cfg.timezone)
    out.print(f"wrote {result.rows} proposals to {output}")


@app.command()
def notat(
    output: Annotated[Path, typer.Option("--output", "-o", help="DOCX file to write.")],
    config: ConfigOption = None,
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
    cfg = _config(config)
    options = ExportOptions(
        "notat", redact=redact, redact_cpr=redact_cpr, pseudonymize=pseudonymize
    )
    themes = tuple(theme.label for theme in cfg.codebook.themes)
    consultation = Consultation(cfg.title, cfg.start, cfg.deadline, cfg.timezone, themes)
    flt = _export_filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with open_database(cfg.store_url)() as session:
        result = run_notat(session, flt, output, options, consultation)
    out.print(f"wrote the høringsnotat with {result.rows} replies to {output}")


@app.command("export-attachments")
def export_attachments(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write <proposal id>/<file> into.")
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
    cfg = _config(config)
    flt = _export_filter(
        cfg, since, late, search, status=status, decision=decision, assignee=assignee,
        respondent_type=type_, theme=theme, language=language,
    )  # fmt: skip
    with open_database(cfg.store_url)() as session:
        result = run_attachment_export(session, flt, output)
    if not result.extra_files:
        out.print(f"no attachments in the {result.rows} selected proposal(s); nothing written")
        return
    out.print(f"wrote {len(result.extra_files)} attachments of {result.rows} proposals to {output}")


@app.command()
def forget(
    sender: Annotated[str, typer.Option("--sender", help="The person's e-mail address.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    config: ConfigOption = None,
) -> None:
    """Delete everything stored from one sender (mail, attachments, derived rows); logged."""
    cfg = _config(config)
    if not yes:
        typer.confirm(f"Delete every message from {sender} and all derived data?", abort=True)
    with open_database(cfg.store_url)() as session:
        report = forget_module.forget_sender(session, sender, getpass.getuser())
        session.commit()
        forget_module.scrub_sqlite(session)
    out.print(f"deleted {report.total} rows: {report.summary()}")


@app.command()
def failures(config: ConfigOption = None) -> None:
    """List messages that could not be parsed and post-actions that failed, with reasons."""
    cfg = _config(config)
    with open_database(cfg.store_url)() as session:
        out.print(views.failures_table(states.failures(session), cfg.timezone))


@app.command()
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
    if bool(ids) == all_:
        raise typer.BadParameter("give one or more ids from `hoering failures`, or --all")
    cfg = _config(config)
    report = pipeline.retry(cfg, open_database(cfg.store_url), None if all_ else ids)
    out.print(report.summary())
    if report.still_failing:
        raise typer.Exit(ExitCode.PARTIAL)


@app.command()
def reparse(
    ids: Annotated[
        list[int] | None, typer.Argument(metavar="[ID]...", help="Proposal ids from `list`.")
    ] = None,
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
    if sum((bool(ids), all_, outdated)) != 1:
        raise typer.BadParameter("give proposal ids, --all or --outdated (one of them)")
    cfg = _config(config)
    selection = reparse_module.Selection(all=all_, outdated=outdated, ids=tuple(ids or ()))
    report = reparse_module.reparse(cfg, open_database(cfg.store_url), selection)
    for line in report.lines:
        out.print(line)
    out.print(report.summary())
    if report.failing:
        raise typer.Exit(ExitCode.PARTIAL)


@app.command("stats")
def stats_(config: ConfigOption = None) -> None:
    """Counts of proposals, attachments, failures and the last run."""
    cfg = _config(config)
    with open_database(cfg.store_url)() as session:
        out.print(views.stats_text(stats(session), cfg.timezone))
        out.print(views_review.counts_text(store_duplicates.counts(session)))


def main() -> None:
    """Entry point: run the app, turning domain errors into one line and an exit code."""
    try:
        app(prog_name="hoering")
    except tuple(ERROR_CODES) as exc:
        logsetup.error_line(f"hoering: {exc}")
        sys.exit(exit_code(exc))
    except Exception as exc:
        logging.getLogger("hoering").exception("internal error")
        print(f"hoering: internal error: {type(exc).__name__} (see the log above)", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)


cli_review.register(app)

if __name__ == "__main__":
    main()
