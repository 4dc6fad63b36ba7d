"""How the CLI ends: each error as one `hoering:` line on stderr and its exit code (README
"Exit codes"), in one place."""

from __future__ import annotations

import logging
import sys

import typer

# typer (0.29) carries its own click as typer._click: a bad argument raises its UsageError.
from typer._click.exceptions import NoArgsIsHelpError
from typer._click.exceptions import UsageError as BadUsage

from hoering.errors import ExitCode, HoeringError
from hoering.ui import logsetup


def run(app: typer.Typer) -> None:
    """Run `app` and exit: a HoeringError or a usage error is one line and its exit code."""
    try:
        # Not standalone: typer would print a usage error as three lines of help.
        code = app(prog_name="hoering", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()  # the help, as `hoering` alone has always printed
        sys.exit(ExitCode.CONFIG)
    except BadUsage as exc:
        where = exc.ctx.command_path if exc.ctx else "hoering"
        logsetup.error_line(f"hoering: {exc.format_message()} (see `{where} --help`)")
        sys.exit(ExitCode.CONFIG)
    except typer.Abort:  # a prompt's Ctrl-D
        logsetup.error_line("hoering: aborted; nothing was changed")
        sys.exit(ExitCode.PARTIAL)
    except HoeringError as exc:
        if exc.exit_code == ExitCode.INTERNAL:  # an error that should never reach us
            internal_error(exc)
        logsetup.error_line(f"hoering: {exc}")
        sys.exit(exc.exit_code)
    except Exception as exc:
        internal_error(exc)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def internal_error(exc: BaseException) -> None:
    """A bug: the traceback in the log, one line naming it, exit 70."""
    logging.getLogger("hoering").exception("internal error")
    print(f"hoering: internal error: {type(exc).__name__} (see the log above)", file=sys.stderr)
    sys.exit(ExitCode.INTERNAL)
