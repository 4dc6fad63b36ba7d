"""What a run reports: its progress as it goes (a tick a message or reply, the CLI's
progress bar) and the counts of one poll or import, as `hoering poll` prints them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoering.pipeline.retries import RetryReport

Tick = Callable[[], None]


def no_tick() -> None:
    """No progress display (cron, tests)."""


@dataclass
class RunReport:
    """What one poll or import did."""

    seen: int = 0  # messages looked at
    matched: int = 0  # marked as consultation replies
    stored: int = 0  # new proposals (or new raw messages that failed to parse)
    already_stored: int = 0  # these exact bytes are stored: a rerun, or one mail in two folders
    duplicates: int = 0  # another copy of a stored reply (same Message-ID and content)
    failed: int = 0  # stored raw only: could not be parsed
    automatic: int = 0  # marked, but sent by a machine: kept raw, no proposal
    retried: int = 0  # earlier failures parsed again from their stored bytes
    recovered: int = 0  # ... which parsed this time
    parked: int = 0  # ... which failed for the last allowed time ([poll] max_attempts)
    actions_done: int = 0  # post-actions ([actions] after) done on stored replies
    actions_failed: int = 0  # ... refused by the server; tried again next run
    # Folders that could not be opened; the others were read. One line each, for the CLI.
    folder_errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"seen {self.seen}, matched {self.matched}, stored {self.stored}, "
        if self.already_stored:  # said only when there are any, as rerunning an import does
            text += f"already stored {self.already_stored}, "
        text += f"duplicates {self.duplicates}, failed {self.failed}"
        if self.automatic:
            text += f", automatic {self.automatic}"
        if self.retried:
            text += f", retried {self.retried} (recovered {self.recovered}, parked {self.parked})"
        if self.actions_done or self.actions_failed:
            text += f", actions done {self.actions_done}, refused {self.actions_failed}"
        if self.folder_errors:
            count = len(self.folder_errors)
            text += f"; {count} folder{'s' if count > 1 else ''} could not be read"
        return text

    def note_retries(self, done: RetryReport) -> None:
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
        self.folder_errors.extend(other.folder_errors)
