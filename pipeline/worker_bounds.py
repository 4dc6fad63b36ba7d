"""The bounds a sandbox worker holds, in the worker itself: how much memory each task may
add, and when the worker retires (pipeline/sandbox.py runs every task through `bounded`).

A worker used to be replaced after a fixed count of tasks, so a run of text replies forked
a new one every 50 replies (the fork, the copied pages and cold caches each time). Now a
worker lives until it is old (`max_tasks`, a much larger count, for the extractors' C
libraries) or has grown: each task may add `memory_mb` to the worker's address space as it
is when that task starts (the soft RLIMIT_AS is set anew before each task), and a worker
that has grown by more than `retire_mb` since it started (a leak, a heap a big PDF left
fragmented) exits with RETIRED before running its next task, which the sandbox then gives
to a fresh worker. So every task gets its full `memory_mb`, however long its worker lived.

Both measures are taken after malloc's free heap is given back (`release_free_heap`): free
memory glibc keeps at the top of its heap counts in the address space but a task may fill
it without growing, so a task got its limit plus whatever free heap its worker had.
"""

from __future__ import annotations

import ctypes
import functools
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hoering.parse.limits import MIB

# The exit status of a worker that retires itself before a task: the sandbox gives the
# task to another worker instead of recording a crash. (EX_TEMPFAIL: try again.)
RETIRED = 75
RETIRE_MB = 256  # growth of a worker's address space, in MiB, after which it retires
RETIRE_PAUSE_SECONDS = 0.5
T = TypeVar("T")


class _Worker:
    """This worker's bounds, set by `limit_memory` when it starts."""

    start = 0  # its address space then, in bytes
    memory = 0  # what one task may add, in bytes
    retire = 0  # growth since `start` after which it retires, in bytes


def limit_memory(memory_mb: int, retire_mb: int = RETIRE_MB) -> None:
    """Pool initializer: note the worker's size now and cap its address space.

    The hard limit is what its last task could get (grown by just under `retire_mb`, plus
    `memory_mb`); the soft limit, what its first may add. The baseline is what the worker
    inherited from its parent at fork (interpreter, parsers, thread stacks).
    """
    release_free_heap()
    _Worker.start = address_space()
    _Worker.memory = memory_mb * MIB
    _Worker.retire = retire_mb * MIB
    hard = _Worker.start + _Worker.retire + _Worker.memory
    _, inherited = resource.getrlimit(resource.RLIMIT_AS)
    if inherited != resource.RLIM_INFINITY:
        # Under `prlimit --as` or a ulimit the hard limit is lower: raising it fails (and
        # every worker died at start, so no attachment was read), so stay within it.
        hard = min(hard, inherited)
    resource.setrlimit(resource.RLIMIT_AS, (min(_Worker.start + _Worker.memory, hard), hard))


def bounded(function: Callable[..., T], *args: object) -> T:
    """Run in a worker: `function(*args)` with `memory_mb` to add to the worker as it is
    now; a worker grown past its bound exits first (RETIRED), its task not begun."""
    if _Worker.memory:  # 0: called outside a pool's worker (tests), nothing to hold
        release_free_heap()
        now = address_space()
        if now - _Worker.start > _Worker.retire:
            # pebble matches a dead worker to its task by the task's acknowledgement, sent
            # just now; a worker gone before the pool took that in would look as if no
            # worker held a task ("All workers expired", the pool rebuilt). Rare: a pause.
            time.sleep(RETIRE_PAUSE_SECONDS)
            os._exit(RETIRED)  # not SystemExit: pebble would return it as the task's error
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = now + _Worker.memory
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    return function(*args)


def release_free_heap() -> None:
    """Give the free memory at the top of malloc's heap back to the system, so that the
    address space measured next is what this process holds (glibc's malloc_trim).

    glibc keeps up to 64 MiB free at the top of its heap (its trim threshold grows with the
    largest block freed), and a forked worker inherits its parent's: with 33 MiB free there,
    a task took 160 MiB under a 128 MiB limit (tests/pipeline/test_sandbox_bounds.py). A
    call costs 0.1-0.6 ms of CPU. Without glibc (musl has no malloc_trim) it does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    return getattr(ctypes.CDLL(None), "malloc_trim", None)


def address_space() -> int:
    """This process's address space (VmSize) in bytes: what RLIMIT_AS caps."""
    fields = Path("/proc/self/statm").read_text(encoding="ascii").split()
    return int(fields[0]) * resource.getpagesize()
