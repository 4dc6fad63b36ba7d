"""A throwaway PostgreSQL for tests: initdb in a temp dir, a free loopback port, no fsync."""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from tests.kit.dovecot import free_ports

USER = "hoering"
START_TIMEOUT = 15.0
# Durability is worthless for a database deleted after the session; these make it fast.
SERVER_OPTIONS = (
    "listen_addresses=127.0.0.1",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
)


def find_postgres() -> Path | None:
    """The bin dir of the newest installed server (Debian: /usr/lib/postgresql/N/bin), or None."""

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", Path(path).parent.parent.name))

    found = [p for p in glob.glob("/usr/lib/postgresql/*/bin/postgres") if os.access(p, os.X_OK)]
    if found:
        return Path(max(found, key=version)).parent
    on_path = shutil.which("postgres")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def _server_account() -> pwd.struct_passwd | None:
    """Who runs the server: PostgreSQL refuses root, so root hands it to `postgres`."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError("running as root, but no `postgres` user to run the server") from None


@dataclass
class PostgresServer:
    """A running server on 127.0.0.1:`port`; the superuser `hoering` needs no password."""

    root: Path
    port: int
    process: subprocess.Popen = field(repr=False)
    host: str = "127.0.0.1"

    def url(self, database: str) -> str:
        """SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://{USER}@{self.host}:{self.port}/{database}"

    def connect(self, database: str = "postgres", **kwargs) -> psycopg.Connection:
        return psycopg.connect(host=self.host, port=self.port, user=USER, dbname=database, **kwargs)

    def create_database(self, name: str) -> str:
        """CREATE DATABASE `name`; return its URL."""
        with self.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def log(self) -> str:
        path = self.root / "postgres.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop the server and remove its directory. SIGQUIT is PostgreSQL's "immediate"
        shutdown: no shutdown checkpoint writing out the dirty buffers of a cluster deleted
        next (stopping took 23.6 s at the end of a whole suite at load 5)."""
        _halt(self.process, signal.SIGQUIT)
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(bindir: Path, attempts: int = 3) -> PostgresServer:
    """initdb once, then start the server; retry with a new port if one was taken meanwhile."""
    root = _init_cluster(bindir)
    for attempt in range(1, attempts + 1):
        server = _launch(bindir, root)
        try:
            _wait_accepting(server)
            return server
        except RuntimeError as exc:
            log = server.log()
            if attempt == attempts:
                server.stop()
                raise RuntimeError(f"PostgreSQL did not start ({exc}):\n{log}") from None
            _halt(server.process)
    raise AssertionError("unreachable")


def _init_cluster(bindir: Path) -> Path:
    # mkdtemp makes a 0700 dir; as root the server runs as `postgres` and must own it.
    root = Path(tempfile.mkdtemp(prefix="hoering-pg-"))
    root.chmod(0o755)
    (root / "socket").mkdir()
    account = _server_account()
    if account is not None:
        for path in (root, root / "socket"):
            os.chown(path, account.pw_uid, account.pw_gid)
    command = [
        str(bindir / "initdb"),
        *("-D", str(root / "data"), "-A", "trust", "-U", USER),
        *("--encoding", "UTF8", "--locale", "C", "--no-sync", "--no-instructions"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, **_as_server(account, root))
    if result.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return root


def _as_server(account: pwd.struct_passwd | None, root: Path) -> dict:
    """Popen arguments that run a command as the server's account, in `root`."""
    if account is None:
        return {"cwd": root}
    env = {**os.environ, "HOME": str(root), "USER": account.pw_name, "LOGNAME": account.pw_name}
    return {"cwd": root, "user": account.pw_uid, "group": account.pw_gid, "env": env}


def _launch(bindir: Path, root: Path) -> PostgresServer:
    (port,) = free_ports(1)
    options = [arg for option in SERVER_OPTIONS for arg in ("-c", option)]
    command = [
        str(bindir / "postgres"),
        *("-D", str(root / "data"), "-p", str(port), "-k", str(root / "socket")),
        *options,
    ]
    with open(root / "postgres.log", "ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            **_as_server(_server_account(), root),
        )
    return PostgresServer(root, port, process)


def _wait_accepting(server: PostgresServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"postgres exited with {server.process.returncode}")
        try:
            server.connect(connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise RuntimeError("postgres did not accept connections in time") from None
            time.sleep(0.02)


def _halt(process: subprocess.Popen, how: signal.Signals = signal.SIGINT) -> None:
    # SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected instead of awaited.
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
