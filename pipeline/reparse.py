"""`hoering reparse`: parse stored messages again with the current code, in place.

A migration of stored data, not a re-ingest: the bytes come from `raw_messages`, proposal
ids stay, and only the fields the parser fills are rewritten (review fields are left
alone). Messages that failed to parse before are retried like `hoering retry` does, so
one that parses now gets its proposal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from hoering.config import Config
from hoering.errors import UnknownProposal
from hoering.parse.combined import combined_text
from hoering.parse.model import ParsedMessage
from hoering.parse.versions import PARSER_VERSION, extractor_version
from hoering.pipeline import retries
from hoering.pipeline.analyse import analyse
from hoering.pipeline.lock import run_lock
from hoering.pipeline.run import Pipeline, Tick, is_late, no_tick
from hoering.pipeline.runs import retrier as make_retrier
from hoering.pipeline.sandbox import Sandbox
from hoering.store import messages as store_messages
from hoering.store import models
from hoering.store.db import writing

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Selection:
    """What to reparse: every message, the outdated ones, or these proposals."""

    all: bool = False
    outdated: bool = False
    ids: tuple[int, ...] = ()


@dataclass
class ReparseReport:
    """What a reparse did; `lines` has one entry per proposal or message that changed."""

    checked: int = 0  # messages parsed again
    changed: int = 0  # proposals whose parsed fields or attachments changed
    recovered: int = 0  # formerly failed messages that parse now
    failing: int = 0  # messages that cannot be parsed (still, or now)
    lines: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return self.checked - self.changed - self.recovered - self.failing

    def summary(self) -> str:
        return (
            f"reparsed {self.checked}: changed {self.changed}, unchanged {self.unchanged}, "
            f"recovered {self.recovered}, failing {self.failing}"
        )


def reparse(
    config: Config, sessions: sessionmaker[Session], selection: Selection, tick: Tick = no_tick
) -> ReparseReport:
    """Parse the selected stored messages again and update them; holds the run lock.

    `tick()` after each message, for the CLI's progress bar.
    """
    report = ReparseReport()
    with run_lock(config), Sandbox.from_config(config.extract) as sandbox, writing():
        proposal_ids, failed_ids = _targets(sessions, selection)
        writer = Pipeline(config, sessions, sandbox)
        for proposal_id in proposal_ids:
            _reparse_proposal(config, sessions, writer, proposal_id, report)
            tick()
        retrier = make_retrier(config, sessions, sandbox)
        for raw_id in failed_ids:
            _retry_failed(sessions, retrier, raw_id, report)
            tick()
    return report


def _targets(sessions: sessionmaker[Session], selection: Selection) -> tuple[list[int], list[int]]:
    """(proposal ids, ids of raw messages without a proposal) to parse again."""
    with sessions() as session:
        if selection.ids:
            found = set(session.scalars(select(models.Proposal.id).where(
                models.Proposal.id.in_(selection.ids))))  # fmt: skip
            missing = [i for i in selection.ids if i not in found]
            if missing:
                raise UnknownProposal(missing)
            return list(dict.fromkeys(selection.ids)), []
        failed = list(
            session.scalars(
                select(models.RawMessage.id)
                .where(models.RawMessage.proposal == None)  # noqa: E711 (SQL IS NULL)
                .order_by(models.RawMessage.id)
            )
        )
        if selection.outdated:
            return outdated_proposals(session), failed
        return list(
            session.scalars(select(models.Proposal.id).order_by(models.Proposal.id))
        ), failed


def outdated_proposals(session: Session) -> list[int]:
    """Proposals parsed by another parser version, or with an attachment extracted by another
    extractor version than the current code's (NULL, from before versions, counts as other)."""
    ids = set(
        session.scalars(
            select(models.Proposal.id).where(
                (models.Proposal.parser_version != PARSER_VERSION)
                | models.Proposal.parser_version.is_(None)
            )
        )
    )
    rows = session.execute(
        select(
            models.Attachment.proposal_id,
            models.Attachment.detected_type,
            models.Attachment.extractor_version,
        )
    )
    for proposal_id, kind, version in rows:
        if version != extractor_version(kind):
            ids.add(proposal_id)
    return sorted(ids)


