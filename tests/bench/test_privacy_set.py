"""The privacy set (bench/sets/privacy/) through every export with --pseudonymize: no piece
that names a citizen survives, and every ordinary word and office name the set keeps is
still there (bench/bench_privacy.py is the same measure with its report)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from bench import bench_privacy
from hoering import cli


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> bench_privacy.Result:
    """The set imported and exported in process once; every test reads the same files."""
    folder = tmp_path_factory.mktemp("privacy-set")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(folder)

        def hoering(args: Sequence[str], cwd: Path) -> None:
            monkeypatch.setattr("sys.argv", ["hoering", *args])
            err = io.StringIO()
            quiet = redirect_stdout(io.StringIO())
            with quiet, redirect_stderr(err), pytest.raises(SystemExit) as done:
                cli.main()
                raise SystemExit(0)
            assert done.value.code in (0, None), f"hoering {' '.join(args)}: {err.getvalue()}"

        return bench_privacy.measure(folder, hoering)


@pytest.mark.parametrize("label", [label for label, _, _ in bench_privacy.EXPORTS])
def test_no_citizens_piece_survives_the_pseudonymized_export(measured, label: str) -> None:
    labels = bench_privacy.labels()
    survivors = {
        case: pieces
        for case, pieces in measured.survivors[label].items()
        if labels[case]["kind"] == "citizen"
    }
    assert survivors == {}


@pytest.mark.parametrize("label", bench_privacy.WHOLE_TEXT)
def test_every_must_stay_piece_is_kept(measured, label: str) -> None:
    assert measured.lost[label] == []
