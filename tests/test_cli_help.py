"""Help, version and start-up: what a new user sees first, over every registered command."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer.main

from hoering import cli
from tests.kit.cli import run

GROUP = typer.main.get_command(cli.app)
COMMANDS = sorted(GROUP.commands)  # every registered command, the reviewers' ones included
# ... and the commands of each group ("initiative split"), as typed.
SUBCOMMANDS = sorted(
    f"{name} {sub}"
    for name, group in GROUP.commands.items()
    for sub in getattr(group, "commands", {})
)
# What typer prints when a parameter has no metavar: the Python type or the parameter name.
LEAKS = re.compile(r"<[a-z%][^>]*>|\{\w+\}|\[\[|list\[|datetime|%Y")
FORMAT_LIBRARIES = ("pdfminer", "docx", "openpyxl", "extract_msg", "PIL", "pypdfium2", "lxml")


def test_the_test_sees_the_reviewers_commands_and_doctor() -> None:
    assert {"doctor", "review", "tag", "history", "search", "analyse", "poll"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(name: str) -> None:
    command = GROUP.commands[name]
    assert command.help and command.help.strip(), f"{name} is missing its help"
    for param in command.params:
        if param.name != "help":
            assert getattr(param, "help", None), f"{name}: {param.name} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_no_python_types(capsys, monkeypatch, name: str) -> None:
    code, out, _ = run(capsys, monkeypatch, name, "--help")
    assert code == 0 and f"Usage: hoering {name}" in out
    assert not LEAKS.findall(out), out


def test_main_help_lists_every_command_without_type_leaks(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "--help")
    assert code == 0 and not LEAKS.findall(out)
    assert all(re.search(rf"^  {re.escape(name)} ", out, re.M) for name in COMMANDS)


def test_arguments_are_named_for_what_they_take(capsys, monkeypatch) -> None:
    assert (
        "Usage: hoering import [OPTIONS] PATH..." in run(capsys, monkeypatch, "import", "--help")[1]
    )
    assert "Usage: hoering tag [OPTIONS] ID..." in run(capsys, monkeypatch, "tag", "--help")[1]
    assert "--since YYYY-MM-DD" in run(capsys, monkeypatch, "list", "--help")[1]


def test_version(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "--version")
    assert code == 0 and re.fullmatch(r"hoering \d+\.\d+\.\d+\S*\n", out)


def test_shell_completion_is_offered(capsys, monkeypatch) -> None:
    out = run(capsys, monkeypatch, "--help")[1]
    assert "--install-completion" in out and "--show-completion" in out


def test_help_imports_no_format_library_and_no_database_layer() -> None:
    # `hoering --help` paid 1.2 s for every format library before the commands imported
    # their own; bench/bench_startup.py measures the time itself.
    code = (
        "import sys\n"
        "sys.argv = ['hoering', '--help']\n"
        "from hoering import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(result.stderr.split())
    assert not loaded & {*FORMAT_LIBRARIES, "sqlalchemy", "alembic"}
    assert "Usage: hoering" in result.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_a_group_command_help_shows_no_python_types(capsys, monkeypatch, name: str) -> None:
    code, out, _ = run(capsys, monkeypatch, *name.split(), "--help")
    assert code == 0 and f"Usage: hoering {name}" in out
    assert not LEAKS.findall(out), out
