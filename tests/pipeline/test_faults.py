"""Faults against real Dovecot and real `hoering` processes: a server restart, a UIDVALIDITY
reset, two polls at once, a stale lock, a read-only database and a full disk. After each:
every reply stored exactly once, none lost, nothing half-written.

The long trials have files of their own, so xdist runs them beside this one:
test_faults_cut.py (connections cut after N bytes) and test_faults_kill.py (kill -9).
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hoering.store import models
from hoering.store.db import open_database
from hoering.vocab import ActionState, MessageStatus
from tests.kit import faults as faultkit
from tests.kit.cli import summary
from tests.kit.dovecot import DovecotServer, Mailbox, find_dovecot, start_dovecot
from tests.kit.mails import make_mail
from tests.kit.needs import missing
from tests.pipeline.test_states import run_cli


@pytest.fixture
def hoering(capsys, monkeypatch) -> Callable[..., subprocess.CompletedProcess]:
    """The real entry point, in-process: exit code, stdout, stderr. (The lock, restart and
    two-polls tests, and the kill trials, start real processes; these only need the CLI's
    answer.)"""

    def run(*args: str) -> subprocess.CompletedProcess:
        code, out, err = run_cli(capsys, monkeypatch, *args)
        return subprocess.CompletedProcess(args, code, out, err)

    return run


def test_lock_of_a_killed_process_never_blocks(big_box, tmp_path, hoering) -> None:
    box, _ = big_box
    config = faultkit.write_poll_config(tmp_path, box)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pathlib, pipeline, config\n"
            "with pipeline.run_lock(config.load_config(pathlib.Path(sys.argv[1]))):\n"
            "    print('locked', flush=True); time.sleep(60)\n",
            str(config),
        ],
        cwd=faultkit.ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        blocked = hoering("poll", "--config", str(config))
        assert blocked.returncode == 6 and "another hoering poll or import" in blocked.stderr
    finally:
        holder.kill()  # SIGKILL: no chance to release anything itself
        holder.wait()
    assert (tmp_path / "hoering.db.lock").exists()  # the file stays; the flock went with it
    assert hoering("poll", "--config", str(config)).returncode == 0


def test_two_polls_started_together_store_each_reply_once(big_box, tmp_path) -> None:
    box, expected = big_box
    # The very first runs, on no database yet: the schema is created once, under a lock.
    config = faultkit.write_poll_config(tmp_path, box)
    both = [
        subprocess.Popen(
            faultkit.hoering_command("poll", "--config", str(config)),
            cwd=faultkit.ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in both]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 6]), results
    if codes == [0, 6]:
        assert "another hoering poll or import is running" in dict(results)[6]
    result = faultkit.census(tmp_path / "hoering.db", expected)
    assert result.ok and result.lost == 0, result


@pytest.fixture
def own_server() -> Iterator[DovecotServer]:
    """A Dovecot of this test's own, so restarting it disturbs no other test."""
    binary = find_dovecot()
    if binary is None:
        missing("dovecot not installed (Debian: apt-get install dovecot-imapd)")
    server = start_dovecot(binary)
    yield server
    server.stop()


def test_server_restart_mid_run_then_a_normal_poll_stores_everything(own_server, tmp_path):
    own_server.add_user("restart")
    box = Mailbox(own_server, "restart")
    mails, expected = faultkit.corpus(faultkit.MESSAGES, faultkit.MARKED_EVERY)
    faultkit.fill_maildir(box, mails)
    config = faultkit.write_poll_config(tmp_path, box)
    log = tmp_path / "stderr.log"
    process = faultkit.start_poll(config, box.password, log)
    # Waits, not bounds: the poll starts on no database (a child migrating anew), which took
    # over 60 s at load 14 in round 8, and nothing here is about how soon it fetches.
    assert faultkit.wait_for_text(log, "new message(s)", process, timeout=180)
    time.sleep(0.2)
    faultkit.restart(own_server)  # SIGTERM to Dovecot: every session is cut
    code = process.wait(timeout=180)
    assert code in (0, 4), log.read_text()
    if code == 4:
        assert "lost" in log.read_text() and "Traceback" not in log.read_text()
    assert faultkit.census(tmp_path / "hoering.db", set()).half_written == 0
    assert faultkit.poll_in_process(config)
    result = faultkit.census(tmp_path / "hoering.db", expected)
    assert result.ok and result.lost == 0, result


