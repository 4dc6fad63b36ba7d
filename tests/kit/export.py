"""Stored proposals for the export tests: realistic Danish replies written through the store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hoering.export.run import ExportOptions, run_export
from hoering.parse.model import ParsedMessage
from hoering.rules.derive import normalize_proposal
from hoering.store import messages
from hoering.store.queries import ProposalFilter

TZ = ZoneInfo("Europe/Copenhagen")


def parsed(body: str = "Linje 1\nLinje 2", subject: str = "OGP-høring: åbne data", **kw):
    fields = dict(
        message_id="a@b",
        subject=subject,
        sender_name="Søren Ærø",
        sender_email="soren@borgernet.example",
        sent_at=datetime.fromisoformat("2017-08-10T10:15:00+02:00"),
        received_at=datetime.fromisoformat("2017-08-10T10:16:00+02:00"),
        body_text=body,
        body_source="text/plain",
    )
    fields.update(kw)
    return ParsedMessage(**fields)


def add(db, p: ParsedMessage, *, late: bool = False, key: str = "k1", raw: bytes = b"raw"):
    """Store one parsed message as a proposal; returns its id."""
    source = messages.Source("file", "/tmp/x.eml", None, None)
    with db.begin() as session:
        row = messages.add_raw_message(session, key, "0" * 64, p.message_id, raw, None)
        proposal = messages.new_proposal(source)
        messages.fill_parsed(
            proposal, p, received_at=p.received_at, late=late, combined_text=p.body_text
        )
        normalize_proposal(proposal)
        proposal.raw_message = row
        session.add(proposal)
        session.flush()
        return proposal.id


def export(db, out: Path, fmt: str = "csv", **options):
    """Run one export of everything; returns the ExportResult."""
    with db() as session:
        return run_export(session, ProposalFilter(), out, ExportOptions(fmt, **options), TZ)
