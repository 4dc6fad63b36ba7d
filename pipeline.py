"""Wires ingest -> parse -> store. The only module that imports all three.

One message at a time: match the subject, parse, then write the raw bytes, the
proposal and the folder cursor in one transaction. A message that cannot be
parsed is stored raw with its error, and the run goes on.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import accounts
import postactions
import retries
from config import Config, ConfigError, ImapConfig, SecretError
from ingest import imap
from ingest.files import FILE_ACCOUNT, read_paths
from ingest.raw import FolderChecked, MessageOrigin, RawMessage, SkippedMessage
from parse.attachments import Extractor
from parse.attachments import extract as extract_in_process
from parse.combined import combined_text
from parse.headers import subject_from_header_block
from parse.message import UnparseableMessage, parse_message
from parse.model import ParsedMessage
from parse.subject import SubjectMatcher
from sandbox import Sandbox
from store import duplicates as store_duplicates
from store import messages as store_messages
from store import models, states
from store.db import DatabaseError, first_line, write_failed

log = logging.getLogger(__name__)
SKIPS_PER_COMMIT = 500  # a mailbox of newsletters still commits its progress now and then


@dataclass
class RunReport:
    """What one poll or import did."""

    seen: int = 0  # messages looked at
    matched: int = 0  # marked as consultation replies
    stored: int = 0  # new proposals (or new raw messages that failed to parse)
    duplicates: int = 0  # already stored: same Message-ID, or same bytes
    failed: int = 0  # stored raw only: could not be parsed
    retried: int = 0  # earlier failures parsed again from their stored bytes
    recovered: int = 0  # ... which parsed this time
    parked: int = 0  # ... which failed for the last allowed time ([poll] max_attempts)
    actions_done: int = 0  # post-actions ([actions] after) done on stored replies
    actions_failed: int = 0  # ... refused by the server; tried again next run

    def summary(self) -> str:
        text = (
            f"seen {self.seen}, matched {self.matched}, stored {self.stored}, "
            f"duplicates {self.duplicates}, failed {self.failed}"
        )
        if self.retried:
            text += f", retried {self.retried} (recovered {self.recovered}, parked {self.parked})"
        if self.actions_done or self.actions_failed:
            text += f", actions done {self.actions_done}, failed {self.actions_failed}"
        return text

    def note_retries(self, done: retries.RetryReport) -> None:
        self.retried, self.recovered, self.parked = done.retried, done.recovered, done.parked

    @property
    def partial(self) -> bool:
        """Something needs a look: a message that did not parse, or a refused action."""
        return bool(self.failed or self.retried - self.recovered or self.actions_failed)

    def add(self, other: RunReport) -> None:
        """Add another run's counts to these (one poll over several accounts)."""
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)


@dataclass(frozen=True)
class Analysis:
    """Everything derived from one message's bytes before it is written."""

    sha256: str
    key: str
    parsed: ParsedMessage | None
    error: str | None


def header_block(data: bytes) -> bytes:
    """The header section of a raw message (up to the first empty line)."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = data.find(separator)
        if end != -1:
            return data[: end + len(separator)]
    return data


def is_late(received_at: datetime | None, deadline: date | None, tz: ZoneInfo) -> bool:
    """Late means received after the end of the deadline day, in the consultation's time zone."""
    if received_at is None or deadline is None:
        return False
    end_of_deadline = datetime.combine(deadline + timedelta(days=1), time(0), tzinfo=tz)
    return received_at >= end_of_deadline


def analyse(data: bytes, extract: Extractor = extract_in_process) -> Analysis:
    """Parse one message; any failure becomes a recorded error, never an exception.

    `extract` reads the attachments: a run passes its Sandbox.
    """
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        parsed = parse_message(data, extract)
    except UnparseableMessage as exc:
        return Analysis(sha256, store_messages.dedup_key(None, sha256), None, str(exc))
    except Exception as exc:  # the one broad handler: a parser bug must not stop the run
        log.exception("parser crashed on message sha256=%s", sha256)
        error = f"internal parser error: {type(exc).__name__}: {exc}"
        return Analysis(sha256, store_messages.dedup_key(None, sha256), None, error)
    return Analysis(sha256, store_messages.dedup_key(parsed.message_id, sha256), parsed, None)


