"""A real GNU Mailutils imap4d for tests: a second IMAP server of another lineage than Dovecot.

Daemon mode on a free loopback port, users in a virtual-domain passwd file (crypt hashes, as
the manual asks), one mbox INBOX per user in a temp dir. Plain IMAP only: the TLS paths are
tested against Dovecot. imap4d has no UIDPLUS, and APPEND works only into INBOX here (CREATE
makes a file that APPEND then refuses with TRYCREATE), so its tests use INBOX.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.kit.dovecot import PASSWORD, free_ports, start_retrying, stop_server

DOMAIN = "test.example"  # users log in as "name@test.example"
START_TIMEOUT = 10.0

CONFIG = """\
mode daemon;
foreground yes;
pidfile {root}/imap4d.pid;
server 127.0.0.1:{port} {{
}};
virtdomain {{
  passwd-dir {root}/passwd;
}};
auth {{
  authentication generic;
  authorization virtdomain;
}};
logging {{
  syslog no;
}};
tcp-wrappers {{
  enable no;
}};
"""


def find_imap4d() -> str | None:
    """Path of the imap4d binary (Debian: mailutils-imap4d, in /usr/sbin), or None."""
    return shutil.which("imap4d") or shutil.which("imap4d", path="/usr/sbin:/usr/local/sbin")


@dataclass
class Imap4dServer:
    """A running imap4d, plain IMAP on `port`."""

    root: Path
    port: int
    process: subprocess.Popen = field(repr=False)
    host: str = "127.0.0.1"
    ssl_port: int = 0  # no TLS listener
    ca_file: str = ""

    def add_user(self, name: str, password: str = PASSWORD) -> str:
        """Add a login with an empty INBOX; return the user name to log in with."""
        home = self.root / "mail" / name
        home.mkdir(parents=True)
        (home / "INBOX").touch()
        hashed = subprocess.run(
            ["openssl", "passwd", "-6", "-stdin"],
            input=password,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        # Mail processes run as the owner of the test files: us (root here, a runner in CI).
        line = f"{name}:{hashed}:{os.geteuid()}:{os.getegid()}::{home}:/bin/false\n"
        with open(self.root / "passwd" / DOMAIN, "a", encoding="utf-8") as users:
            users.write(line)
        return f"{name}@{DOMAIN}"

    def log(self) -> str:
        return (self.root / "imap4d.log").read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM the master (it ends its children), wait, remove the temp dir."""
        stop_server(self.process, self.root)


def start_imap4d(binary: str, attempts: int = 3) -> Imap4dServer:
    """Start imap4d in a fresh temp dir; retry on a new port if one was taken meanwhile."""
    return start_retrying(lambda: _launch(binary), _wait_listening, "imap4d", attempts)


def _launch(binary: str) -> Imap4dServer:
    root = Path(tempfile.mkdtemp(prefix="hoering-imap4d-"))
    (root / "passwd").mkdir()
    (root / "mail").mkdir()
    (root / "passwd" / DOMAIN).touch()
    [port] = free_ports(1)
    (root / "imap4d.conf").write_text(CONFIG.format(root=root, port=port))
    with open(root / "imap4d.log", "wb") as log:
        process = subprocess.Popen(
            [binary, f"--config-file={root / 'imap4d.conf'}", "--foreground"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return Imap4dServer(root, port, process)


def _wait_listening(server: Imap4dServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"imap4d exited with {server.process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError("imap4d did not open its port in time")
        try:
            socket.create_connection((server.host, server.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.02)
