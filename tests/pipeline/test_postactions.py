"""Post-actions ([actions] after) against real Dovecot: after the commit, safe to repeat,
retried when refused, never a reason to store a message again; MOVE and its fallbacks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient
from sqlalchemy import select, update

from hoering import pipeline
from hoering.config import ConfigError, load_config
from hoering.ingest.imap import ImapConnectionError
from hoering.ingest.imap_actions import ImapActionError, _check_flag_allowed
from hoering.store import models
from hoering.store.db import open_database
from hoering.vocab import ActionState, MessageStatus
from tests.kit import faults as faultkit
from tests.kit.dovecot import DovecotServer, Mailbox, find_dovecot, start_dovecot
from tests.kit.mails import make_mail, write_config
from tests.kit.needs import missing
from tests.pipeline.test_states import run_cli
from tests.test_cli_poll import poll_config

REPLY = make_mail(message_id="<svar@borgernet.example>")
NEWSLETTER = make_mail(subject="Nyhedsbrev", message_id="<nyt@digst.example>")
_numbers = itertools.count(1)
DONE_FOLDER = "OGP.Behandlet"  # "OGP/Behandlet" in Dovecot's Maildir++ spelling


@pytest.fixture(scope="module")
def limited_server() -> Iterator[DovecotServer]:
    """A Dovecot that hides MOVE on 127.0.0.1, and MOVE and UIDPLUS on 127.0.0.2.

    Dovecot's `imap_capability` per local address: the client sees the CAPABILITY a server
    without these extensions (older Cyrus, Courier, some appliances) would send.
    """
    binary = find_dovecot()
    if binary is None:
        missing("dovecot not installed (Debian: apt-get install dovecot-imapd)")
    server = start_dovecot(binary)
    server.add_user("probe")
    with IMAPClient(server.host, server.port, ssl=False) as client:
        client.login("probe", Mailbox(server, "probe").password)
        capabilities = [c.decode() for c in client.capabilities()]
    no_move = " ".join(c for c in capabilities if c != "MOVE")
    neither = " ".join(c for c in capabilities if c not in ("MOVE", "UIDPLUS"))
    conf = server.root / "dovecot.conf"
    text = conf.read_text().replace("listen = 127.0.0.1\n", "listen = 127.0.0.1, 127.0.0.2\n")
    for address, capability in (("127.0.0.1", no_move), ("127.0.0.2", neither)):
        text += f"local {address} {{\n  protocol imap {{\n    imap_capability = {capability}\n"
        text += "  }\n}\n"
    conf.write_text(text)
    faultkit.restart(server)
    yield server
    server.stop()


@pytest.fixture
def limited_box(limited_server) -> Iterator[Mailbox]:
    name = f"limited{next(_numbers)}"
    limited_server.add_user(name)
    box = Mailbox(limited_server, name)
    yield box
    box.close()


def run_poll(tmp_path: Path, box: Mailbox, monkeypatch, actions: str = "", **imap):
    """pipeline.poll over plain IMAP with an [actions] section; returns the RunReport."""
    settings = {"port": box.port, "security": "plain", **imap}
    config = poll_config(tmp_path, box, **settings)
    config.write_text(config.read_text() + "[actions]\n" + actions)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", box.password)
    cfg = load_config(config)
    return pipeline.poll(cfg, open_database(cfg.store_url))


def uids(box: Mailbox, folder: str) -> list[int]:
    client = box.client()
    if not client.folder_exists(folder):
        return []
    client.select_folder(folder, readonly=True)
    try:
        return client.search(["ALL"])
    finally:
        client.unselect_folder()


def flags(box: Mailbox, uid: int) -> set[bytes]:
    """The message's flags; \\Recent is the server's own and says nothing about us."""
    return set(box.flags("INBOX", uid)) - {b"\\Recent"}


def action_rows(tmp_path: Path) -> list[tuple[str, str | None, str | None]]:
    db = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    with db() as session:
        rows = session.scalars(select(models.MessageState).order_by(models.MessageState.uid))
        return [(row.status, row.action_state, row.action) for row in rows]


def set_pending(tmp_path: Path) -> None:
    """As if a run was killed after the IMAP action and before recording it."""
    db = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    with db.begin() as session:
        session.execute(
            update(models.MessageState)
            .where(models.MessageState.action_state == ActionState.DONE)
            .values(action_state=ActionState.PENDING)
        )


def test_default_is_read_only_and_owes_nothing(mailbox, tmp_path, monkeypatch) -> None:
    uid = mailbox.append("INBOX", REPLY)
    run_poll(tmp_path, mailbox, monkeypatch)
    assert action_rows(tmp_path) == [(MessageStatus.STORED, None, None)]
    assert flags(mailbox, uid) == set()


def test_seen_marks_stored_replies_read_and_leaves_other_mail(mailbox, tmp_path, monkeypatch):
    reply, other = mailbox.append("INBOX", REPLY), mailbox.append("INBOX", NEWSLETTER)
    report = run_poll(tmp_path, mailbox, monkeypatch, 'after = "seen"\n')
    assert (report.stored, report.actions_done) == (1, 1)
    assert flags(mailbox, reply) == {b"\\Seen"}
    assert flags(mailbox, other) == set()


def test_flag_sets_flagged_by_default(mailbox, tmp_path, monkeypatch) -> None:
    uid = mailbox.append("INBOX", REPLY)
    run_poll(tmp_path, mailbox, monkeypatch, 'after = "flag"\n')
    assert flags(mailbox, uid) == {b"\\Flagged"}
    assert action_rows(tmp_path) == [
        (MessageStatus.STORED, ActionState.DONE, "STORE +FLAGS \\Flagged")
    ]


def test_flag_with_a_keyword_where_the_server_allows_keywords(mailbox, tmp_path, monkeypatch):
    uid = mailbox.append("INBOX", REPLY)
    run_poll(tmp_path, mailbox, monkeypatch, 'after = "flag"\nflag = "OGP-behandlet"\n')
    assert flags(mailbox, uid) == {b"OGP-behandlet"}


def test_keyword_is_refused_clearly_where_the_server_allows_none() -> None:
    # Exchange Online's PERMANENTFLAGS: system flags only, no \* for new keywords.
    exchange = (b"\\Seen", b"\\Answered", b"\\Flagged", b"\\Deleted", b"\\Draft")
    with pytest.raises(ImapActionError, match="Exchange allows no custom keywords"):
        _check_flag_allowed("OGP-behandlet", exchange)
    _check_flag_allowed("\\Flagged", exchange)


def test_move_creates_the_folder_and_moves_only_replies(mailbox, tmp_path, monkeypatch):
    mailbox.append("INBOX", REPLY)
    other = mailbox.append("INBOX", NEWSLETTER)
    report = run_poll(tmp_path, mailbox, monkeypatch, 'after = "move"\n')
    assert report.actions_done == 1
    assert uids(mailbox, "INBOX") == [other]
    assert len(uids(mailbox, DONE_FOLDER)) == 1
    assert action_rows(tmp_path)[0] == (
        MessageStatus.STORED,
        ActionState.DONE,
        f"UID MOVE to {DONE_FOLDER}",
    )
    again = run_poll(tmp_path, mailbox, monkeypatch, 'after = "move"\n')
    assert (again.seen, again.stored, again.actions_done) == (0, 0, 0)


def test_move_repeated_after_a_crash_changes_nothing_more(mailbox, tmp_path, monkeypatch):
    mailbox.append("INBOX", REPLY)
    other = mailbox.append("INBOX", NEWSLETTER)
    run_poll(tmp_path, mailbox, monkeypatch, 'after = "move"\n')
    set_pending(tmp_path)
    report = run_poll(tmp_path, mailbox, monkeypatch, 'after = "move"\n')
    assert (report.stored, report.actions_done) == (0, 1)
    assert uids(mailbox, "INBOX") == [other] and len(uids(mailbox, DONE_FOLDER)) == 1


def test_without_move_it_copies_and_expunges_by_uid(limited_box, tmp_path, monkeypatch):
    # Servers without RFC 6851 MOVE but with UIDPLUS: UID COPY, \Deleted, UID EXPUNGE.
    limited_box.append("INBOX", REPLY)
    other = limited_box.append("INBOX", NEWSLETTER)
    report = run_poll(tmp_path, limited_box, monkeypatch, 'after = "move"\n')
    assert report.actions_done == 1
    assert uids(limited_box, "INBOX") == [other]
    assert len(uids(limited_box, DONE_FOLDER)) == 1
    assert action_rows(tmp_path)[0][2] == f"UID COPY to {DONE_FOLDER}, UID EXPUNGE"


def test_without_move_a_repeat_after_a_crash_does_not_copy_twice(
    limited_box, tmp_path, monkeypatch
) -> None:
    uid = limited_box.append("INBOX", REPLY)
    run_poll(tmp_path, limited_box, monkeypatch)  # stored; actions were off
    # The crashed run had copied and marked the message, but not yet expunged it.
    client = limited_box.client()
    client.create_folder(DONE_FOLDER)
    client.select_folder("INBOX")
    client.copy([uid], DONE_FOLDER)
    client.delete_messages([uid])
    client.unselect_folder()
    db = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    with db.begin() as session:
        session.execute(update(models.MessageState).values(action_state=ActionState.PENDING))
    run_poll(tmp_path, limited_box, monkeypatch, 'after = "move"\n')
    assert uids(limited_box, "INBOX") == [] and len(uids(limited_box, DONE_FOLDER)) == 1


def test_without_move_and_uidplus_expunges_when_only_ours_are_deleted(
    limited_box, tmp_path, monkeypatch
) -> None:
    limited_box.append("INBOX", REPLY)
    report = run_poll(tmp_path, limited_box, monkeypatch, 'after = "move"\n', host="127.0.0.2")
    assert report.actions_done == 1
    assert uids(limited_box, "INBOX") == [] and len(uids(limited_box, DONE_FOLDER)) == 1
    assert action_rows(tmp_path)[0][2] == f"UID COPY to {DONE_FOLDER}, EXPUNGE"


def test_without_uidplus_others_deleted_mail_is_not_expunged(
    limited_box, tmp_path, monkeypatch
) -> None:
    # Outlook's "mark as deleted" mode leaves \Deleted mail for the user to purge; a plain
    # EXPUNGE would remove it too.
    reply = limited_box.append("INBOX", REPLY)
    theirs = limited_box.append("INBOX", NEWSLETTER, flags=("\\Deleted",))
    report = run_poll(tmp_path, limited_box, monkeypatch, 'after = "move"\n', host="127.0.0.2")
    assert report.actions_done == 1
    assert uids(limited_box, "INBOX") == [reply, theirs]  # ours stays, marked \Deleted
    assert b"\\Deleted" in flags(limited_box, reply)
    assert len(uids(limited_box, DONE_FOLDER)) == 1
    assert "left \\Deleted" in action_rows(tmp_path)[0][2]


def test_refused_action_is_retried_next_run_and_never_stores_again(
    mailbox, tmp_path, monkeypatch, capsys
) -> None:
    mailbox.append("INBOX", REPLY)
    too_long = "x" * 300  # Dovecot refuses a mailbox name this long
    first = run_poll(tmp_path, mailbox, monkeypatch, f'after = "move"\nmove_to = "{too_long}"\n')
    assert (first.stored, first.actions_failed, first.partial) == (1, 1, True)
    second = run_poll(tmp_path, mailbox, monkeypatch, f'after = "move"\nmove_to = "{too_long}"\n')
    assert (second.seen, second.stored, second.actions_failed) == (0, 0, 1)
    db = open_database(f"sqlite:///{tmp_path / 'hoering.db'}")
    with db() as session:
        row = session.scalars(select(models.MessageState)).one()
        assert (row.action_state, row.action_attempts) == (ActionState.FAILED, 2)
        assert "refused" in row.action_error
    config = str(tmp_path / "hoering.toml")
    code, listed, _ = run_cli(capsys, monkeypatch, "failures", "--config", config)
    assert code == 0 and "action failed" in listed and "Mailbox name too long" in listed
    fixed = run_poll(tmp_path, mailbox, monkeypatch, 'after = "move"\n')
    assert (fixed.stored, fixed.actions_done) == (0, 1)
    assert len(uids(mailbox, DONE_FOLDER)) == 1


def test_action_lost_with_the_connection_is_done_on_the_next_run(
    mailbox, tmp_path, monkeypatch
) -> None:
    # The fetch connection works; the one for the actions is cut at its first byte.
    uid = mailbox.append("INBOX", REPLY)
    proxy = faultkit.CuttingProxy(mailbox.port, limit=0, spare=1)
    with proxy, pytest.raises(ImapConnectionError):
        run_poll(tmp_path, mailbox, monkeypatch, 'after = "seen"\n', port=proxy.port)
    assert action_rows(tmp_path) == [(MessageStatus.STORED, ActionState.PENDING, None)]
    assert flags(mailbox, uid) == set()
    report = run_poll(tmp_path, mailbox, monkeypatch, 'after = "seen"\n')
    assert (report.seen, report.stored, report.actions_done) == (0, 0, 1)
    assert flags(mailbox, uid) == {b"\\Seen"}


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('[actions]\nafter = "delete"\n', "[actions] after: must be one of none, flag, seen, move"),
        ('[actions]\nafter = "flag"\nflag = "OGP behandlet"\n', "[actions] flag: must be"),
        ('[actions]\nmove_to = " "\n', "[actions] move_to: must name a folder"),
        ("[poll]\nmax_attempts = 0\n", "[poll] max_attempts: must be at least 1"),
    ],
)
def test_bad_action_settings_name_the_key(tmp_path, section: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(write_config(tmp_path, section))


def test_catch_up_applies_a_new_action_to_replies_stored_before_once_each(
    mailbox, tmp_path, monkeypatch, capsys
) -> None:
    first = mailbox.append("INBOX", REPLY)
    run_poll(tmp_path, mailbox, monkeypatch)  # read-only: stored, owes nothing
    config = tmp_path / "hoering.toml"
    config.write_text(config.read_text() + 'after = "flag"\n')  # [actions] is the last section
    _, told, err = run_cli(capsys, monkeypatch, "actions", "-c", str(config))
    assert "1 stored reply never had the post-action (flag \\Flagged)" in told, err
    assert flags(mailbox, first) == set()  # only counted
    code, out, _ = run_cli(capsys, monkeypatch, "actions", "--catch-up", "-c", str(config))
    assert code == 0 and "caught up: 1 reply newly owed flag \\Flagged; done 1" in out
    assert flags(mailbox, first) == {b"\\Flagged"}
    client = mailbox.client()
    client.select_folder("INBOX")
    client.remove_flags([first], [b"\\Flagged"])  # a reviewer unflags it by hand
    client.unselect_folder()
    code, out, _ = run_cli(capsys, monkeypatch, "actions", "--catch-up", "-c", str(config))
    assert "caught up: 0 replies newly owed" in out and flags(mailbox, first) == set()