class Pipeline:
    """One run: feeds raw messages through matching, parsing and storage."""

    def __init__(
        self,
        config: Config,
        sessions: sessionmaker[Session],
        extract: Extractor = extract_in_process,
    ) -> None:
        self.config = config
        self.sessions = sessions
        self.extract = extract  # the run's Sandbox
        self.matcher = SubjectMatcher(config.subject_markers)
        self.report = RunReport()
        # (account, folder) -> (uidvalidity, uid) not yet written to the database.
        self.pending_cursors: dict[tuple[str, str], tuple[int, int]] = {}
        # Unmarked IMAP messages, recorded with the cursor that passes them.
        self.pending_skips: list[store_messages.Source] = []
        self.owe_action = config.actions.after != "none"

    def wants(self, header: bytes) -> bool:
        """The subject test, on a header block; IMAP uses it before fetching bodies."""
        return self.matcher.matches(subject_from_header_block(header))

    def run(self, items: Iterable[RawMessage | SkippedMessage | FolderChecked]) -> RunReport:
        try:
            for item in items:
                if isinstance(item, FolderChecked):
                    self.note_cursor(item.origin)
                    continue
                self.report.seen += 1
                if isinstance(item, RawMessage) and self.wants(header_block(item.data)):
                    self.report.matched += 1
                    self.store(item)
                else:
                    self.note_cursor(item.origin)
                    self.note_skipped(item.origin)
            self.flush_cursors()
        except SQLAlchemyError as exc:
            raise write_failed(exc) from None
        return self.report

    def store(self, item: RawMessage) -> None:
        self.note_cursor(item.origin)
        if self.known_bytes(item):
            self.report.duplicates += 1
            return
        # Outside any transaction: a big PDF takes seconds.
        analysis = analyse(item.data, self.extract)
        try:
            outcome = self.write(item, analysis)
        except IntegrityError:
            # Another poller stored the same message between our check and our insert.
            outcome = self.write(item, analysis)
        if outcome == "duplicate":
            self.report.duplicates += 1
        elif analysis.error:
            self.report.failed += 1
            origin = item.origin
            log.warning(
                "could not parse message (stored raw): %s",
                analysis.error,
                extra={"account": origin.account, "folder": origin.folder, "uid": origin.uid},
            )
        else:
            self.report.stored += 1

    def known_bytes(self, item: RawMessage) -> bool:
        """Seen these exact bytes before? Then record where, without parsing them again."""
        sha256 = hashlib.sha256(item.data).hexdigest()
        with self.sessions.begin() as session:
            raw = store_messages.find_raw_message_by_sha256(session, sha256)
            if raw is None:
                return False
            self.write_cursors(session)
            store_messages.record_sighting(session, raw, _source(item.origin))
            states.record_outcome(
                session, _source(item.origin), raw, new=False, owe_action=self.owe_action
            )
        self.clear_pending()
        return True

    def write(self, item: RawMessage, analysis: Analysis) -> str:
        with self.sessions.begin() as session:
            self.write_cursors(session)
            outcome = self.write_message(session, item, analysis)
        self.clear_pending()  # only once they are committed
        return outcome

    def write_message(self, session: Session, item: RawMessage, analysis: Analysis) -> str:
        source = _source(item.origin)
        raw = store_messages.find_raw_message(session, analysis.key)
        if raw is not None:
            store_messages.record_sighting(session, raw, source)
            states.record_outcome(session, source, raw, new=False, owe_action=self.owe_action)
            return "duplicate"
        parsed = analysis.parsed
        message_id = parsed.message_id if parsed else None
        raw = store_messages.add_raw_message(
            session, analysis.key, analysis.sha256, message_id, item.data, analysis.error
        )
        store_messages.record_sighting(session, raw, source)
        if parsed is not None:
            self.add_proposal(session, raw, parsed, source)
        states.record_outcome(session, source, raw, new=True, owe_action=self.owe_action)
        return "stored"

    def add_proposal(
        self,
        session: Session,
        raw: models.RawMessage,
        parsed: ParsedMessage,
        source: store_messages.Source,
    ) -> None:
        received_at = source.internal_date or parsed.received_at or parsed.sent_at
        store_messages.add_proposal(
            session,
            raw,
            parsed,
            received_at=received_at,
            late=is_late(received_at, self.config.deadline, self.config.timezone),
            combined_text=combined_text(parsed),
            source=source,
            codebook=self.config.codebook,
        )

    def note_cursor(self, origin: MessageOrigin) -> None:
        if origin.uidvalidity is not None and origin.uid is not None:
            self.pending_cursors[(origin.account, origin.folder)] = (origin.uidvalidity, origin.uid)

    def note_skipped(self, origin: MessageOrigin) -> None:
        if origin.uidvalidity is not None:  # IMAP: a file has nothing to download again
            self.pending_skips.append(_source(origin))
            if len(self.pending_skips) >= SKIPS_PER_COMMIT:
                self.flush_cursors()

    def write_cursors(self, session: Session) -> None:
        """The cursors and skipped messages noted so far, in the caller's transaction."""
        for (account, folder), (uidvalidity, uid) in self.pending_cursors.items():
            store_messages.save_cursor(session, account, folder, uidvalidity, uid)
        states.record_skipped(session, self.pending_skips)

    def clear_pending(self) -> None:
        self.pending_cursors.clear()
        self.pending_skips.clear()

    def flush_cursors(self) -> None:
        if self.pending_cursors or self.pending_skips:
            with self.sessions.begin() as session:
                self.write_cursors(session)
            self.clear_pending()


