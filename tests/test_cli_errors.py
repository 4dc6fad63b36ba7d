"""Expected failures are one line and a documented exit code; 70 and a traceback mean a bug."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from hoering import errors
from hoering.errors import ExitCode, HoeringError, UnknownProposal
from tests.kit.cli import run, summary
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import ROOT

NOT_PACKAGED = {"tests", "bench", "examples", "scripts", ".venv", ".git", "build"}


def exception_classes() -> list[tuple[str, str]]:
    """(module, class) of every class in the package that derives from an exception."""
    found = []
    for path in ROOT.rglob("*.py"):
        if path.relative_to(ROOT).parts[0] in NOT_PACKAGED:
            continue
        module = "hoering." + ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if module.startswith("hoering.store.migrations.frozen."):
            continue  # frozen copies of old code for data migrations: never raised to the CLI
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            bases = [ast.unparse(b) for b in getattr(node, "bases", [])]
            if isinstance(node, ast.ClassDef) and any(
                b.endswith(("Error", "Exception", "Failed", "Unavailable", "Missing"))
                or b in {"UnknownProposal", "ImapError", "ExtractionError", "UsageError"}
                for b in bases
            ):
                found.append((module.removesuffix(".__init__"), node.name))
    return found


def test_every_domain_exception_derives_from_hoering_error() -> None:
    import importlib

    classes = exception_classes()
    assert len(classes) >= 25
    for module, name in classes:
        cls = getattr(importlib.import_module(module), name)
        assert issubclass(cls, HoeringError), f"{module}.{name}"


def test_there_is_one_unknown_proposal() -> None:
    names = [name for _, name in exception_classes() if name == "UnknownProposal"]
    assert names == ["UnknownProposal"]
    from hoering.pipeline import reparse
    from hoering.store import review

    assert reparse.UnknownProposal is review.UnknownProposal is UnknownProposal
    assert str(UnknownProposal([98, 99])) == "no proposal with id 98, 99"


def test_exit_codes_are_the_documented_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"\n| {code.value} | " in readme, code
    assert errors.UsageError.exit_code == 2 and errors.StoreError.exit_code == 5


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@db/hoering", "[store] url: mysql is not supported; use sqlite:///FILE or"),
        ("no url at all", "[store] url is not a database URL"),
        (
            "postgresql+pg8000://u@db/hoering",
            "the database driver postgresql+pg8000 is not installed (pg8000); "
            "pip install 'hoering[postgres]'",
        ),
    ],
)
def test_unusable_store_url_is_one_line(tmp_path, capsys, monkeypatch, url, message) -> None:
    config = tmp_path / "hoering.toml"
    config.write_text(f'[store]\nurl = "{url}"\n', encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, "list", "-c", str(config))
    assert (code, out) == (2, "") and err.startswith("hoering: ") and message in err
    assert err.count("\n") == 1


def test_missing_psycopg_names_the_extra(tmp_path, capsys, monkeypatch) -> None:
    # What a pip install without [postgres] looks like to SQLAlchemy's dialect loader.
    monkeypatch.setitem(sys.modules, "psycopg", None)
    config = tmp_path / "hoering.toml"
    config.write_text('[store]\nurl = "postgresql+psycopg://u@db/hoering"\n', encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, "stats", "-c", str(config))
    assert code == 2 and "pip install 'hoering[postgres]'" in err and err.count("\n") == 1


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path)


def test_import_of_a_file_that_is_not_mail_names_it(config, tmp_path, capsys, monkeypatch):
    notes = tmp_path / "noter.txt"
    notes.write_text("Husk at svare på høringen.\n", encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, "import", "-c", str(config), str(notes))
    assert (code, out) == (2, "")
    assert err.startswith(f"hoering: {notes}: not mail (no mail headers)")


def test_import_of_a_folder_without_mail_fails_before_storing_anything(
    config, tmp_path, capsys, monkeypatch
) -> None:
    good = tmp_path / "svar.eml"
    good.write_bytes(make_mail())
    empty = tmp_path / "tom"
    empty.mkdir()
    code, out, err = run(capsys, monkeypatch, "import", "-c", str(config), str(good), str(empty))
    assert (code, out) == (
        2,
        "",
    ) and err == f"hoering: {empty}: no mail here (no .eml file with mail headers)\n"
    code, out, _ = run(capsys, monkeypatch, "import", "-c", str(config), str(good))
    assert code == 0 and "stored 1" in out  # the first attempt stored nothing


def test_a_non_mail_eml_in_a_folder_is_skipped_by_name(config, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "svar"
    folder.mkdir()
    (folder / "1.eml").write_bytes(make_mail())
    (folder / "2.eml").write_bytes(b"%PDF-1.4 not a mail\n")
    code, out, err = run(capsys, monkeypatch, "import", "-c", str(config), str(folder))
    assert code == 0 and summary(out).startswith("seen 1, matched 1, stored 1")
    assert f"{folder / '2.eml'}: not mail (no mail headers), skipped" in err


def test_a_mail_that_starts_with_a_line_of_spaces_is_imported(
    config, tmp_path, capsys, monkeypatch
) -> None:
    # php-mime-mail-parser's test mail m0011 begins with 255 spaces and a line end.
    folder = tmp_path / "svar"
    folder.mkdir()
    (folder / "1.eml").write_bytes(b" " * 255 + b"\n" + make_mail())
    code, out, err = run(capsys, monkeypatch, "import", "-c", str(config), str(folder))
    assert code == 0 and summary(out).startswith("seen 1, matched 1, stored 1"), err
    assert "not mail" not in err


def test_a_bug_is_exit_70_with_a_traceback(config, capsys, monkeypatch) -> None:
    def broken(*_args):
        raise KeyError("boom")

    monkeypatch.setattr("hoering.store.queries.iter_proposals", broken)
    code, _, err = run(capsys, monkeypatch, "list", "-c", str(config))
    assert code == 70 and "Traceback" in err and "internal error: KeyError" in err


def test_bad_arguments_are_one_line(config, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "reparse", "-c", str(config))
    assert (code, err) == (2, "hoering: give proposal ids, --all or --outdated (one of them)\n")
