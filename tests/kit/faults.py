"""Tools for the fault tests (tests/pipeline/test_faults*.py) and bench/faults.py: a TCP proxy that
cuts the connection after N bytes, a fast Maildir filler, a Dovecot restart that keeps
the mail, and a census of the database that counts lost, doubled and half-written messages.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.kit.dovecot import DovecotServer, Mailbox, _identities, _wait_listening, find_dovecot
from tests.kit.mails import make_mail

ROOT = Path(__file__).resolve().parents[2]
MARKED = "SV: OGP-høring"
MESSAGES = 300  # a few hundred, a fifth of them replies (the rest only cost a header fetch)
MARKED_EVERY = 5
SEED = 20170820


def corpus(count: int, marked_every: int = 1) -> tuple[list[bytes], set[str]]:
    """`count` mails, every `marked_every`th a reply (the rest newsletters); returns the
    mails in delivery order and the Message-IDs (without <>) a poll must store."""
    mails, expected = [], set()
    for i in range(count):
        marked = i % marked_every == 0
        message_id = f"fault-{i}@borgernet.example"
        subject = f"{MARKED} nr. {i}" if marked else f"Nyhedsbrev nr. {i}"
        mails.append(
            make_mail(subject=subject, message_id=f"<{message_id}>", body=f"Forslag {i}.\n" * 8)
        )
        if marked:
            expected.add(message_id)
    return mails, expected


def fill_maildir(box: Mailbox, mails: list[bytes]) -> None:
    """Deliver straight into the user's Maildir/new, as an MDA does: far faster than APPEND."""
    ids = _identities()
    maildir = box.server.root / "mail" / box.username / "Maildir"
    for directory in (maildir.parent, maildir, maildir / "cur", maildir / "new", maildir / "tmp"):
        directory.mkdir(mode=0o700, exist_ok=True)
        os.chown(directory, ids["mail_uid"], ids["mail_gid"])
    stamp = int(time.time())
    for number, data in enumerate(mails):
        # Dovecot orders new mail by name when it assigns UIDs: zero-padded keeps our order.
        path = maildir / "new" / f"{stamp}.M{number:06d}P{os.getpid()}.hoering"
        path.write_bytes(data)
        os.chown(path, ids["mail_uid"], ids["mail_gid"])