def _source(origin: MessageOrigin) -> store_messages.Source:
    return store_messages.Source(
        account=origin.account,
        folder=origin.folder,
        uidvalidity=origin.uidvalidity,
        uid=origin.uid,
        internal_date=origin.internal_date,
    )


def record_run(sessions: sessionmaker[Session], kind: str) -> int:
    """Open a row in `runs`; returns its id."""
    with sessions.begin() as session:
        run = models.Run(kind=kind)
        session.add(run)
        session.flush()
        return run.id


def finish_run(
    sessions: sessionmaker[Session], run_id: int, report: RunReport, error: str | None = None
) -> None:
    with sessions.begin() as session:
        run = session.get_one(models.Run, run_id)
        run.finished_at = datetime.now(UTC)
        run.seen, run.matched, run.stored = report.seen, report.matched, report.stored
        run.duplicates, run.failed, run.error = report.duplicates, report.failed, error


class RunLocked(Exception):
    """Another poll or import holds the lock."""


def lock_path(config: Config) -> Path:
    """The lock file: configured, else beside the SQLite file, else beside the config."""
    if config.lock_file is not None:
        return config.lock_file
    url = make_url(config.store_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database + ".lock")
    return config.path.resolve().with_name("hoering.lock")


@contextmanager
def run_lock(config: Config) -> Iterator[None]:
    """Hold the run lock; fail at once if another run holds it.

    flock-based, so the kernel releases it when a killed process dies: never stale.
    """
    path = lock_path(config)
    try:
        lock = FileLock(path, timeout=0).acquire()
    except Timeout:
        raise RunLocked(f"another hoering poll or import is running (lock {path})") from None
    except OSError as exc:
        raise DatabaseError(f"cannot create lock file {path}: {exc.strerror}") from None
    with lock:
        yield


class AccountsFailed(Exception):
    """Some accounts of a multi-account poll failed; the others were polled."""

    def __init__(self, report: RunReport, failures: list[tuple[str, Exception]]) -> None:
        names = ", ".join(name for name, _ in failures)
        super().__init__(f"{len(failures)} account(s) failed: {names}")
        self.report = report  # the counts of the accounts that worked
        self.failures = failures  # (account name, its error), in config order


