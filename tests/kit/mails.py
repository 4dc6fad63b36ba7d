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


def split_partial(mail: bytes, count: int, split_id: str = "split-1@example") -> list[bytes]:
    """`mail` cut into `count` message/partial fragments as RFC 2046 5.2.2 (and Outlook
    Express's "break apart messages larger than") do it: whole lines, the enclosed headers
    in the first fragment, every fragment a mail of its own."""
    head, _, body = mail.partition(b"\r\n\r\n")
    enclosed = b"\r\n".join(
        line for line in _unfolded(head)
        if line.lower().startswith((b"content-", b"subject", b"message-id", b"mime-version"))
    )  # fmt: skip
    lines = (enclosed + b"\r\n\r\n" + body).splitlines(keepends=True)
    size = -(-len(lines) // count)
    fragments = []
    for number in range(1, count + 1):
        chunk = b"".join(lines[(number - 1) * size : number * size])
        fragments.append(
            b"From: Soren <soren@borgernet.example>\r\nTo: rumth@digst.dk\r\n"
            b"Subject: OGP-h=?utf-8?q?=C3=B8?=ring (del %d af %d)\r\n"
            % (number, count)
            + b"Message-ID: <frag-%d@borgernet.example>\r\nMIME-Version: 1.0\r\n" % number
            + b'Content-Type: message/partial; id="%s"; number=%d; total=%d\r\n\r\n'
            % (split_id.encode(), number, count)
            + chunk
        )
    return fragments


def _unfolded(head: bytes) -> list[bytes]:
    fields: list[bytes] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + line
        else:
            fields.append(line)
    return fields