def test_uidvalidity_reset_stores_nothing_again_and_drops_stale_actions(
    mailbox, tmp_path, hoering
) -> None:
    folder = "Høringssvar"
    mails = [make_mail(message_id=f"<u{i}@x>", body=f"Forslag {i}\n") for i in range(5)]
    for data in mails:
        mailbox.append(folder, data)
    config = faultkit.write_poll_config(tmp_path, mailbox, after="seen")
    text = config.read_text().replace('folders = ["INBOX"]', f'folders = ["{folder}"]')
    config.write_text(text)
    # The fetch works, the connection for the actions is cut: five actions stay pending.
    with faultkit.CuttingProxy(mailbox.port, limit=0, spare=1) as proxy:
        cut = config.read_text().replace(f"port = {mailbox.port}", f"port = {proxy.port}")
        config.write_text(cut)
        assert not faultkit.poll_in_process(config)
    config.write_text(cut.replace(f"port = {proxy.port}", f"port = {mailbox.port}"))
    mailbox.recreate_folder(folder)  # a restored backup: the same mail, all UIDs new
    for data in mails:
        mailbox.append(folder, data)
    result = hoering("poll", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "UIDVALIDITY" in result.stderr
    assert summary(result.stdout).startswith(
        "seen 5, matched 5, stored 0, already stored 5, duplicates 0"
    )
    with open_database(f"sqlite:///{tmp_path / 'hoering.db'}")() as session:
        rows = session.scalars(select(models.MessageState).order_by(models.MessageState.id))
        got = [(row.status, row.action_state) for row in rows]
    assert (
        got
        == [(MessageStatus.STORED, ActionState.OBSOLETE)] * 5
        + [(MessageStatus.DUPLICATE, ActionState.DONE)] * 5
    )
    census = faultkit.census(tmp_path / "hoering.db", {f"u{i}@x" for i in range(5)})
    assert census.ok and census.stored == 5


@pytest.fixture
def tmpfs(tmp_path) -> Iterator[Callable[[str], Path]]:
    """Mounts a tmpfs of a given size at tmp_path/disk (root only: we run as root, as CI does)."""
    disk = tmp_path / "disk"

    def mount(size: str) -> Path:
        disk.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
            capture_output=True,
            text=True,
        )
        if mounted.returncode != 0:
            missing(f"cannot mount a tmpfs (CI runs as root): {mounted.stderr.strip()}")
        return disk

    yield mount
    if disk.is_mount():
        subprocess.run(["umount", "-l", str(disk)], check=False)


def remount(disk: Path, options: str) -> None:
    # The in-process runs' engines are garbage now; collecting them closes their files, or
    # the kernel refuses a read-only remount ("mount point is busy").
    gc.collect()
    subprocess.run(["mount", "-o", f"remount,{options}", str(disk)], check=True)


def test_full_disk_stops_with_exit_5_and_leaves_nothing_half_written(big_box, tmpfs, hoering):
    box, expected = big_box
    small_disk = tmpfs("512k")
    config = faultkit.write_poll_config(small_disk, box)
    result = hoering("poll", "--config", str(config))
    assert result.returncode == 5, result.stderr
    assert "database or disk is full" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr
    after = faultkit.census(small_disk / "hoering.db", expected)
    assert (after.half_written, after.doubled, after.integrity) == (0, 0, "ok")
    assert after.lost > 0  # the disk filled up before the end
    remount(small_disk, "size=64m")  # the operator frees space
    assert hoering("poll", "--config", str(config)).returncode == 0
    final = faultkit.census(small_disk / "hoering.db", expected)
    assert final.ok and final.lost == 0, final


def test_read_only_database_stops_with_exit_5_and_changes_nothing(mailbox, tmpfs, hoering):
    small_disk = tmpfs("16m")
    mailbox.append("INBOX", make_mail(message_id="<a@x>"))
    config = faultkit.write_poll_config(small_disk, mailbox)
    assert hoering("poll", "--config", str(config)).returncode == 0
    mailbox.append("INBOX", make_mail(message_id="<b@x>", body="Et andet forslag\n"))
    remount(small_disk, "ro")
    before = (small_disk / "hoering.db").read_bytes()
    result = hoering("poll", "--config", str(config))
    assert result.returncode == 5, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("hoering: ")
    assert "read-only" in result.stderr.lower() or "readonly" in result.stderr.lower()
    assert (small_disk / "hoering.db").read_bytes() == before
    remount(small_disk, "rw")
    assert hoering("poll", "--config", str(config)).returncode == 0
    assert faultkit.census(small_disk / "hoering.db", {"a@x", "b@x"}).ok