def poll(config: Config, sessions: sessionmaker[Session]) -> RunReport:
    """`hoering poll`: fetch what is new in each configured IMAP account and store it.

    One account failing (login, network, secret) does not stop the next; AccountsFailed
    reports them at the end. A single account's error is raised as it is.
    """
    if not config.accounts:
        raise ConfigError(f"{config.path}: [imap]: section is missing (needed by poll)")
    with run_lock(config):
        if len(config.accounts) == 1:
            return poll_account(config, sessions, config.accounts[0])
        total, failures = RunReport(), []
        for account in config.accounts:
            try:
                total.add(poll_account(config, sessions, account))
            except (imap.ImapError, SecretError) as exc:
                log.warning(
                    "account %s failed, going on with the next: %s", accounts.name(account), exc
                )
                failures.append((accounts.name(account), exc))
    if failures:
        raise AccountsFailed(total, failures)
    return total


def poll_account(config: Config, sessions: sessionmaker[Session], account: ImapConfig) -> RunReport:
    """Poll one account's folders; the caller holds the run lock."""
    settings = accounts.settings(account)
    name = imap.account_id(settings)
    # One pool of extraction workers for the account's run, retries included.
    with Sandbox.from_config(config.extract) as sandbox:
        retried = retrier(config, sessions, sandbox).retry_due(name)
        with sessions() as session:
            cursors = store_messages.load_cursors(session, name)
        report = _recorded_run(
            config,
            sessions,
            "poll",
            lambda pipeline: imap.messages(settings, cursors, pipeline.wants),
            sandbox,
        )
    report.note_retries(retried)
    # Only now, with every message of this account committed, may the mailbox change.
    actions = postactions.run_actions(config, sessions, settings)
    report.actions_done, report.actions_failed = actions.done, actions.failed
    return report


def import_paths(config: Config, sessions: sessionmaker[Session], paths: list[Path]) -> RunReport:
    """`hoering import`: the offline twin of poll, with the same matching and dedup."""
    with run_lock(config), Sandbox.from_config(config.extract) as sandbox:
        retried = retrier(config, sessions, sandbox).retry_due(FILE_ACCOUNT)
        report = _recorded_run(
            config, sessions, "import", lambda pipeline: read_paths(paths), sandbox
        )
    report.note_retries(retried)
    return report


def retrier(
    config: Config, sessions: sessionmaker[Session], extract: Extractor = extract_in_process
) -> retries.Retrier:
    """Parses failed messages again with this pipeline's parser and proposal writer.

    `extract` is the run's Sandbox: stored attachments are as untrusted as new ones.
    """
    writer = Pipeline(config, sessions, extract)
    return retries.Retrier(config, sessions, partial(analyse, extract=extract), writer.add_proposal)


def retry(
    config: Config, sessions: sessionmaker[Session], state_ids: list[int] | None
) -> retries.RetryReport:
    """`hoering retry`: parse failed messages again now, queue failed actions again."""
    with run_lock(config), Sandbox.from_config(config.extract) as sandbox:
        return retrier(config, sessions, sandbox).retry_now(state_ids)


def _recorded_run(
    config: Config,
    sessions: sessionmaker[Session],
    kind: str,
    source: Callable[[Pipeline], Iterable[RawMessage | SkippedMessage | FolderChecked]],
    extract: Extractor,
) -> RunReport:
    """Run a pipeline over `source`, keeping a row in `runs` with its counts and any error.

    The caller holds the run lock and the Sandbox that `extract` is.
    """
    try:
        run_id = record_run(sessions, kind)
    except SQLAlchemyError as exc:
        raise write_failed(exc) from None
    pipeline = Pipeline(config, sessions, extract)
    try:
        report = pipeline.run(source(pipeline))
    except Exception as exc:
        _close_failed_run(sessions, run_id, pipeline.report, str(exc))
        raise
    finish_run(sessions, run_id, report)
    if report.stored:
        # New replies may join or form campaigns; a full regrouping is cheap (README).
        try:
            with sessions.begin() as session:
                store_duplicates.refresh(session)
        except SQLAlchemyError as exc:
            raise write_failed(exc) from None
    return report


def _close_failed_run(
    sessions: sessionmaker[Session], run_id: int, report: RunReport, error: str
) -> None:
    try:
        finish_run(sessions, run_id, report, error=error)
    except SQLAlchemyError as exc:
        # The run's own error is what the operator needs; this one is a consequence.
        log.warning("could not record the failed run: %s", first_line(exc))
