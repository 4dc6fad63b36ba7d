"""Identical attachments extracted once per run: results kept by content, bounded in bytes.

A campaign sends the same PDF with hundreds of replies; reading it once and handing every
reply a copy under its own path saves a worker's time per copy. Callers run in several
threads (the pipeline parses two messages per worker at once), so a second call for an
attachment still being read waits for that extraction instead of starting its own.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace

from hoering.parse.limits import MIB, ExtractLimits
from hoering.parse.model import Attachment, AttachmentInput

CACHE_BYTES = 64 * MIB  # contents and texts of results kept for later copies
# sha256 of the payload, file name, declared type, charset, and the limits it was read
# with: the extractors' output depends on nothing else but the path, which is rebased.
CacheKey = tuple[str, str, str, str | None, ExtractLimits]
# Errors that say a clock ran out (the sandbox's kill, OCR's own deadline): on a busy
# machine that may be the load and not the file (parse.ocr.partial_error, sandbox).
TIME_LIMITED = ("limit: took longer than", "ocr partial: time limit reached")


def cache_key(item: AttachmentInput) -> CacheKey:
    digest = hashlib.sha256(item.payload).hexdigest()
    return (digest, item.filename, item.declared_type, item.charset, item.limits)


class ExtractionCache:
    """Runs each distinct attachment once; later and concurrent copies get its result.

    A result that ran out of time is handed to the callers already waiting for it but kept
    only the second time: the next copy is read again, in case the load caused it, while
    a file that really hangs costs two time limits per run, not one per copy.
    """

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.lock = threading.Lock()
        self.kept: OrderedDict[CacheKey, tuple[list[Attachment], str, int]] = OrderedDict()
        self.kept_bytes = 0
        self.running: dict[CacheKey, tuple[Future[list[Attachment]], str]] = {}
        self.timed_out: set[CacheKey] = set()  # keys whose first result was TIME_LIMITED
        self.saved = 0  # calls answered without an extraction of their own

    def extract(
        self, item: AttachmentInput, run: Callable[[AttachmentInput], list[Attachment]]
    ) -> list[Attachment]:
        """`run(item)`, or the result of an identical item's run under `item.path`."""
        key = cache_key(item)
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                self.saved += 1
                results, origin, _ = self.kept[key]
                return rebased(results, origin, item.path)
            first = key not in self.running
            if first:
                self.running[key] = (Future(), item.path)
            else:
                self.saved += 1
            future, origin = self.running[key]
        if first:
            return self._run(key, item, run, future)
        return rebased(future.result(), origin, item.path)

    def _run(
        self,
        key: CacheKey,
        item: AttachmentInput,
        run: Callable[[AttachmentInput], list[Attachment]],
        future: Future[list[Attachment]],
    ) -> list[Attachment]:
        """The first caller's extraction, handed to those waiting and kept for later ones."""
        try:
            results = run(item)
        except BaseException as exc:  # Ctrl-C, a pool shut down: the waiters get it too
            with self.lock:
                del self.running[key]
            future.set_exception(exc)
            raise
        with self.lock:
            del self.running[key]
            self._keep(key, results, item.path)
        future.set_result(results)
        return list(results)

    def _keep(self, key: CacheKey, results: list[Attachment], origin: str) -> None:
        if _time_limited(results) and key not in self.timed_out:
            self.timed_out.add(key)
            return
        size = sum(len(found.content) + len(found.text) for found in results)
        if size > self.max_bytes:
            return
        self.kept[key] = (results, origin, size)
        self.kept_bytes += size
        while self.kept_bytes > self.max_bytes:
            _, (_, _, old_size) = self.kept.popitem(last=False)
            self.kept_bytes -= old_size


def _time_limited(results: list[Attachment]) -> bool:
    return any(found.error and found.error.startswith(TIME_LIMITED) for found in results)


def rebased(results: list[Attachment], origin: str, path: str) -> list[Attachment]:
    """`results` of the item at `origin` as those of the same item at `path`: the
    attachment itself, and its archive and mail members under "<path>/"."""
    if origin == path:
        return list(results)
    return [replace(found, path=_moved(found.path, origin, path)) for found in results]


def _moved(member: str, origin: str, path: str) -> str:
    if member == origin:
        return path
    if member.startswith(origin + "/"):
        return path + member[len(origin) :]
    return member  # the extractors put nothing elsewhere