def restart(server: DovecotServer) -> None:
    """Stop Dovecot and start it again on the same ports and mail (a server reboot)."""
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=15)
    binary = find_dovecot()
    with open(server.root / "dovecot-stderr.log", "ab") as stderr:
        server.process = subprocess.Popen(
            [binary, "-F", "-c", str(server.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    _wait_listening(server)


class CuttingProxy:
    """Forwards 127.0.0.1:port to a server; drops the connection after `limit` bytes.

    Bytes are counted over both directions of one connection, so a cut can land in the
    greeting, the login, a SEARCH, the middle of a FETCH literal, or between commands.
    """

    def __init__(self, target_port: int, limit: int | None = None, spare: int = 0) -> None:
        self.target_port = target_port
        self.limit = limit  # None: never cut (counts bytes instead)
        self.spare = spare  # this many first connections pass uncut
        self.carried = 0  # bytes forwarded on the last connection
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.listener.close()

    def __enter__(self) -> CuttingProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self.carried = 0
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self._pump(client, upstream)

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        """Shuttle bytes both ways in one thread (select) until EOF, the limit or stop()."""
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while not self.stopped.is_set():
                for key, _ in selector.select(timeout=0.05):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    cut = self.limit is not None and self.connections > self.spare
                    if cut and self.carried + len(data) >= self.limit:
                        key.data.sendall(data[: self.limit - self.carried])
                        self.carried = self.limit
                        return  # cut: both sockets close below, mid-stream
                    key.data.sendall(data)
                    self.carried += len(data)
        except OSError:
            return
        finally:
            selector.close()
            for sock in (client, upstream):
                _hard_close(sock)


def _hard_close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # the peer may have gone first
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


@dataclass(frozen=True)
class Census:
    """What the database holds against what the mailbox holds."""

    expected: int  # marked mails in the mailbox
    stored: int  # distinct expected Message-IDs with a proposal
    lost: int  # expected but without a proposal
    doubled: int  # extra proposals, raw messages, sightings or states for one message/place
    half_written: int  # raw messages with neither a proposal nor a parse error
    integrity: str  # PRAGMA integrity_check

    @property
    def ok(self) -> bool:
        return not (self.lost or self.doubled or self.half_written) and self.integrity == "ok"


def census(db_path: Path, expected: set[str]) -> Census:
    """Count lost, doubled and half-written messages with plain SQL (read-only)."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        proposals = Counter(mid for (mid,) in db.execute("SELECT message_id FROM proposals"))
        raws = Counter(mid for (mid,) in db.execute("SELECT message_id FROM raw_messages"))
        places = Counter(
            db.execute("SELECT account, folder, uidvalidity, uid FROM sightings").fetchall()
        )
        states = Counter(
            db.execute("SELECT account, folder, uidvalidity, uid FROM message_states").fetchall()
        )
        half = db.execute(
            "SELECT count(*) FROM raw_messages r WHERE r.parse_error IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM proposals p WHERE p.raw_message_id = r.id)"
        ).fetchone()[0]
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    doubled = sum(n - 1 for counter in (proposals, raws, places, states) for n in counter.values())
    stored = len(expected & set(proposals))
    return Census(len(expected), stored, len(expected) - stored, doubled, half, integrity)


def hoering_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hoering", *args]


def start_poll(config: Path, password: str, stderr_path: Path) -> subprocess.Popen:
    """`hoering -v poll` as cron would start it; -v so the log shows when fetching begins."""
    with open(stderr_path, "wb") as stderr:
        return subprocess.Popen(
            hoering_command("-v", "poll", "--config", str(config)),
            cwd=ROOT,
            env={**os.environ, "TEST_IMAP_PASSWORD": password},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def wait_for_text(path: Path, text: str, process: subprocess.Popen, timeout: float) -> bool:
    """Wait until `text` shows in the file (True) or the process ends or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in path.read_text(errors="replace"):
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    return False


@dataclass
class Figures:
    """Counts over many trials of one fault, for the test output and bench/faults.py."""

    name: str
    trials: int = 0
    interrupted: int = 0  # runs the fault stopped before they finished
    lost: int = 0
    doubled: int = 0
    half_written: int = 0
    integrity_failures: int = 0
    actions_owed: int = 0  # post-actions still pending or failed after the final poll
    seconds: float = 0.0

    def add(self, result: Census) -> None:
        self.lost += result.lost
        self.doubled += result.doubled
        self.half_written += result.half_written
        self.integrity_failures += result.integrity != "ok"

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.doubled
            or self.half_written
            or self.integrity_failures
            or self.actions_owed
        )

    def line(self) -> str:
        return (
            f"{self.name}: {self.trials} trials ({self.interrupted} interrupted mid-run) in "
            f"{self.seconds:.1f} s: lost {self.lost}, doubled {self.doubled}, "
            f"half-written {self.half_written}, integrity failures {self.integrity_failures}, "
            f"actions still owed {self.actions_owed}"
        )


def report(capsys, figures: Figures) -> None:
    """Print a trial's figures even without -s, so CI logs keep them."""
    with capsys.disabled():
        print(f"\n[faults] {figures.line()}")


def write_poll_config(
    workdir: Path, box: Mailbox, port: int | None = None, after: str = "none"
) -> Path:
    """Plain IMAP (loopback) with big FETCH batches; the password in a 0600 file."""
    from tests.test_cli_poll import poll_config

    workdir.mkdir(parents=True, exist_ok=True)
    secret = workdir / "imap-password"
    secret.write_text(box.password)
    secret.chmod(0o600)
    config = poll_config(
        workdir,
        box,
        port=port or box.port,
        security="plain",
        ca_file=None,
        password_env=None,
        password_file=str(secret),
        batch_size=50,
    )
    config.write_text(config.read_text() + f'[actions]\nafter = "{after}"\n')
    return config


def poll_in_process(config: Path) -> bool:
    """One `pipeline.poll`; True if it finished, False if the connection was lost."""
    from hoering import pipeline
    from hoering.config import load_config
    from hoering.ingest.imap import ImapConnectionError
    from hoering.store.db import open_database

    cfg = load_config(config)
    sessions = open_database(cfg.store_url)
    try:
        pipeline.poll(cfg, sessions)
        return True
    except ImapConnectionError:
        return False
    finally:
        sessions.kw["bind"].dispose()


def empty_database(path: Path) -> Path:
    """A database with the current schema and nothing else, closed (no WAL left)."""
    from hoering.store.db import open_database

    open_database(f"sqlite:///{path}").kw["bind"].dispose()
    return path


def measure_poll_bytes(box: Mailbox, workdir: Path) -> int:
    """Bytes a full first poll of the mailbox carries (both directions)."""
    with CuttingProxy(box.port) as proxy:
        assert poll_in_process(write_poll_config(workdir, box, proxy.port))
        return proxy.carried


def cut_trials(box: Mailbox, workdir: Path, limits: list[int], expected: set[str]) -> Figures:
    """Per limit: a fresh database, a poll cut after `limit` bytes, then a normal poll."""
    figures = Figures("connection cut after N bytes")
    start = time.monotonic()
    template = empty_database(workdir / "template.db")
    for number, limit in enumerate(limits):
        trial = workdir / f"cut-{number}"
        trial.mkdir()
        shutil.copyfile(template, trial / "hoering.db")  # migrating anew costs more than a poll
        with CuttingProxy(box.port, limit) as proxy:
            finished = poll_in_process(write_poll_config(trial, box, proxy.port))
        figures.interrupted += not finished
        assert poll_in_process(write_poll_config(trial, box)), f"recovery poll failed at {limit}"
        figures.trials += 1
        figures.add(census(trial / "hoering.db", expected))
    figures.seconds = time.monotonic() - start
    return figures


def kill_trials(
    box: Mailbox,
    workdir: Path,
    expected: set[str],
    groups: int,
    kills: int,
    window: float,
    seed: int,
) -> Figures:
    """`groups` fresh databases; on each, `kills` polls killed with SIGKILL at a random moment
    after fetching began (checked for half-written rows each time), then one normal poll.

    With `[actions] after = "seen"`, so kills also land between a commit and its action, or
    between the action and its record."""
    import random

    rng = random.Random(seed)
    figures = Figures("kill -9 of hoering poll")
    start = time.monotonic()
    for group in range(groups):
        config = write_poll_config(workdir / f"kill-{group}", box, after="seen")
        for number in range(kills):
            log = config.parent / f"stderr-{number}.log"
            process = start_poll(config, box.password, log)
            if wait_for_text(log, "new message(s)", process, timeout=60):
                time.sleep(rng.uniform(0, window))
            killed_mid_run = process.poll() is None
            process.kill()
            process.wait()
            figures.trials += 1
            figures.interrupted += killed_mid_run
            if (config.parent / "hoering.db").exists():
                after_kill = census(config.parent / "hoering.db", set())
                figures.half_written += after_kill.half_written
                figures.integrity_failures += after_kill.integrity != "ok"
        assert poll_in_process(config), "the poll after the kills failed"
        result = census(config.parent / "hoering.db", expected)
        figures.actions_owed += owed_actions(config.parent / "hoering.db")
        figures.lost += result.lost
        figures.doubled += result.doubled
    figures.seconds = time.monotonic() - start
    return figures


def owed_actions(db_path: Path) -> int:
    """Post-actions not done (pending, failed or parked)."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        query = "SELECT count(*) FROM message_states WHERE action_state IN (?, ?, ?)"
        return db.execute(query, ("pending", "failed", "parked")).fetchone()[0]
