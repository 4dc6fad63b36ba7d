"""The state of one bench.suite run: its Dovecot, generated mailboxes and databases (made
once and shared by the goals that need them), configs, and the measuring subprocess."""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import mailboxes
from bench.report import goal_line, goal_record
from hoering.config import ExtractConfig
from tests.kit.dovecot import DovecotServer, Mailbox
from tests.kit.faults import fill_maildir

ROOT = Path(__file__).resolve().parents[1]


def has_workers() -> bool:
    """Whether this code's config reader accepts `[extract] workers` (unknown keys fail)."""
    return any(field.name == "workers" for field in dataclasses.fields(ExtractConfig))


def measure(operation: str, config: Path, *paths: Path) -> dict[str, Any]:
    """Run bench.measure in a process of its own; its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.measure", operation, str(config), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.measure {operation} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_config(
    workdir: Path, box: Mailbox | None = None, url: str | None = None, workers: int = 0
) -> Path:
    """A config in `workdir`: plain IMAP to `box` (if any), the store at `url` (default a
    SQLite file there), and `[extract] workers` when `workers` is given."""
    workdir.mkdir(parents=True, exist_ok=True)
    text = ""
    if box is not None:
        secret = workdir / "imap-password"
        secret.write_text(box.password)
        secret.chmod(0o600)
        text += (
            f'[imap]\nhost = "{box.host}"\nport = {box.port}\nsecurity = "plain"\n'
            f'username = "{box.username}"\npassword_file = "{secret}"\nbatch_size = 50\n'
            "timeout = 120\n"
        )
    url = url or f"sqlite:///{workdir / 'hoering.db'}"
    text += f'[store]\nurl = "{url}"\n[consultation]\ndeadline = 2017-08-20\n'
    if workers:
        text += f"[extract]\nworkers = {workers}\n"
    config = workdir / "hoering.toml"
    config.write_text(text, encoding="utf-8")
    return config


class Workbench:
    """The runs of one `bench.suite` invocation and the figures they gave."""

    def __init__(self, server: DovecotServer, workdir: Path, args: argparse.Namespace) -> None:
        self.server, self.workdir, self.args = server, workdir, args
        self.boxes: dict[str, Mailbox] = {}
        self.mboxes: dict[str, Path] = {}
        self.cold: dict[tuple[str, int], list[dict[str, Any]]] = {}  # (kind, size) -> polls
        self.stored: dict[tuple[str, int], dict[str, Any]] = {}  # (kind, size) -> imported
        self.goals: list[dict[str, Any]] = []

    def box(self, kind: str, size: int) -> Mailbox:
        """A Dovecot user holding `size` generated mails of `kind` (text, campaign, backlog
        or attach)."""
        name = f"{kind}{size}"
        if name not in self.boxes:
            self.boxes[name] = mailboxes.new_box(self.server, name, self.mails(kind, size))
        return self.boxes[name]

    def mbox(self, kind: str, size: int) -> Path:
        """The same mails as `box(kind, size)` in an mbox file, for `hoering import`."""
        name = f"{kind}{size}"
        if name not in self.mboxes:
            path = self.workdir / f"{name}.mbox"
            self.mboxes[name] = mailboxes.write_mbox(path, self.mails(kind, size))
        return self.mboxes[name]

    def mails(self, kind: str, size: int):
        if kind == "text":
            return mailboxes.text_mails(size, f"text{size}")
        if kind == "campaign":
            return mailboxes.campaign_mails(size, f"campaign{size}")
        if kind == "backlog":
            return mailboxes.backlog_mails(size, f"backlog{size}")
        return mailboxes.attachment_mails(size, f"attach{size}")

    def cold_polls(self, size: int, repeats: int, kind: str = "text") -> list[dict[str, Any]]:
        """Cold polls of the `kind` box of `size` into fresh SQLite databases (cached)."""
        runs = self.cold.setdefault((kind, size), [])
        while len(runs) < repeats:
            workdir = self.workdir / f"poll-{kind}{size}-{len(runs)}"
            result = measure("poll", write_config(workdir, self.box(kind, size)))
            if result["stored"] != size:
                raise RuntimeError(f"cold poll of {size} stored {result['stored']}")
            runs.append(result)
        return runs

    def stored_database(self, size: int, kind: str = "text") -> dict[str, Any]:
        """A database of `size` replies of `kind` put in by `hoering import` (its figures and
        config), whose IMAP account is an empty box of its own for one-reply polls."""
        if (kind, size) not in self.stored:
            user = f"one{size}" if kind == "text" else f"one-{kind}{size}"
            self.server.add_user(user)
            box = Mailbox(self.server, user)
            config = write_config(self.workdir / f"stored-{kind}{size}", box)
            result = measure("import", config, self.mbox(kind, size))
            if result["stored"] != size:
                raise RuntimeError(f"import of {size} stored {result['stored']}")
            self.stored[kind, size] = {**result, "config": config, "box": box, "added": 0}
            print(
                f"  ({size} {kind} replies imported in {result['seconds']:.0f} s, "
                f"{size / result['seconds']:.0f}/s, {result['rss_mb']:.0f} MiB peak)",
                flush=True,
            )
        return self.stored[kind, size]

    def deliver_one(self, size: int, number: int, kind: str = "text") -> None:
        """One new reply into the stored database's empty box: a campaign letter, so it joins
        the biggest duplicate group (every fifth text reply is the short form letter; every
        campaign reply is a near-twin of the 3 KB letter)."""
        database = self.stored_database(size, kind)
        tag = f"new-{kind}{size}-{number}"
        if kind == "campaign":
            mail = mailboxes.campaign_reply(size + number, random.Random(number), tag)
        else:
            mail = mailboxes.text_reply(5 * number, random.Random(number), tag)
        fill_maildir(database["box"], [mail])
        database["added"] += 1

    @staticmethod
    def settle() -> None:
        """fill_maildir names files by the second: the next delivery gets a new stamp."""
        time.sleep(1.1)

    def goal(self, number: int, name: str, figure: str, ratio: float | None, target: str,
             met: bool | None, **data: object) -> None:  # fmt: skip
        record = goal_record(number, name, figure, ratio, target, met, **data)
        self.goals.append(record)
        print(goal_line(record), flush=True)
