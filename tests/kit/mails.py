"""Builders for realistic test mails and a small config, shared by the pipeline and CLI tests."""

from __future__ import annotations

import email.policy
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path


def make_mail(
    subject: str = "OGP-høring: forslag om åbne data",
    body: str = "Kære Digitaliseringsstyrelsen\n\nVi foreslår, at alle kommuner udgiver data.\n",
    *,
    sender: str = "Søren Ærø <soren@borgernet.example>",
    message_id: str | None = "<svar-1@borgernet.example>",
    date: datetime | None = None,
    attachments: list[tuple[str, str, bytes]] = (),  # (filename, mime type, bytes)
) -> bytes:
    """An e-mail as a Danish mail client would send it, as bytes with CRLF line ends."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = sender
    msg["To"] = "rumth@digst.dk"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime.fromisoformat("2017-08-10T10:15:00+02:00"))
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content(body)
    for filename, mime_type, data in attachments:
        maintype, subtype = mime_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def write_config(directory: Path, extra: str = "") -> Path:
    """A config for offline imports with a SQLite database in `directory`."""
    path = directory / "hoering.toml"
    path.write_text(
        '[store]\nurl = "sqlite:///hoering.db"\n\n[consultation]\ndeadline = 2017-08-20\n' + extra,
        encoding="utf-8",
    )
    return path
