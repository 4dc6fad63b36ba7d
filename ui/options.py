"""The CLI options more than one command takes, declared once.

Only typer and the standard library here: `hoering --help` builds every command from these
declarations, so importing this module must stay cheap (see bench/bench_startup.py).
Every option that takes a value names it with a metavar (PATH, YYYY-MM-DD, TEXT, ...);
typer would otherwise print the Python type (`<str>`, `<%Y-%m-%d>`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperArgument, TyperCommand

from hoering import glossary
from hoering.vocab import NO_DECISION

if TYPE_CHECKING:
    import click

STATUSES_HELP = ", ".join(glossary.STATUSES) + "."
DECISIONS_HELP = ", ".join(glossary.DECISIONS) + f'; "{NO_DECISION}".'
TYPES_HELP = ", ".join(glossary.RESPONDENT_TYPES) + "."

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="PATH",
        help="Config file (default: $HOERING_CONFIG, else ./hoering.toml).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print one JSON document instead (keys: README, JSON output)."),
]
# Ids are SQL integers: a longer number is no id, not an overflow deep in the database driver.
MAX_ID = 2**63 - 1


def parse_id(text: str | int) -> int:
    """An id as typed: a whole number from 1 to MAX_ID, else one clear usage error."""
    value = str(text).strip()
    if not value.isdecimal() or not 1 <= int(value) <= MAX_ID:
        raise typer.BadParameter(f"{text!r} is not an id (a whole number, as `list` shows)")
    return int(value)


def parse_port(text: str | int) -> int:
    """A TCP port as typed (or the default), 1 to 65535, else one clear usage error."""
    value = str(text).strip()
    if not value.isdecimal() or not 1 <= int(value) <= 65535:
        raise typer.BadParameter(f"{text!r} is not a port (1 to 65535)")
    return int(value)


def parse_day(text: str) -> datetime:
    """A day as typed, YYYY-MM-DD, else one clear usage error."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a day: write YYYY-MM-DD") from None


IdArgument = Annotated[
    int, typer.Argument(metavar="ID", parser=parse_id, help="Proposal id from `list`.")
]
IdsArgument = Annotated[
    list[int] | None,
    typer.Argument(metavar="[ID]...", parser=parse_id, help="Proposal ids from `list`."),
]

# The filters of `list`, which export, notat and export-attachments take too.
SinceOption = Annotated[
    datetime | None,
    typer.Option(
        parser=parse_day,
        metavar="YYYY-MM-DD",
        help="Only replies received on or after this day.",
    ),
]
LateOption = Annotated[
    bool | None,
    typer.Option("--late/--on-time", help="Only late replies, or only those on time."),
]
SearchOption = Annotated[
    str | None,
    typer.Option(metavar="TEXT", help="Only replies whose text, subject or sender contains this."),
]
StatusOption = Annotated[str | None, typer.Option(metavar="STATUS", help=STATUSES_HELP)]
DecisionOption = Annotated[str | None, typer.Option(metavar="DECISION", help=DECISIONS_HELP)]
AssigneeOption = Annotated[
    str | None, typer.Option(metavar="NAME", help="Assigned to this person.")
]
# Setting the assignee: `review` said --assign and `candidate review` --assignee; both
# names work in both, so a reviewer's habit from one is not an error in the other.
AssignOption = Annotated[
    str | None,
    typer.Option(
        "--assign", "--assignee", metavar="NAME", help='Assign to a person ("" unassigns).'
    ),
]
TypeOption = Annotated[str | None, typer.Option("--type", metavar="TYPE", help=TYPES_HELP)]
ThemeOption = Annotated[
    str | None, typer.Option(metavar="THEME", help="Tagged with this theme (key or label).")
]
LanguageOption = Annotated[str | None, typer.Option(metavar="LANG", help="da, en or other.")]


@dataclass(frozen=True)
class FilterArgs:
    """The filter options as typed; ui/context.py checks them into a ProposalFilter."""

    since: datetime | None = None
    late: bool | None = None
    search: str | None = None
    status: str | None = None
    decision: str | None = None
    assignee: str | None = None
    type_: str | None = None
    theme: str | None = None
    language: str | None = None


NO_FILTERS = FilterArgs()  # the default of a command's `filters`; filter_options replaces it

_FILTER_OPTIONS = {
    "since": SinceOption,
    "late": LateOption,
    "search": SearchOption,
    "status": StatusOption,
    "decision": DecisionOption,
    "assignee": AssigneeOption,
    "type_": TypeOption,
    "theme": ThemeOption,
    "language": LanguageOption,
}
assert tuple(_FILTER_OPTIONS) == tuple(f.name for f in fields(FilterArgs))


def filter_options(command: Callable) -> Callable:
    """The command with the filter options (--since ... --language) where its `filters:
    FilterArgs` parameter stands, in that order, handed to it as one FilterArgs.

    Declared once, so every command that filters takes the same options with the same help.
    """
    signature = inspect.signature(command, eval_str=True)
    parameters = []
    for parameter in signature.parameters.values():
        if parameter.name != "filters":  # keyword-only, as typer passes them: any order works
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))
            continue
        parameters.extend(
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
            for name, kind in _FILTER_OPTIONS.items()
        )

    @functools.wraps(command)
    def with_filters(**values):
        typed = {name: values.pop(name) for name in _FILTER_OPTIONS}
        return command(**values, filters=FilterArgs(**typed))

    with_filters.__signature__ = signature.replace(parameters=parameters)
    with_filters.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_filters


# What the export commands share.
OutputOption = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="File to write; its folder must exist. The extension picks the format "
        "unless --format is given.",
    ),
]
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

# The reviewer's name on audited changes.
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="NAME",
        help="Who makes the change, for the audit trail (default: $HOERING_USER, else "
        "the login name).",
        show_default=False,
    ),
]


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"


class NotatFormat(StrEnum):
    docx = "docx"


class CsvProfile(StrEnum):
    excel = "excel"
    rfc4180 = "rfc4180"


class _NamedArgument(TyperArgument):
    """An argument shown by its metavar alone (`ID...`), without the Python type typer adds
    (`<list[int]>`) and without the braces of its usage line (`{paths}...`)."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None if self.metavar else super().display_type_rich(ctx)

    def _usage_display_name(self) -> str:
        return self.metavar or super()._usage_display_name()


class Command(TyperCommand):
    """Every hoering command: arguments named by their metavar in help and usage."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _NamedArgument


class Per(StrEnum):
    reply = "reply"
    initiative = "initiative"
    candidate = "candidate"
    party = "party"


PerOption = Annotated[
    Per,
    typer.Option(
        "--per",
        metavar="reply|initiative|candidate|party",
        help="reply: one row per reply; initiative: one row per initiative (reply_id, "
        "initiative, title, its own text, review fields, sender, candidate). With --per "
        "initiative the --status/--decision/--assignee/--theme filters match the initiatives' "
        "own fields. candidate: one row per candidate of the bruttoliste (title, summary, "
        "themes, supporters, replies, initiatives, decision, reason); takes --theme only. "
        "party: per respondent (a campaign's citizens as one) each of its initiatives with "
        "the decision and reason that apply and where the decision comes from (initiative, "
        "candidate or reply); a reply that proposes nothing as one row with its remarks.",
    ),
]
