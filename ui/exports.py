"""The commands that write files for others: export, notat, export-attachments; and forget.

Registered on the app by cli.py (`register(app)`); each imports the export code when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoering.errors import UsageError
from hoering.ui import context
from hoering.ui.console import out, plural
from hoering.ui.options import (
    NO_FILTERS,
    Command,
    ConfigOption,
    CsvProfile,
    ExportFormat,
    FilterArgs,
    NotatFormat,
    OutputOption,
    Per,
    PerOption,
    PseudonymizeOption,
    RedactCprOption,
    RedactOption,
    filter_options,
)

EMAIL_SHAPE = r"[^@\s]+@[^@\s]+\.[^@\s.]+"


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
            help="excel (default): for people, Danish headers (CSV: ';', BOM, CRLF, long "
            "cells cut to a page); rfc4180: for machines, every column with snake_case "
            "names (CSV: ',', no BOM). CSV and XLSX. (--dialect is the old name.)",
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
    filters: FilterArgs = NO_FILTERS,
    per: PerOption = Per.reply,
) -> None:
    """Write the proposals to CSV, XLSX or JSONL, with a manifest (OUTPUT.manifest.json)."""
    from hoering.export.run import FORMATS, ExportOptions, run_export
    from hoering.export.target import format_for

    chosen = format_for(output, format_ and format_.value, FORMATS)
    cfg = context.load(config)
    options = ExportOptions(
        chosen, profile.value, formula_guard, redact, redact_cpr, pseudonymize, per.value
    )
    flt = context.proposal_filter(cfg, filters)
    with context.sessions(cfg)() as session:
        result = run_export(session, flt, output, options, cfg.timezone)
    unit = {Per.initiative: "initiative", Per.candidate: "candidate", Per.party: "party row"}.get(
        per, "proposal"
    )
    out().print(f"wrote {plural(result.rows, unit)} to {output}")


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
    filters: FilterArgs = NO_FILTERS,
) -> None:
    """Write the høringsnotat (DOCX): indledning, general remarks, each proposal once under
    its theme with who backs it and the decision, changes, bilag ([notat] in the config)."""
    from hoering.export.notat import consultation_of
    from hoering.export.run import ExportOptions, run_notat
    from hoering.export.target import format_for

    format_for(output, format_ and format_.value, ("docx",))
    cfg = context.load(config)
    options = ExportOptions(
        "notat", redact=redact, redact_cpr=redact_cpr, pseudonymize=pseudonymize
    )
    consultation = consultation_of(cfg)
    flt = context.proposal_filter(cfg, filters)
    with context.sessions(cfg)() as session:
        result = run_notat(session, flt, output, options, consultation)
    out().print(
        f"wrote the høringsnotat with {plural(result.rows, 'reply', 'replies')} to {output}"
    )


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
    filters: FilterArgs = NO_FILTERS,
) -> None:
    """Save the original attachment files, with safe names, one folder per proposal."""
    from hoering.export.run import run_attachment_export

    cfg = context.load(config)
    flt = context.proposal_filter(cfg, filters)
    with context.sessions(cfg)() as session:
        result = run_attachment_export(session, flt, output)
    if result.purged:
        ids = ", ".join(map(str, result.purged))
        out().print(
            f"the raw mail of {plural(len(result.purged), 'reply', 'replies')} ({ids}) was purged "
            "(hoering purge --raw-before): their attachment files are gone, their text is kept"
        )
    if not result.extra_files:
        selected = plural(result.rows, "selected proposal")
        out().print(f"no attachments in the {selected}; nothing written")
        return
    files = plural(len(result.extra_files), "attachment")
    out().print(f"wrote {files} of {plural(result.rows, 'proposal')} to {output}")


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

    from hoering.rules import candidates
    from hoering.store import forget as forget_module

    if not re.fullmatch(EMAIL_SHAPE, sender.strip()):
        raise UsageError(f"--sender {sender!r} is not an e-mail address")
    cfg = context.load(config)
    sessions = context.sessions(cfg)
    with sessions() as session:
        found = forget_module.preview(session, sender)
    if not found:
        raise UsageError(f"nothing is stored from {sender}; nothing deleted (check the address)")
    # The address is not repeated: this output ends up in terminals' and cron's logs.
    out().print(f"stored from this address: {plural(len(found), 'message')}")
    for line in found:
        out().print(f"  {line}")
    if not yes and not typer.confirm("Delete these and all data derived from them?"):
        out().print("nothing deleted")  # a "no" is an answer, not a failure: exit 0
        return
    with sessions() as session:
        report = forget_module.forget_sender(session, sender, getpass.getuser())
        candidates.describe_again(session, report.candidates_left)
        session.commit()
        forget_module.scrub_sqlite(session)
    out().print(f"deleted {plural(report.total, 'row')}: {report.summary()}")


def register(app: typer.Typer) -> None:
    """Add the export commands and forget to the app."""
    app.command("export", cls=Command)(filter_options(export))
    app.command("notat", cls=Command)(filter_options(notat))
    app.command("export-attachments", cls=Command)(filter_options(export_attachments))
    app.command("forget", cls=Command)(forget)
