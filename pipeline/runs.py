"""`hoering poll`, `import` and `retry` as recorded runs: lock, sandbox, retries, actions."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config, ConfigError, ImapConfig
from hoering.errors import HoeringError, Interrupted
from hoering.ingest import imap
from hoering.ingest.files import FILE_ACCOUNT, read_paths
from hoering.ingest.secrets import SecretError
from hoering.parse.message import extract as extract_in_process
from hoering.parse.model import Extractor
from hoering.pipeline import accounts, placing, postactions, retries
from hoering.pipeline.assemble import Assembler
from hoering.pipeline.lock import run_lock
from hoering.pipeline.parsing import parse_bytes
from hoering.pipeline.partials import joined_partials
from hoering.pipeline.report import RunReport, Tick, no_tick
from hoering.pipeline.run import Item, Pipeline
from hoering.pipeline.sandbox import Sandbox
from hoering.store import messages as store_messages
from hoering.store import models
from hoering.store.db import first_line, writing

log = logging.getLogger(__name__)
INTERRUPTED = "interrupted (Ctrl-C)"


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
        run.already_stored, run.duplicates = report.already_stored, report.duplicates
        run.failed, run.error = report.failed, error


class AccountsFailed(HoeringError):
    """Some accounts of a multi-account poll failed; the others were polled.

    Its exit code is the first failed account's.
    """

    def __init__(self, report: RunReport, failures: list[tuple[str, HoeringError]]) -> None:
        names = ", ".join(name for name, _ in failures)
        accounts = "1 account" if len(failures) == 1 else f"{len(failures)} accounts"
        super().__init__(f"{accounts} failed: {names}")
        self.report = report  # the counts of the accounts that worked
        self.failures = failures  # (account name, its error), in config order
        self.exit_code = failures[0][1].exit_code


def poll(config: Config, sessions: sessionmaker[Session], tick: Tick = no_tick) -> RunReport:
    """`hoering poll`: fetch what is new in each configured IMAP account and store it.

    One account failing (login, network, secret) does not stop the next; AccountsFailed
    reports them at the end. A single account's error is raised as it is.
    """
    if not config.accounts:
        raise ConfigError(f"{config.path}: [imap]: section is missing (needed by poll)")
    with run_lock(config):
        if len(config.accounts) == 1:
            return poll_account(config, sessions, config.accounts[0], tick)
        total, failures = RunReport(), []
        for account in config.accounts:
            try:
                total.add(poll_account(config, sessions, account, tick))
            except (imap.ImapError, SecretError) as exc:
                # Said once at the end (`hoering: ACCOUNT: reason`); here only with -v.
                log.info(
                    "account %s failed, going on with the next: %s", accounts.name(account), exc
                )
                failures.append((accounts.name(account), exc))
    if failures:
        raise AccountsFailed(total, failures)
    return total


def poll_account(
    config: Config, sessions: sessionmaker[Session], account: ImapConfig, tick: Tick = no_tick
) -> RunReport:
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
            tick,
        )
    report.note_retries(retried)
    # Only now, with every message of this account committed, may the mailbox change.
    actions = postactions.run_actions(config, sessions, settings)
    report.actions_done, report.actions_failed = actions.done, actions.failed
    return report


def import_paths(
    config: Config, sessions: sessionmaker[Session], paths: list[Path], tick: Tick = no_tick
) -> RunReport:
    """`hoering import`: the offline twin of poll, with the same matching and dedup."""
    with run_lock(config), Sandbox.from_config(config.extract) as sandbox:
        retried = retrier(config, sessions, sandbox).retry_due(FILE_ACCOUNT)
        report = _recorded_run(
            config,
            sessions,
            "import",
            lambda _pipeline: joined_partials(read_paths(paths)),
            sandbox,
            tick,
        )
    report.note_retries(retried)
    return report


def retrier(
    config: Config, sessions: sessionmaker[Session], extract: Extractor = extract_in_process
) -> retries.Retrier:
    """Parses failed messages again with a run's parser and proposal assembly.

    `extract` is the run's Sandbox: stored attachments are as untrusted as new ones.
    """
    parse = partial(parse_bytes, extract=extract, limits=config.extract.limits)
    return retries.Retrier(config, sessions, parse, Assembler.from_config(config).add_proposal)


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
    source: Callable[[Pipeline], Iterable[Item]],
    extract: Extractor,
    tick: Tick = no_tick,
) -> RunReport:
    """Run a pipeline over `source`, keeping a row in `runs` with its counts and any error.

    The caller holds the run lock and the Sandbox that `extract` is.
    """
    with writing():
        run_id = record_run(sessions, kind)
    pipeline = Pipeline(config, sessions, extract)
    try:
        report = pipeline.run(source(pipeline), tick)
    except KeyboardInterrupt:
        _close_failed_run(sessions, run_id, pipeline.report, INTERRUPTED)
        raise Interrupted(
            f"{INTERRUPTED}; until then: {pipeline.report.summary()}; "
            "what was not stored is read again by the next run"
        ) from None
    except Exception as exc:
        _close_failed_run(sessions, run_id, pipeline.report, str(exc))
        raise
    finish_run(sessions, run_id, report, "; ".join(report.folder_errors) or None)
    # New replies (and retried ones that parse now) may join or form campaigns: placed by
    # the persisted index, reading a few rows per new reply, not every stored one. With
    # workers most were placed during the loop already; these are the last ones.
    placing.place_new(sessions, extract)
    return report


def _close_failed_run(
    sessions: sessionmaker[Session], run_id: int, report: RunReport, error: str
) -> None:
    try:
        finish_run(sessions, run_id, report, error=error)
    except SQLAlchemyError as exc:
        # The run's own error is what the operator needs; this one is a consequence.
        log.warning("could not record the failed run: %s", first_line(exc))
