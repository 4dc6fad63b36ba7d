"""Progress on long work (poll, import, reparse, analyse): on a terminal only.

A rich spinner or bar on stderr when stderr is a terminal; nothing at all otherwise, so
cron mails and log files get the summary line and nothing else. The work calls the
returned `tick()` once per message.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Tick = Callable[[], None]


def _nothing() -> None:
    return None


def on_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Tick]:
    """A tick function that advances a transient bar (spinner when `total` is unknown)."""
    if not on_terminal():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is None:
        columns.append(TextColumn("{task.completed} messages"))
    else:
        columns += [BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)