def _reparse_proposal(
    config: Config,
    sessions: sessionmaker[Session],
    writer: Pipeline,
    proposal_id: int,
    report: ReparseReport,
) -> None:
    with sessions() as session:
        proposal = _load(session, proposal_id)
        data, before = proposal.raw_message.data, snapshot(proposal)
    analysis = analyse(data, writer.extract, config.extract.limits)  # outside any transaction
    report.checked += 1
    if analysis.parsed is None:
        report.failing += 1
        report.lines.append(
            f"proposal {proposal_id}: cannot be parsed now, kept as it was: {analysis.error}"
        )
        return
    with sessions.begin() as session:
        proposal = _load(session, proposal_id)
        _refill(config, session, proposal, analysis.parsed)
        changes = describe_changes(before, snapshot(proposal))
    if changes:
        report.changed += 1
        report.lines.append(f"proposal {proposal_id}: {changes}")


def _load(session: Session, proposal_id: int) -> models.Proposal:
    query = (
        select(models.Proposal)
        .where(models.Proposal.id == proposal_id)
        .options(selectinload(models.Proposal.attachments))
    )
    return session.scalars(query).one()


def _refill(
    config: Config, session: Session, proposal: models.Proposal, parsed: ParsedMessage
) -> None:
    """Rewrite the parser's fields of `proposal`, received time and late flag included."""
    internal_date = session.scalar(
        select(models.Sighting.internal_date).where(
            models.Sighting.raw_message_id == proposal.raw_message_id,
            models.Sighting.account == proposal.source_account,
            models.Sighting.folder == proposal.source_folder,
            models.Sighting.uidvalidity.is_not_distinct_from(proposal.source_uidvalidity),
            models.Sighting.uid.is_not_distinct_from(proposal.source_uid),
        )
    )
    received_at = internal_date or parsed.received_at or parsed.sent_at
    store_messages.fill_proposal(
        proposal,
        parsed,
        received_at=received_at,
        late=is_late(received_at, config.deadline, config.timezone),
        combined_text=combined_text(parsed),
        codebook=config.codebook,
    )


def _retry_failed(
    sessions: sessionmaker[Session],
    retrier: retries.Retrier,
    raw_id: int,
    report: ReparseReport,
) -> None:
    """A message kept raw because it failed to parse: parse it again, as `hoering retry`."""
    done = retrier.retry([raw_id])
    report.checked += done.retried
    with sessions() as session:
        raw = session.get_one(models.RawMessage, raw_id)
        proposal_id = raw.proposal.id if raw.proposal is not None else None
        error = raw.parse_error
    if done.recovered:
        report.recovered += 1
        outcome = f"now proposal {proposal_id}" if proposal_id else "a duplicate of a stored one"
        report.lines.append(f"message {raw_id} (failed before): parsed, {outcome}")
    elif done.retried:
        report.failing += 1
        report.lines.append(f"message {raw_id}: still cannot be parsed: {error}")


# The proposal fields parsing fills, besides the body and the attachments.
_FIELDS = ("message_id", "subject", "sender_name", "sender_email", "sent_at", "received_at",
           "late", "warnings")  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    """What a proposal's parsed fields and attachments were, to tell what a reparse changed."""

    body: str
    fields: dict[str, object]
    attachments: dict[str, tuple[str, str | None]]  # path -> (text, error)


def snapshot(proposal: models.Proposal) -> Snapshot:
    return Snapshot(
        body=proposal.body_text,
        fields={name: getattr(proposal, name) for name in _FIELDS},
        attachments={a.path: (a.text, a.error) for a in proposal.attachments},
    )


def describe_changes(before: Snapshot, after: Snapshot) -> str:
    """One line naming what changed, e.g. "body changed; new text: a.pdf"; "" if nothing."""
    old, new = before.attachments, after.attachments
    found: dict[str, list[str]] = {}
    for path in new.keys() & old.keys():
        (old_text, old_error), (new_text, new_error) = old[path], new[path]
        if old_text != new_text:
            found.setdefault("new text", []).append(path)
        if old_error and not new_error:
            found.setdefault("error fixed", []).append(f"{path} (was: {old_error})")
        elif new_error and new_error != old_error:
            found.setdefault("new error", []).append(f"{path}: {new_error}")
    parts = [
        "body changed" if before.body != after.body else "",
        _listed("changed", [n for n in _FIELDS if before.fields[n] != after.fields[n]]),
        _listed("added", [path for path in new if path not in old]),
        _listed("removed", [path for path in old if path not in new]),
        *(_listed(label, sorted(items)) for label, items in sorted(found.items())),
    ]
    return "; ".join(part for part in parts if part)


def _listed(label: str, items: list[str]) -> str:
    return f"{label}: {', '.join(items)}" if items else ""
