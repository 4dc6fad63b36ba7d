"""Run an external converter (catdoc, tesseract) on bytes: stdin in, stdout out, bounded."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from dataclasses import dataclass

from hoering.errors import HoeringError

_PR_SET_PDEATHSIG = 1


class ToolMissing(HoeringError):
    """The program is not installed; the message names it."""


@dataclass(frozen=True)
class ToolResult:
    returncode: int
    stdout: bytes
    stderr: str


def run_tool(
    argv: list[str], stdin: bytes, timeout: float, env: dict[str, str] | None = None
) -> ToolResult:
    """Run argv with `stdin`; raises ToolMissing, or subprocess.TimeoutExpired after killing it."""
    try:
        done = subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            check=False,
        )
    except FileNotFoundError:
        raise ToolMissing(f"{argv[0]} not installed") from None
    return ToolResult(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


def _die_with_parent() -> None:
    # When the sandbox kills a worker at its time limit, its converter must die too
    # instead of running on as an orphan.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
