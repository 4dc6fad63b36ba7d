"""The shape of the code: one installed name, `hoering`; data flows one way; no import cycles."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kit.needs import missing
from tests.kit.paths import ROOT

# Folders of the repository that are not part of the installed package.
NOT_PACKAGED = {"tests", "bench", "examples", "scripts", "docs", "build", ".venv", ".git", ".ci"}
# Top-level names a first-party import may not use without the `hoering.` prefix: every module
# and package at the root, and the names they had before the root became the package.
FORMER_NAMES = {"cli_review", "views", "views_review", "accounts", "doctor", "logsetup"}
FORMER_NAMES |= {"postactions", "retries", "sandbox", "reparse"}


def python_files() -> Iterator[Path]:
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in {".venv", ".git", "build"}:
            yield path


def root_names() -> set[str]:
    modules = {path.stem for path in ROOT.glob("*.py")}
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - NOT_PACKAGED
    return modules | packages


def absolute_imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted module) of every absolute import in a file, lazy ones too."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            if node.module == "hoering":  # `from hoering import pipeline`
                for alias in node.names:
                    yield node.lineno, f"hoering.{alias.name}"


def test_no_first_party_import_without_the_hoering_prefix() -> None:
    # Bare `import parse` worked only while the repo root was on sys.path; installed, it
    # finds PyPI's `parse` (or nothing).
    ours = (root_names() | FORMER_NAMES) - {"__main__"}
    bare = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in python_files()
        for line, module in absolute_imports(path)
        if module.split(".")[0] in ours
    ]
    assert bare == []


def test_no_root_init_module() -> None:
    # With one, pytest would name the test modules after the checkout's folder.
    assert not (ROOT / "__init__.py").exists()


def test_packaged_list_is_every_package() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {"hoering"} | {
        "hoering." + ".".join(path.parent.relative_to(ROOT).parts)
        for path in ROOT.rglob("__init__.py")
        if path.relative_to(ROOT).parts[0] not in NOT_PACKAGED
    }
    alembic = {"hoering.store.migrations", "hoering.store.migrations.versions"}
    desk_files = {"hoering.web.templates", "hoering.web.static"}  # data folders
    assert set(setuptools["packages"]) == on_disk | alembic | desk_files
    assert setuptools["package-dir"] == {"hoering": "."}


def dependencies() -> dict[str, set[str]]:
    """hoering module -> the hoering modules it imports (at any level of the file)."""
    graph: dict[str, set[str]] = {}
    for path in python_files():
        rel = path.relative_to(ROOT)
        if rel.parts[0] in NOT_PACKAGED:
            continue
        name = ".".join(("hoering", *rel.with_suffix("").parts)).removesuffix(".__init__")
        graph[name] = {
            module for _, module in absolute_imports(path) if module.startswith("hoering.")
        }
    # `from hoering.parse import formats` names a module, `from hoering.parse.x import y` not.
    return {
        name: {m for m in deps if m in graph} | {m.rsplit(".", 1)[0] for m in deps} & set(graph)
        for name, deps in graph.items()
    }


def top(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("ingest", {"store", "parse", "pipeline", "cli", "ui", "export", "analysis", "web"}),
        ("parse", {"store", "ingest", "pipeline", "cli", "ui", "export", "analysis", "web"}),
        ("store", {"ingest", "pipeline", "cli", "ui", "export", "web"}),
        # analysis is pure like parse: text in, dataclasses out; the store calls it, not back.
        ("analysis", {"store", "ingest", "pipeline", "cli", "ui", "export", "parse", "web"}),
        # rules runs analysis over store rows; the store persists what it decided.
        ("rules", {"ingest", "pipeline", "cli", "ui", "export", "web"}),
        ("export", {"ingest", "pipeline", "cli", "ui", "web"}),
        ("pipeline", {"cli", "ui", "export", "web"}),
        # The web app reads and writes through store/ and export/, as the CLI does; only
        # cli.py starts it.
        ("web", {"ingest", "pipeline", "cli", "ui"}),
    ],
)
def test_data_flows_one_way(package: str, forbidden: set[str]) -> None:
    graph = dependencies()
    used = {
        f"{name} -> {dep}"
        for name, deps in graph.items()
        if top(name) == package
        for dep in deps
        if top(dep) in forbidden
    }
    assert used == set()


# The store maps the frozen results of analysis to rows (STYLE.md); rules/ runs the analysis.
def test_store_imports_nothing_from_analysis_rules_or_the_layers_above() -> None:
    graph = dependencies()
    used = {
        f"{name} -> {dep}"
        for name, deps in graph.items()
        if top(name) == "store"
        for dep in deps
        if top(dep) in {"rules", "analysis", "pipeline", "export", "ui", "web"}
    }
    assert used == set()


# What Alembic loads to read the models' metadata; the revisions themselves may not use it.
ALEMBIC_ENV = {"hoering.store.models", "hoering.store.search"}


def test_migrations_run_no_live_code() -> None:
    # A revision must do the same on every database it ever upgrades: the logic a data
    # migration needs is a frozen copy under store/migrations/frozen/, never live code.
    migrations = ROOT / "store" / "migrations"
    live = {
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in migrations.rglob("*.py")
        for line, module in absolute_imports(path)
        if module.startswith("hoering.")
        and not module.startswith("hoering.store.migrations.")
        and not (path.name == "env.py" and module in ALEMBIC_ENV)
    }
    assert live == set()


def test_only_the_cli_imports_the_terminal_ui() -> None:
    graph = dependencies()
    users = {name for name, deps in graph.items() if any(top(d) == "ui" for d in deps)}
    assert {top(name) for name in users} <= {"cli", "ui"}


def test_no_import_cycles() -> None:
    graph = dependencies()
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph.get(node, ())):
            # A package's __init__ re-exporting its own modules is not a cycle of concerns.
            if dep == node or node.startswith(dep + "."):
                continue
            if state.get(dep) == "open":
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


# Small modules with one job (STYLE.md): the limits the package code is held to. Tests,
# examples, bench and the frozen migrations are not held to them.
MODULE_LINES = 400
FUNCTION_BODY_LINES = 60


def package_modules() -> Iterator[Path]:
    for path in python_files():
        rel = path.relative_to(ROOT)
        if rel.parts[0] not in NOT_PACKAGED and rel.parts[:2] != ("store", "migrations"):
            yield path


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in package_modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert long == {}


def test_no_function_body_is_over_60_lines() -> None:
    long = {}
    for path in package_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                # From the first statement of the body (the docstring, if any) to the end.
                lines = node.end_lineno - node.body[0].lineno + 1
                if lines > FUNCTION_BODY_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: an in-tree build would leave build/ in the checkout.
    source = tmp_path_factory.mktemp("source") / "hoering"
    junk = shutil.ignore_patterns(".venv", ".git", "build", "__pycache__", "*.egg-info", "*.db*")
    shutil.copytree(ROOT, source, ignore=junk)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    [built] = out.glob("hoering-*.whl")
    return built


def test_wheel_installs_one_top_level_name_with_the_migrations(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    assert tops == {"hoering"}
    assert "hoering/store/migrations/env.py" in names
    assert "hoering/store/migrations/script.py.mako" in names
    assert "hoering/store/migrations/frozen/r0006/themes.py" in names  # what 0006 runs
    assert "hoering/web/templates/list.html" in names
    assert "hoering/web/static/htmx.min.js" in names
    assert "hoering/analysis/respondents.toml" in names  # read when a reply is derived
    assert "hoering/analysis/candidate_concepts.toml" in names  # read when placing
    versions = [n for n in names if n.startswith("hoering/store/migrations/versions/")]
    assert any(n.endswith("0001_initial_schema.py") for n in versions)
    assert not any(n.startswith(("hoering/tests/", "hoering/bench/")) for n in names)


def test_installs_beside_pypi_parse_and_config(wheel: Path, tmp_path: Path) -> None:
    # PyPI's `parse` (a dependency of behave and pytest-bdd) and `config` used to be
    # overwritten by ours, and `hoering --help` then died importing the wrong `config`.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    fetched = subprocess.run([*pip, "parse", "config"], capture_output=True, text=True)
    if fetched.returncode != 0:
        missing(f"cannot install PyPI's parse and config: {fetched.stderr.strip()[-300:]}")
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, capture_output=True)
    # Our dependencies come from the test environment, after the new venv's own packages;
    # a plain path line in a .pth does not run the editable install's finder there.
    site = subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True,
    ).strip()
    import sqlalchemy

    ours = str(Path(sqlalchemy.__file__).parents[1])
    Path(site, "zz_test_dependencies.pth").write_text(ours + "\n")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "HOERING_CONFIG"}}
    helped = subprocess.run(
        [str(env_dir / "bin" / "hoering"), "--help"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert helped.returncode == 0, helped.stderr
    assert "poll" in helped.stdout
    check = "import parse, hoering.cli; print(parse.parse('{} x', 'a x')[0], hoering.cli.__file__)"
    used = subprocess.run(
        [str(python), "-c", check], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert used.returncode == 0, used.stderr
    first, where = used.stdout.split()
    assert first == "a"
    assert where.startswith(site)
