"""The one way tests run the CLI in-process: the real entry point, sys.argv and all."""

from __future__ import annotations

import pytest

from hoering import cli


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str):
    """Call `hoering ARGS...`; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.argv", ["hoering", *args])
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as excinfo:
        cli.main()
        raise SystemExit(0)
    captured = capsys.readouterr()
    code = excinfo.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err
