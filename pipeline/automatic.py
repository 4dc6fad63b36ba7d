"""Mail a machine sent (auto-replies, bounces, read receipts, the account's own mail): list it,
and accept one as a reply when the rule was wrong.

Such mail is kept raw with its reason (raw_messages.automatic) and no proposal; `accept`
parses it as a poll would have, makes the proposal and records who did it in the audit trail.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config
from hoering.errors import ExitCode, HoeringError, UsageError
from hoering.parse.automatic import sender_and_subject
from hoering.parse.envelope import read_envelope
from hoering.pipeline.assemble import Assembler
from hoering.pipeline.lock import run_lock
from hoering.pipeline.parsing import parse_bytes
from hoering.pipeline.retries import _first_source
from hoering.pipeline.sandbox import Sandbox
from hoering.store import models, states
from hoering.vocab import MessageStatus

log = logging.getLogger(__name__)


class NotAutomatic(UsageError):
    """`hoering accept ID` named no automatic mail waiting for a decision."""


class AcceptFailed(HoeringError):
    """The accepted mail could not be parsed; it waits in `hoering failures` instead."""

    exit_code = ExitCode.PARTIAL


@dataclass(frozen=True)
class AutomaticMail:
    """One machine-sent message as `hoering list --automatic` shows it."""

    id: int  # raw_messages.id, what `hoering accept` takes
    first_seen_at: datetime
    sender: str
    subject: str
    reason: str
    places: int  # folders/UIDs or files it was seen at


def list_automatic(session: Session) -> list[AutomaticMail]:
    """Automatic mail without a proposal, oldest first."""
    places = (
        select(func.count(models.Sighting.id))
        .where(models.Sighting.raw_message_id == models.RawMessage.id)
        .scalar_subquery()
    )
    query = (
        select(models.RawMessage, places)
        .outerjoin(models.Proposal, models.Proposal.raw_message_id == models.RawMessage.id)
        .where(models.RawMessage.automatic.is_not(None), models.Proposal.id.is_(None))
        .order_by(models.RawMessage.id)
    )
    found = []
    for raw, count in session.execute(query):
        sender, subject = sender_and_subject(read_envelope(raw.data))
        found.append(
            AutomaticMail(raw.id, raw.first_seen_at, sender, subject, raw.automatic or "", count)
        )
    return found


def accept(config: Config, sessions: sessionmaker[Session], raw_id: int, by: str) -> int:
    """Make automatic mail `raw_id` a proposal (audited as field "accepted"); its id."""
    with run_lock(config), Sandbox.from_config(config.extract) as sandbox:
        with sessions() as session:
            data = _waiting(session, raw_id).data
        result = parse_bytes(data, sandbox)  # outside the transaction: attachments take time
        with sessions.begin() as session:
            raw = _waiting(session, raw_id)
            reason, raw.automatic = raw.automatic, None
            if result.parsed is not None:
                assembler = Assembler.from_config(config)
                proposal = assembler.add_proposal(session, raw, result.parsed, _first_source(raw))
                session.flush()
                session.add(
                    models.AuditEvent(
                        proposal_id=proposal.id,
                        by=by,
                        field="accepted",
                        old_value=f"{MessageStatus.AUTOMATIC}: {reason}",
                        new_value="proposal",
                    )
                )
                states.record_accepted(session, raw_id)
                log.info("automatic message %d accepted by %s", raw_id, by)
                return proposal.id
            raw.parse_error = result.error
            for row in states.record_accepted(session, raw_id):
                row.status, row.last_error = MessageStatus.FAILED, result.error
    raise AcceptFailed(f"message {raw_id} cannot be parsed: {result.error} (hoering failures)")


def _waiting(session: Session, raw_id: int) -> models.RawMessage:
    raw = session.get(models.RawMessage, raw_id)
    if raw is None or raw.automatic is None or raw.proposal is not None:
        raise NotAutomatic(
            f"no automatic mail with id {raw_id} waits for a decision "
            "(see hoering list --automatic)"
        )
    return raw
