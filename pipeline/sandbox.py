"""Extraction of untrusted attachments in worker processes with a time and a memory limit.

Attachments come from strangers: a crafted PDF can make a parser loop or eat memory, and a
C library can crash on bad bytes. So every attachment is extracted in a worker of a pebble
ProcessPool. A worker that runs past its time is killed; one that exhausts its address
space fails or dies; either way that attachment gets a recorded reason, the worker is
replaced, and the run goes on with the message's other attachments.

The pool has one worker per core by default, and the pipeline parses as many messages at
once from threads, so one reply's PDF is read while another's scan is OCR'd. Identical
attachments are read once per run (pipeline.extractcache).

The same workers derive a new reply's fields (respondent, cleaned reply, themes, the
initiative split: `derive`, rules/reply_task.py) from its parsed message, so a run derives
on every core while its own process writes; those tasks have the same limits, and a worker
that dies on one makes that message a recorded failure (pipeline/parsing.derived_in_worker).

Workers are forked from the run itself, so they inherit the parsers already imported, but
never from a parse thread: a worker forked from a concurrent.futures thread tried to join
that thread at its exit (the executor's atexit hook), so every worker retiring after
`max_tasks` exited with status 1. When that happened with no task acknowledged, pebble took
it for "All workers expired" and the pool stayed broken for the rest of the run (issue 16).
pebble forks a pool's first workers in the thread that starts it and their replacements in
its own manager thread, so a pool is started on entry (the CLI's main thread, before any
parse thread exists), and a rebuild starts its pool in a plain thread of its own. As a
safety net a broken pool is rebuilt (by one caller; the others wait for it) and the
attachment sent once more; if the fresh pool breaks under it too, that is the attachment's
recorded error, as a worker it killed (a crash, the time or memory limit) always is.
(A forkserver avoided the thread too, but starting it and importing the parsers again in
it cost every run about 1.7 s.)
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from hoering.config import ExtractConfig
from hoering.derived import DerivedReply, ReplyInputs
from hoering.errors import HoeringError
from hoering.parse.filenames import sanitize_filename
from hoering.parse.limits import (
    EXTRACT_MEMORY_MB,
    EXTRACT_TIMEOUT_SECONDS,
    MAX_ATTACHMENT_MB,
    MIB,
    ExtractLimits,
)
from hoering.parse.message import extract
from hoering.parse.model import Attachment, AttachmentInput, Extractor
from hoering.parse.sniff import detect_type
from hoering.parse.versions import extractor_version
from hoering.pipeline.extractcache import CACHE_BYTES, ExtractionCache
from hoering.pipeline.worker_bounds import RETIRE_MB, RETIRED, bounded, limit_memory
from hoering.rules.pure_map import PartFunction
from hoering.rules.reply_task import DeriveContext, derive_task

log = logging.getLogger(__name__)

# Workers are forked (not spawned): they start at once, with the parsers imported. Named,
# as Python 3.14 makes forkserver the default on Linux.
WORKER_START = multiprocessing.get_context("fork")
# How often a caller waiting for its attachment checks that the pool is still alive: a task
# pebble had not yet registered when the pool broke is never answered.
WATCH_SECONDS = 0.5
# Pools one attachment may find broken, and rebuild, before it is recorded as unread.
MAX_POOLS = 3
# Items a worker gets per task from map_parts: a few tasks per worker for a chunk of 500, and
# a part of long texts still ends well within the task time limit.
MAP_PART = 100
# Tasks in a row whose workers retired before starting them (worker_bounds.RETIRED): a fresh
# worker does not retire, so more than this is a worker exiting with that status by itself.
MAX_RETIRED = 4
T = TypeVar("T")


class TaskFailed(HoeringError):
    """A worker's task ended without a result: its worker died, it hit a limit, or it
    raised. `reason` is what is recorded ("crashed: ...", "limit: ...")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SandboxLimits:
    """How much one attachment may cost; `[extract]` in the config sets them."""

    timeout_seconds: float = EXTRACT_TIMEOUT_SECONDS
    memory_mb: int = EXTRACT_MEMORY_MB
    max_attachment_mb: float | None = MAX_ATTACHMENT_MB  # None: no size limit
    # Tasks per worker before a fresh one replaces it (for the extractors' C libraries);
    # one grown by more than `retire_mb` is replaced sooner (pipeline/worker_bounds.py).
    max_tasks: int = 1000
    retire_mb: int = RETIRE_MB
    # Worker processes: as many attachments are read at once, when as many threads call
    # the sandbox (the pipeline parses that many messages at once).
    workers: int = 1


