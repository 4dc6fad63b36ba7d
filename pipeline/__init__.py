"""Wires ingest -> parse -> store: the only package that imports all three.

`run` is the message loop, `runs` the commands around it (poll, import, retry), `reparse`,
`retries` and `postactions` what happens to stored mail later; `sandbox` bounds extraction;
`doctor` and `accounts` check and read the IMAP settings.
"""

from hoering.pipeline.assemble import is_late
from hoering.pipeline.lock import RunLocked, run_lock
from hoering.pipeline.report import RunReport
from hoering.pipeline.runs import AccountsFailed, import_paths, poll, retry

__all__ = [
    "AccountsFailed",
    "RunLocked",
    "RunReport",
    "import_paths",
    "is_late",
    "poll",
    "retry",
    "run_lock",
]
