"""The shape of the code: our packages win over PyPI namesakes, and data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["parse", "store", "ingest", "export", "analysis"])
def test_top_level_package_is_ours(name: str) -> None:
    # "parse" and "store" are also PyPI packages; a stray install must not shadow ours.
    module = __import__(name)
    assert Path(module.__file__).resolve().parent == ROOT / name


def imported_modules(package: str) -> set[str]:
    names: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("ingest", {"store", "parse", "pipeline", "cli", "sqlalchemy"}),
        ("parse", {"store", "ingest", "pipeline", "cli", "sqlalchemy", "imapclient"}),
        ("store", {"ingest", "pipeline", "cli", "imapclient"}),
        # analysis is pure like parse: text in, dataclasses out; the store calls it, not back.
        ("analysis", {"store", "ingest", "pipeline", "cli", "export", "sqlalchemy", "imapclient"}),
    ],
)
def test_data_flows_one_way(package: str, forbidden: set[str]) -> None:
    assert imported_modules(package) & forbidden == set()


def test_every_top_level_module_and_package_is_installed() -> None:
    # Tests run from the repo root and would not notice; an installed `hoering` would.
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    modules = {path.stem for path in ROOT.glob("*.py")}
    assert modules <= set(setuptools["py-modules"])
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    included = {name.rstrip("*") for name in setuptools["packages"]["find"]["include"]}
    assert packages <= included