def default_workers() -> int:
    """One extraction worker per core this process may run on (taskset, cgroups)."""
    return max(1, len(os.sched_getaffinity(0)))


class Sandbox:
    """An Extractor that runs `target` in pooled worker processes, one pool per run.

    Use it as a context manager: the pool is shut down on leaving, also on errors and
    Ctrl-C (workers ignore SIGINT; pebble kills them on stop).
    """

    def __init__(
        self,
        limits: SandboxLimits = SandboxLimits(),
        target: Extractor = extract,
        extract_limits: ExtractLimits | None = None,
        cache_bytes: int = CACHE_BYTES,
        deriver: Callable[[ReplyInputs, DeriveContext], DerivedReply] = derive_task,
    ) -> None:
        self.limits = limits
        self.target = target  # a picklable top-level function; tests pass misbehaving ones
        self.deriver = deriver  # the same for a reply's derived fields
        self.extract_limits = extract_limits  # archive and OCR limits; None: the item's own
        self.pool: ProcessPool | None = None
        self.generation = 0  # pools built in this run; a caller rebuilds only the one it used
        self.pool_lock = threading.Lock()  # one caller submits to, or replaces, the pool
        self.cache = ExtractionCache(cache_bytes)  # one run's results, by content

    @property
    def workers(self) -> int:
        """How many attachments are extracted at once: callers may use as many threads."""
        return self.limits.workers

    @classmethod
    def from_config(cls, config: ExtractConfig) -> Sandbox:
        """The sandbox for a run, with the limits of the config's [extract] section."""
        limits = SandboxLimits(
            timeout_seconds=config.timeout_seconds,
            memory_mb=config.memory_mb,
            max_attachment_mb=config.max_attachment_mb,
            workers=config.workers or default_workers(),
        )
        return cls(limits, extract_limits=config.limits)

    def __enter__(self) -> Sandbox:
        self.cache = ExtractionCache(self.cache.max_bytes)  # a run starts with none kept
        # What is alive now (modules, the ORM's mappings, the config) lives all run: kept
        # out of the collector's full passes, which went through all of it again and again
        # (about 1 ms of the run's CPU a reply), and out of the workers' passes, which
        # copied the pages they share with this process. Unfrozen when the run ends.
        gc.freeze()
        try:
            self.pool = self.new_pool()
        except BaseException:
            gc.unfreeze()
            raise
        return self

    def new_pool(self) -> ProcessPool:
        """A pool whose first workers are already forked, from the main thread or a plain
        thread started for it, never from the caller's executor thread (module docstring)."""
        pool = ProcessPool(
            max_workers=self.limits.workers,
            max_tasks=self.limits.max_tasks,
            initializer=limit_memory,
            initargs=(self.limits.memory_mb, self.limits.retire_mb),
            context=WORKER_START,
        )
        if threading.current_thread() is threading.main_thread():
            start_workers(pool)
        else:
            starter = threading.Thread(target=start_workers, args=(pool,), name="sandbox-start")
            starter.start()
            starter.join()
        return pool

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.pool is None:
            return
        if kind is None:
            self.pool.close()  # nothing is pending: every caller waits for its result
        else:
            self.pool.stop()  # kill workers still busy with the interrupted message
        self.pool.join()
        self.pool = None
        gc.unfreeze()

    def __call__(self, item: AttachmentInput) -> list[Attachment]:
        """Extract `item` in a worker; a limit hit or a crash becomes the attachment's error.

        Safe to call from several threads. An identical attachment (same bytes, name, type
        and limits) read earlier in the run, or being read, gives its result under `item.path`.
        """
        if self.pool is None:
            raise RuntimeError("Sandbox used outside its `with` block")
        too_big = self.limits.max_attachment_mb
        if too_big is not None and len(item.payload) > too_big * MIB:
            return [unextracted(item, f"limit: larger than {too_big:g} MB")]
        limits = self.extract_limits if self.extract_limits is not None else item.limits
        if limits.ocr_seconds is None:
            limits = replace(limits, ocr_seconds=ocr_seconds(self.limits.timeout_seconds))
        return self.cache.extract(replace(item, limits=limits), self.run_in_worker)

    def run_in_worker(self, item: AttachmentInput) -> list[Attachment]:
        """`item` extracted in a worker; how its task ended otherwise is its recorded error."""
        try:
            return self.run_task(self.target, item, label=item.path, doer="extractor")
        except TaskFailed as failed:
            log.warning("attachment %s not extracted: %s", item.path, failed.reason)
            return [unextracted(item, failed.reason)]

    def derive(self, inputs: ReplyInputs, context: DeriveContext) -> DerivedReply:
        """A new reply's derived fields, made in a worker (so both cores derive while this
        process writes); TaskFailed with the reason if its worker died, hit a limit or the
        derivation raised."""
        label = f"the reply from {inputs.sender_email or inputs.sender_name}"
        return self.run_task(self.deriver, inputs, context, label=label, doer="derivation")

    def map_parts(self, function: PartFunction, items: list[Any]) -> list[Any]:
        """A Mapper (rules/pure_map.py): `function` over parts of `items` in the workers at
        once, the results in the items' order. A part whose task fails (a limit, a crash) is
        done in this process instead: the function is pure, so only the time differs."""
        parts = [items[start : start + MAP_PART] for start in range(0, len(items), MAP_PART)]
        if len(parts) <= 1 or self.limits.workers <= 1:
            return function(items)  # nothing would run at once: spare the pickling
        with ThreadPoolExecutor(2 * self.limits.workers, thread_name_prefix="map") as threads:
            done = list(threads.map(lambda part: self.mapped_part(function, part), parts))
        return [result for part in done for result in part]

    def mapped_part(self, function: PartFunction, part: list[Any]) -> list[Any]:
        try:
            return self.run_task(function, part, label=function.__name__, doer="mapping")
        except TaskFailed as failed:
            log.warning("%s done in the run's process: %s", function.__name__, failed.reason)
            return function(part)

    def run_task(self, function: Callable[..., T], *args: object, label: str, doer: str) -> T:
        """`function(*args)` in a worker, tried once more on a fresh pool if the pool broke
        while it waited or ran, and given to another worker if its own retired before
        starting it (worker_bounds); any other end of its task raises TaskFailed with the
        reason (`label` names the task in the log, `doer` what raised in the reason)."""
        reason = "crashed: the worker pool broke twice while reading it"
        broken = retired = 0
        while broken < 2:
            try:
                future, pool, generation = self.submit(function, *args)
            except BrokenProcessPool as exc:
                reason = f"crashed: {exc}"
                break
            try:
                return self.result(future, pool)
            except BrokenProcessPool as exc:
                log.warning("worker pool broke while reading %s (%s); rebuilding", label, exc)
                self.rebuild(generation)
                broken += 1
                continue
            except FutureTimeout:
                reason = f"limit: took longer than {self.limits.timeout_seconds:g} s"
            except MemoryError:
                reason = f"limit: used more than {self.limits.memory_mb} MiB"
            except ProcessExpired as exc:
                if exc.exitcode == RETIRED and retired < MAX_RETIRED:
                    retired += 1  # nothing of it ran: a fresh worker takes it
                    continue
                reason = f"crashed: {_death(exc.exitcode)}"
            except Exception as exc:
                # The extractor catches its parsers' errors itself, so this is a bug in it
                # (or an unpicklable result); the task records it and the run goes on.
                log.warning("worker task raised for %s: %r", label, exc)
                reason = f"crashed: {doer} raised {type(exc).__name__}"
            break
        raise TaskFailed(reason)

    def submit(
        self, function: Callable[..., T], *args: object
    ) -> tuple[Future[T], ProcessPool, int]:
        """The task on the current pool, with the pool and its generation; a pool found
        broken before the task reached it (not the task's doing) is rebuilt first."""
        for _ in range(MAX_POOLS):
            with self.pool_lock:  # a rebuild cannot swap the pool between read and submit
                pool, generation = self.pool, self.generation
                if pool is None:
                    raise RuntimeError("Sandbox used outside its `with` block")
                try:
                    return (
                        pool.submit(bounded, self.limits.timeout_seconds, function, *args),
                        pool,
                        generation,
                    )
                except RuntimeError as exc:  # pebble: "Unexpected error within the Pool"
                    log.warning("worker pool found broken (%s); rebuilding", exc)
            self.rebuild(generation)
        raise BrokenProcessPool(f"{MAX_POOLS} worker pools in a row broke before reading it")

    def result(self, future: Future[T], pool: ProcessPool) -> T:
        """The task's result or error; BrokenProcessPool if its pool broke or was replaced
        before answering (pebble leaves a task it had not registered yet unanswered)."""
        while not wait([future], timeout=WATCH_SECONDS).done:
            if not pool.active:
                raise BrokenProcessPool("the pool stopped with this task unanswered")
        return future.result()

    def rebuild(self, generation: int) -> None:
        """Replace the pool of `generation` by a fresh one, unless another caller has.

        Callers block on the lock meanwhile, then submit to the new pool: one new pool per
        breakage, however many threads saw it. The old pool's workers are killed and
        reaped; its unanswered callers notice it stopped (result) and try again.
        """
        with self.pool_lock:
            if self.pool is None or generation != self.generation:
                return
            broken, self.pool = self.pool, self.new_pool()
            self.generation += 1
            broken.stop()
            broken.join()


