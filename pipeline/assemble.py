"""A parsed message made into the rows that store it: the proposal with its attachments,
respondent, cleaned reply, flags, themes and initiatives.

The one place a parsed message becomes a stored reply: a run (poll, import), a retry, an
accepted automatic mail and a reparse all come here. Parsing happened before (pipeline/
parsing.py); the store maps the parsed fields to columns (store/messages.fill_parsed) and
the rules derive the rest from them (rules/derive.py), or a run's worker derived them
already from the parsed message (pipeline/parsing.derived_in_worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from hoering.analysis.registry import Registry
from hoering.analysis.themes import Codebook
from hoering.config import Config
from hoering.derived import DerivedReply
from hoering.parse.combined import combined_text
from hoering.parse.model import ParsedMessage
from hoering.rules.derive import normalize_proposal
from hoering.store import messages as store_messages
from hoering.store import models
from hoering.store.derived_rows import apply_columns, apply_derived


def is_late(received_at: datetime | None, deadline: date | None, tz: ZoneInfo) -> bool:
    """Late means received after the end of the deadline day, in the consultation's time zone."""
    if received_at is None or deadline is None:
        return False
    end_of_deadline = datetime.combine(deadline + timedelta(days=1), time(0), tzinfo=tz)
    return received_at >= end_of_deadline


@dataclass(frozen=True)
class Assembler:
    """What a consultation's config says about its replies: the deadline, in which time
    zone, the codebook their themes come from and the registry of known bodies."""

    deadline: date | None
    timezone: ZoneInfo
    codebook: Codebook | None = None
    registry: Registry | None = None  # None: the shipped registry

    @classmethod
    def from_config(cls, config: Config) -> Assembler:
        return cls(config.deadline, config.timezone, config.codebook, config.respondent_registry)

    def new_proposal(
        self,
        parsed: ParsedMessage,
        source: store_messages.Source,
        derived: DerivedReply | None = None,
        *,
        children: bool = True,
    ) -> models.Proposal:
        """The proposal with every derived field, not yet in a session; `derived`: those
        fields made already (in a worker, pipeline/parsing.derived_in_worker). With
        `children` False, a proposal from `derived` gets no theme tag or initiative objects:
        the caller writes them as rows (store.derived_rows.insert_children)."""
        proposal = store_messages.new_proposal(source)
        self.fill(proposal, parsed, source.internal_date, derived, children=children)
        return proposal

    def add_proposal(
        self,
        session: Session,
        raw: models.RawMessage,
        parsed: ParsedMessage,
        source: store_messages.Source,
    ) -> models.Proposal:
        """A proposal for a stored raw message (retries, accept), added to `session`."""
        proposal = self.new_proposal(parsed, source)
        proposal.raw_message = raw
        session.add(proposal)
        return proposal

    def fill(
        self,
        proposal: models.Proposal,
        parsed: ParsedMessage,
        internal_date: datetime | None,
        derived: DerivedReply | None = None,
        *,
        children: bool = True,
    ) -> None:
        """Set the parser's fields of `proposal` (received time and late flag included) and
        derive the rest again, or map `derived` (a new reply's, made from the same parsed
        message; its theme tags and initiatives only with `children`); reviewer fields are
        left alone (used on insert and reparse)."""
        received_at = internal_date or parsed.received_at or parsed.sent_at
        store_messages.fill_parsed(
            proposal,
            parsed,
            received_at=received_at,
            late=is_late(received_at, self.deadline, self.timezone),
            combined_text=combined_text(parsed),
        )
        if derived is None:
            normalize_proposal(proposal, self.codebook, self.registry)
        elif children:
            apply_derived(proposal, derived)
        else:
            apply_columns(proposal, derived)
