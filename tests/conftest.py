"""Shared fixtures: real Dovecot and PostgreSQL, started once per session; fresh state per test."""

from __future__ import annotations

import functools
import itertools
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.kit.cli import run_as_child, run_shared, summary
from tests.kit.dovecot import DovecotServer, Mailbox, find_dovecot, make_certificate, start_dovecot
from tests.kit.imap4d import Imap4dServer, find_imap4d, start_imap4d
from tests.kit.mails import write_config
from tests.kit.needs import missing
from tests.kit.oauth_stub import TokenService
from tests.kit.paths import SAMPLE_INBOX
from tests.kit.postgres import PostgresServer, find_postgres, start_postgres
from tests.kit.template_db import install as install_template_database

_user_numbers = itertools.count(1)
_database_numbers = itertools.count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files marked `long` first, the rest in their order (a stable sort keeps each file whole).

    scripts/test.sh runs `--dist loadfile --no-loadscope-reorder`: xdist hands out files in
    this order. Its default order (most tests first) started the one-test fault trials last,
    so one worker ran them alone for minutes while the other sat idle."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session", autouse=True)
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """New SQLite files opened in this process start as a copy of one database the real
    migrations made this session (tests/kit/template_db.py): the same schema without
    migrating anew each time."""
    with pytest.MonkeyPatch.context() as patch:
        yield install_template_database(patch, tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    """One Dovecot for the whole session (starts in well under a second)."""
    binary = find_dovecot()
    if binary is None:
        missing("dovecot not installed (Debian: apt-get install dovecot-imapd)")
    server = start_dovecot(binary)
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot_server: DovecotServer) -> Iterator[Mailbox]:
    """A new user with an empty INBOX, so tests never see each other's mail."""
    username = f"user{next(_user_numbers)}"
    dovecot_server.add_user(username)
    box = Mailbox(dovecot_server, username)
    yield box
    box.close()


@pytest.fixture(scope="session")
def imap4d_server() -> Iterator[Imap4dServer]:
    """One GNU Mailutils imap4d for the whole session: the second IMAP lineage."""
    binary = find_imap4d()
    if binary is None:
        missing("imap4d not installed (Debian: apt-get install mailutils-imap4d)")
    server = start_imap4d(binary)
    yield server
    server.stop()


@pytest.fixture
def imap4d_mailbox(imap4d_server: Imap4dServer) -> Iterator[Mailbox]:
    """A new imap4d user with an empty INBOX (imap4d takes mail into INBOX only)."""
    username = imap4d_server.add_user(f"user{next(_user_numbers)}")
    box = Mailbox(imap4d_server, username)  # type: ignore[arg-type]  # same duck type
    yield box
    box.close()


@pytest.fixture(params=["dovecot", "imap4d"])
def any_mailbox(request: pytest.FixtureRequest) -> Mailbox:
    """A fresh INBOX on each IMAP server of a different lineage: the core poll tests run on both."""
    return request.getfixturevalue("mailbox" if request.param == "dovecot" else "imap4d_mailbox")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL for the whole session (initdb and start take one to two seconds)."""
    bindir = find_postgres()
    if bindir is None:
        missing("PostgreSQL server not installed (Debian: apt-get install postgresql)")
    server = start_postgres(bindir)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of a new, empty database, so tests never see each other's rows."""
    return postgres_server.create_database(f"test_{next(_database_numbers)}")


@pytest.fixture(scope="session")
def token_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TokenService]:
    """A loopback OAuth2 token service: Entra ID's endpoints for msal, introspection for Dovecot."""
    directory = tmp_path_factory.mktemp("oauth")
    ca, cert, key = make_certificate(directory, "oauth")
    service = TokenService(cert, key, ca)
    yield service
    service.stop()


@pytest.fixture(scope="session")
def oauth_dovecot(token_service: TokenService) -> Iterator[DovecotServer]:
    """A second Dovecot that also takes XOAUTH2 tokens vouched for by `token_service`."""
    binary = find_dovecot()
    if binary is None:
        missing("dovecot not installed (Debian: apt-get install dovecot-imapd)")
    server = start_dovecot(binary, introspection_url=token_service.introspection_url)
    yield server
    server.stop()


@pytest.fixture
def oauth_mailbox(oauth_dovecot: DovecotServer) -> Iterator[Mailbox]:
    """A new user on the OAuth2 Dovecot (its password works too, for arranging mail)."""
    username = f"oauth{next(_user_numbers)}"
    oauth_dovecot.add_user(username)
    box = Mailbox(oauth_dovecot, username)
    yield box
    box.close()


@pytest.fixture(scope="session")
def sample_imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample inbox imported once per session through the CLI: the config of its SQLite
    database. Tests only read it; one that changes it takes `sample_copy`."""
    config = write_config(tmp_path_factory.mktemp("sample"))
    code, out, _ = run_shared("import", "-c", str(config), str(SAMPLE_INBOX))
    assert code == 0 and summary(out) == "seen 17, matched 14, stored 13, duplicates 1, failed 0"
    return config


@pytest.fixture
def sample_copy(sample_imported: Path, tmp_path: Path) -> Path:
    """A private copy of the imported sample, in `tmp_path` (hoering.db next to its config)."""
    for made in sample_imported.parent.iterdir():
        shutil.copy2(made, tmp_path / made.name)
    return tmp_path / sample_imported.name


@pytest.fixture
def hoering_here(capfd: pytest.CaptureFixture[str]) -> Callable[..., subprocess.CompletedProcess]:
    """`hoering ARGS... [env=...]` in this process, answered like `subprocess.run` (returncode,
    stdout, stderr): for tests that check what a run does rather than that it is a process."""
    return functools.partial(run_as_child, capfd)
