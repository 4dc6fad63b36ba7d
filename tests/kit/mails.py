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


def raw_8bit_mail(subject: str, charset: str, message_id: str) -> bytes:
    """A mail whose Subject is sent as raw 8-bit bytes (no RFC 2047), as some mailers still do."""
    head = (
        "From: Søren Ærø <soren@borgernet.example>\r\n"
        "To: rumth@digst.dk\r\n"
        f"Subject: {subject}\r\n"
        "Date: Thu, 10 Aug 2017 10:15:00 +0200\r\n"
        f"Message-ID: {message_id}\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
    )
    body = "Vi foreslår åbne data.\r\n"
    return (head + "\r\n" + body).encode(charset)


def cyrus_munge8bit(data: bytes) -> bytes:
    """What stock Cyrus (munge8bit, on by default) does on delivery: every raw 8-bit byte in
    the header section becomes "X"; the body is left alone."""
    end = data.find(b"\r\n\r\n")
    head, rest = (data[:end], data[end:]) if end != -1 else (data, b"")
    return bytes(ord("X") if byte >= 0x80 else byte for byte in head) + rest


# Automatic mail as real servers send it (headers as seen in received copies; bodies short).
EXCHANGE_OOF_DA = (
    "From: Mette Holm <meho@kommune.example>\r\n"
    "To: rumth@digst.dk\r\n"
    "Subject: Automatisk svar: OGP-h=?iso-8859-1?Q?=F8?=ring\r\n"
    "Thread-Topic: OGP-hxring\r\n"
    "Date: Thu, 10 Aug 2017 10:16:02 +0000\r\n"
    "Message-ID: <a1b2c3@AM5PR0701MB.eurprd07.prod.outlook.com>\r\n"
    "Auto-Submitted: auto-generated\r\n"
    "X-Auto-Response-Suppress: All\r\n"
    "X-MS-Exchange-Inbox-Rules-Loop: meho@kommune.example\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "MIME-Version: 1.0\r\n"
    "\r\n"
    "Jeg er p=E5 ferie til og med 21. august og l=E6ser ikke mails.\r\n"
).encode("ascii")

# Exchange 2010 and older Outlook rules: no Auto-Submitted, only the subject says it.
OUTLOOK_OOF_OLD_DA = (
    "From: Jens Bo <jb@dataklar.example>\r\n"
    "To: rumth@digst.dk\r\n"
    "Subject: =?iso-8859-1?Q?Frav=E6rende=3A_OGP-h=F8ring?=\r\n"
    "Date: Thu, 10 Aug 2017 10:16:02 +0200\r\n"
    "Message-ID: <oof-jb@dataklar.example>\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    "Jeg er ikke paa kontoret.\r\n"
).encode("ascii")

GMAIL_VACATION = (
    "From: Anna Lund <anna.lund@gmail.example>\r\n"
    "To: rumth@digst.dk\r\n"
    "Subject: Re: OGP-h=?UTF-8?B?w7g=?=ring\r\n"
    "Date: Thu, 10 Aug 2017 01:16:02 -0700\r\n"
    "Message-ID: <CAKx-vacation-1@mail.gmail.example>\r\n"
    "In-Reply-To: <invitation@digst.dk>\r\n"
    "Auto-Submitted: auto-replied\r\n"
    "Precedence: bulk\r\n"
    "X-Autoreply: yes\r\n"
    'Content-Type: text/plain; charset="UTF-8"\r\n'
    "\r\n"
    "Tak for din mail. Jeg er paa ferie.\r\n"
).encode("ascii")

THUNDERBIRD_READ_RECEIPT = (
    "From: Ole Dam <ole@borgernet.example>\r\n"
    "To: rumth@digst.dk\r\n"
    "Subject: =?UTF-8?Q?L=C3=A6st=3A_OGP-h=C3=B8ring?=\r\n"
    "Date: Thu, 10 Aug 2017 10:30:00 +0200\r\n"
    "Message-ID: <mdn-1@borgernet.example>\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/report; report-type="disposition-notification";\r\n'
    ' boundary="mdn"\r\n'
    "\r\n"
    "--mdn\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "\r\n"
    "Din meddelelse er blevet vist.\r\n"
    "--mdn\r\n"
    "Content-Type: message/disposition-notification\r\n"
    "\r\n"
    "Final-Recipient: rfc822;ole@borgernet.example\r\n"
    "Disposition: manual-action/MDN-sent-manually; displayed\r\n"
    "--mdn--\r\n"
).encode("ascii")


def write_in(tmp_path: Path, name: str, data: bytes) -> Path:
    """`data` as the file tmp_path/in/NAME, for `hoering import` of the folder or the file."""
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path
