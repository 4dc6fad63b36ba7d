"""A run's batches written in a thread of their own, one at a time, while the run parses the
next batch: the sandbox's workers derive on while a batch is written, instead of idling
through every write (a run drains its parses before each write).

At most one batch is being written while the next is gathered, so a run holds at most two
batches (2 x run.BATCH_SIZE). Writes stay in order and one at a time: each starts only once
the one before it committed, and a write's error goes up in the run's thread when it next
hands a batch over or waits (`drain`), so what was not committed is fetched again by the
next run, as before. The thread gets the batch, its cursors and skips and the ORM objects
built for them; the run's thread does not touch them after handing them over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from hoering.store.db import first_line

log = logging.getLogger(__name__)


class WriteBehind:
    """Inside its `with` block, one thread that runs jobs one after the other; not
    `threaded`, each job runs at once in the caller's thread."""

    def __init__(self, threaded: bool) -> None:
        self.threaded = threaded
        self.threads: ThreadPoolExecutor | None = None
        self.pending: Future[None] | None = None

    def __enter__(self) -> WriteBehind:
        # The thread lives as long as the block, as ParsePool's do (pipeline/parsing.py).
        if self.threaded:
            self.threads = ThreadPoolExecutor(1, thread_name_prefix="write")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if error is None:
                self.drain()
            elif self.pending is not None:
                # The run's own error goes up; the batch being written finishes (a transaction
                # of its own, committed or rolled back) before the run's caller goes on, and
                # its own error is said, not lost behind the run's (a Ctrl-C during a write
                # that ran out of disk).
                failed = self.pending.exception()
                self.pending = None
                if failed is not None:
                    log.warning("the batch being written failed as well: %s", first_line(failed))
        finally:
            if self.threads is not None:
                self.threads.shutdown(wait=True)
                self.threads = None

    def submit(self, job: Callable[[], None]) -> None:
        """Run `job` once the previous one is done (its error raised here, if it failed)."""
        self.drain()
        if self.threads is None:
            job()
            return
        self.pending = self.threads.submit(job)

    def drain(self) -> None:
        """Wait for the job under way; its error is raised here."""
        pending = self.pending
        if pending is None:
            return
        try:
            pending.result()
        finally:
            # Interrupted waiting (Ctrl-C), the job is still pending: __exit__ waits for it.
            if pending.done():
                self.pending = None
