"""Failed messages parsed again from their stored bytes: on each later run, or on demand.

A message that could not be parsed is kept raw (nothing received is lost), so a retry
needs no IMAP: it reads the bytes from the database. The parser is deterministic, so
a retry helps after an upgrade of hoering or a passing fault (memory, a crashed
library); after `[poll] max_attempts` parses the message is parked until `hoering retry`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config
from hoering.errors import UsageError
from hoering.origin import MessageOrigin
from hoering.parse.model import ParsedMessage
from hoering.pipeline.parsing import ParseResult, gave_up
from hoering.store import messages as store_messages
from hoering.store import models, states
from hoering.store.db import writing
from hoering.vocab import MessageStatus, RetryOutcome

log = logging.getLogger(__name__)

AddProposal = Callable[[Session, models.RawMessage, ParsedMessage, MessageOrigin], None]


class NotAFailure(UsageError):
    """`hoering retry ID` named no failed or parked message or action."""


@dataclass
class RetryReport:
    retried: int = 0  # messages parsed again
    recovered: int = 0  # ... that parsed now (stored, or found to be a duplicate)
    parked: int = 0  # ... that failed for the last allowed time now
    requeued: int = 0  # failed post-actions queued for the next poll

    @property
    def still_failing(self) -> int:
        return self.retried - self.recovered

    def summary(self) -> str:
        text = (
            f"retried {self.retried}: recovered {self.recovered}, "
            f"still failing {self.still_failing} (parked {self.parked})"
        )
        if self.requeued:
            text += f"; {self.requeued} action(s) will be tried again on the next poll"
        return text


class Retrier:
    """Parses failed messages again; the pipeline hands in its parser and proposal writer."""

    def __init__(
        self,
        config: Config,
        sessions: sessionmaker[Session],
        parse: Callable[[bytes], ParseResult],
        add_proposal: AddProposal,
    ) -> None:
        self.config = config
        self.sessions = sessions
        self.parse = parse
        self.add_proposal = add_proposal

    def retry_due(self, account: str) -> RetryReport:
        """At the start of a run: parse again the failed (not parked) messages of `account`."""
        with self.sessions() as session:
            raw_ids = states.due_for_retry(session, [account])
        return self.retry(raw_ids)

    def retry_now(self, state_ids: Sequence[int] | None) -> RetryReport:
        """`hoering retry ID...|--all`: parse again now (parked too); requeue failed actions."""
        with writing():
            raw_ids, requeued = self._select(state_ids)
        report = self.retry(raw_ids)
        report.requeued = requeued
        return report

    def _select(self, state_ids: Sequence[int] | None) -> tuple[list[int], int]:
        """The messages to parse again, and how many actions were put back in the queue."""
        raw_ids: list[int] = []
        requeued = 0
        with self.sessions.begin() as session:
            rows = _chosen(states.failures(session), state_ids)
            for row in rows:
                if row.status in states.FAILING and row.raw_message_id is not None:
                    raw_ids.append(row.raw_message_id)
                if row.action_state in states.ACTION_FAILING:
                    states.requeue(session, row)
                    requeued += 1
        return list(dict.fromkeys(raw_ids)), requeued

    def retry(self, raw_ids: Sequence[int]) -> RetryReport:
        """Parse each message again and record the outcome, one short transaction each."""
        report = RetryReport()
        with writing():
            for raw_id in raw_ids:
                with self.sessions() as session:
                    # A purge keeps the bytes of mail that never became a reply, so a failed
                    # message has them; a purged one is skipped rather than parsed as b"".
                    data = session.scalar(
                        select(models.RawMessage.data).where(
                            models.RawMessage.id == raw_id, models.RawMessage.purged_at.is_(None)
                        )
                    )
                if data is None:
                    continue
                report.retried += 1
                # Parsed outside any transaction, as in a run; not kept in a local, so
                # _record_or_fail can free it when it does not fit in memory.
                outcome = self._record_or_fail(raw_id, self.parse(data))
                report.recovered += outcome == RetryOutcome.RECOVERED
                report.parked += outcome == RetryOutcome.PARKED
        return report

    def _record_or_fail(self, raw_id: int, result: ParseResult) -> RetryOutcome:
        """Record the outcome; running out of memory storing the proposal counts as a failure,
        so the message is parked after `max_attempts` instead of stopping every run."""
        try:
            with self.sessions.begin() as session:
                return self._record(session, raw_id, result)
        except MemoryError:
            pass  # handled below, once the traceback and the texts it holds are released
        log.error("out of memory storing message %d on retry", raw_id)
        result = gave_up(result)
        with self.sessions.begin() as session:
            return self._record(session, raw_id, result)

    def _record(self, session: Session, raw_id: int, result: ParseResult) -> RetryOutcome:
        raw = session.get_one(models.RawMessage, raw_id)
        if result.parsed is None:
            error = result.error or "unknown error"
            raw.parse_error = error
            rows = states.record_retry_failure(session, raw_id, error, self.config.max_attempts)
            parked = [row for row in rows if row.status == MessageStatus.PARKED]
            if not parked:
                return RetryOutcome.FAILED
            log.warning(
                "message %d still cannot be parsed after %d attempts; parked (see hoering "
                "failures): %s",
                raw_id,
                max(row.attempts for row in parked),
                error,
                extra={"raw_message_id": raw_id},
            )
            return RetryOutcome.PARKED
        status = self._store_recovered(session, raw, result)
        states.record_recovered(session, raw_id, status, self.config.actions.after != "none")
        log.info(
            "message %d parsed on retry (%s)", raw_id, status, extra={"raw_message_id": raw_id}
        )
        return RetryOutcome.RECOVERED

    def _store_recovered(
        self, session: Session, raw: models.RawMessage, result: ParseResult
    ) -> MessageStatus:
        """Write the proposal of a message that parsed on retry; DUPLICATE if already stored."""
        parsed = result.parsed
        assert parsed is not None
        raw.parse_error = None
        raw.message_id = parsed.message_id
        other = store_messages.find_raw_message(session, result.key)
        if other is not None and other.id != raw.id:
            # The same Message-ID arrived again meanwhile and parsed: that copy is the proposal.
            return MessageStatus.DUPLICATE
        raw.dedup_key = result.key  # from now on known by its Message-ID, like any other
        if raw.proposal is None:
            self.add_proposal(session, raw, parsed, _first_source(raw))
        return MessageStatus.STORED


def _chosen(
    rows: list[models.MessageState], state_ids: Sequence[int] | None
) -> list[models.MessageState]:
    if state_ids is None:
        return rows
    by_id = {row.id: row for row in rows}
    missing = [str(i) for i in state_ids if i not in by_id]
    if missing:
        raise NotAFailure(
            f"no failed message or action with id {', '.join(missing)} (see hoering failures)"
        )
    return [by_id[i] for i in dict.fromkeys(state_ids)]


def _first_source(raw: models.RawMessage) -> MessageOrigin:
    """Where the message was first seen: the proposal's source, with its INTERNALDATE."""
    first = min(raw.sightings, key=lambda s: s.id)
    return MessageOrigin(
        first.account, first.folder, first.uidvalidity, first.uid, first.internal_date
    )