def start_workers(pool: ProcessPool) -> None:
    """Fork `pool`'s workers in this thread: pebble does so on the first task it is given."""
    pool.submit(os.getpid, None)


def ocr_seconds(timeout_seconds: float) -> float:
    """How long OCR may run in a worker killed at `timeout_seconds`: stopping in time keeps
    the pages read (60 s gives 51 s), where the kill would lose them all."""
    return max(timeout_seconds / 2, timeout_seconds - max(5.0, timeout_seconds * 0.15))


def _death(exitcode: int | None) -> str:
    """How a worker died, from its exit code (negative: the signal that killed it)."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"worker killed by {name}{hint}"
    return f"worker exited with status {exitcode}"


def unextracted(item: AttachmentInput, reason: str) -> Attachment:
    """The attachment as listed without a worker: size, hash and sniffed type, no text."""
    mime_type = item.declared_type.split(";")[0].strip().lower()
    filename = sanitize_filename(item.filename)
    kind = detect_type(item.payload, filename, mime_type)
    return Attachment(
        path=item.path,
        filename=filename,
        declared_type=mime_type,
        detected_type=kind,
        size=len(item.payload),
        sha256=hashlib.sha256(item.payload).hexdigest(),
        error=reason,
        # The current code tried it: `reparse --outdated` skips it, `reparse ID` retries it.
        extractor_version=extractor_version(kind),
        content=item.payload,
    )
