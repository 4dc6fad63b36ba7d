"""The one way tests run the CLI in-process: the real entry point, sys.argv and all."""

from __future__ import annotations

import io
import re
import subprocess
from contextlib import redirect_stderr, redirect_stdout

import pytest

from hoering import cli
from hoering.ui import console
from tests.kit.paths import ROOT


def _fresh_console() -> None:
    """Forget the stdout console an earlier run made: a real `hoering` starts with a new one.
    It keeps the width it was made with, so one made at another COLUMNS earlier in the worker
    cut the tables of later tests (seen under xdist, where a worker's first file varies)."""
    console.out.cache_clear()


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str):
    """Call `hoering ARGS...`; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.argv", ["hoering", *args])
    monkeypatch.setenv("COLUMNS", "200")
    _fresh_console()
    with pytest.raises(SystemExit) as excinfo:
        cli.main()
        raise SystemExit(0)
    captured = capsys.readouterr()
    code = excinfo.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def run_as_child(
    capfd: pytest.CaptureFixture[str], *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`run` answered as `subprocess.run([hoering, ARGS...], env={**os.environ, **env})` would,
    for tests whose point is what a run does, not that it is a process of its own: no
    interpreter start and imports per call. Captured at the file descriptors (capfd), so what
    forked extraction workers write reaches stderr as it does from a real `hoering`; `env`
    and the working directory (the checkout, as the subprocess helpers use) last one call."""
    capfd.readouterr()  # a child's output starts with the child
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        patch.chdir(ROOT)
        code, out, err = run(capfd, patch, *args)
    return subprocess.CompletedProcess(["hoering", *args], code, out, err)


def run_shared(*args: str) -> tuple[int, str, str]:
    """`run` for a module- or session-scoped fixture, which has no capsys or monkeypatch:
    the output is caught here, and sys.argv and COLUMNS are restored after."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
        patch.setattr("sys.argv", ["hoering", *args])
        patch.setenv("COLUMNS", "200")
        _fresh_console()
        try:
            cli.main()
            code: object = 0
        except SystemExit as exit_:
            code = exit_.code
    return (code if isinstance(code, int) else 0), out.getvalue(), err.getvalue()


_SUMMARY_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")


def summary(output: str) -> str:
    """A run's summary line (poll, import) without the local time it must start with."""
    line = output.strip()
    assert _SUMMARY_TIME.match(line), f"no time at the start of the summary line: {line!r}"
    return _SUMMARY_TIME.sub("", line, count=1)
