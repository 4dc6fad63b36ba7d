"""Runs extract through the Sandbox with the [extract] limits: new mail and retried mail alike.

A tiny max_attachment_mb makes the sandbox visible: only it writes "limit: larger than".
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.store import models
from hoering.store.db import open_database
from hoering.vocab import MessageStatus
from tests.kit.mails import make_mail, write_config

LIMITED = "[extract]\nmax_attachment_mb = 0.001\n"
BIG = [("bilag.txt", "text/plain", b"Forslag om aabne data.\n" * 100)]


def errors(sessions) -> list[str | None]:
    with sessions() as session:
        return list(session.scalars(select(models.Attachment.error)))


def test_import_extracts_in_the_sandbox_with_the_configured_limits(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path, LIMITED))
    sessions = open_database(cfg.store_url)
    mail = tmp_path / "svar.eml"
    mail.write_bytes(make_mail(attachments=BIG))
    assert pipeline.import_paths(cfg, sessions, [mail]).stored == 1
    assert errors(sessions) == ["limit: larger than 0.001 MB"]


def test_a_failed_message_is_retried_in_the_sandbox(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path, LIMITED))
    sessions = open_database(cfg.store_url)
    mail = tmp_path / "svar.eml"
    mail.write_bytes(make_mail(attachments=BIG))
    pipeline.import_paths(cfg, sessions, [mail])
    with sessions.begin() as session:  # as if an older parser had failed on it
        raw = session.scalars(select(models.RawMessage)).one()
        session.delete(raw.proposal)
        raw.parse_error = "internal parser error: KeyError: 'x'"
        for row in session.scalars(select(models.MessageState)):
            row.status, row.last_error = MessageStatus.FAILED, raw.parse_error
    report = pipeline.import_paths(cfg, sessions, [])
    assert (report.retried, report.recovered) == (1, 1)
    assert errors(sessions) == ["limit: larger than 0.001 MB"]
