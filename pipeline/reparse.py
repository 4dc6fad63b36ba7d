"""`hoering reparse`: parse stored messages again with the current code, in place.

A migration of stored data, not a re-ingest: the bytes come from `raw_messages`, proposal
ids stay, and only the fields the parser fills are rewritten (review fields are left
alone). Messages that failed to parse before are retried like `hoering retry` does, so
one that parses now gets its proposal.

Proposals go in chunks of CHUNK: their bytes are read in one query, parsed outside any
transaction (pipeline.parsing.ParsePool), and written in one
transaction, so 50,000 replies take bounded memory and a reviewer's write waits at most
one chunk's write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from hoering.config import Config
from hoering.errors import UnknownProposal
from hoering.parse.versions import PARSER_VERSION, extractor_version
from hoering.pipeline import retries
from hoering.pipeline.assemble import Assembler
from hoering.pipeline.lock import run_lock
from hoering.pipeline.parsing import ParsePool, ParseResult, parse_bytes
from hoering.pipeline.report import Tick, no_tick
from hoering.pipeline.runs import retrier as make_retrier
from hoering.pipeline.sandbox import Sandbox
from hoering.store import models
from hoering.store.db import writing

log = logging.getLogger(__name__)

CHUNK = 50  # proposals read, parsed and written together
MAX_LINES = 1_000  # report lines kept; the rest are only counted


@dataclass(frozen=True)
class Selection:
    """What to reparse: every message, the outdated ones, or these proposals."""

    all: bool = False
    outdated: bool = False
    ids: tuple[int, ...] = ()


@dataclass
class ReparseReport:
    """What a reparse did; `lines` has one entry per proposal or message that changed, the
    first MAX_LINES of them (`omitted` counts the rest, so memory stays bounded)."""

    checked: int = 0  # messages parsed again
    changed: int = 0  # proposals whose parsed fields or attachments changed
    recovered: int = 0  # formerly failed messages that parse now
    failing: int = 0  # messages that cannot be parsed (still, or now)
    purged: int = 0  # proposals whose raw mail was purged: nothing to parse, kept as they are
    lines: list[str] = field(default_factory=list)
    omitted: int = 0  # lines not kept

    @property
    def unchanged(self) -> int:
        return self.checked - self.changed - self.recovered - self.failing

    def note(self, line: str) -> None:
        if len(self.lines) < MAX_LINES:
            self.lines.append(line)
        else:
            self.omitted += 1

    def omitted_line(self) -> str:
        """What the CLI prints after the lines when some were not kept; "" if none."""
        return f"... and {self.omitted} more not shown" if self.omitted else ""

    def summary(self) -> str:
        line = (
            f"reparsed {self.checked}: changed {self.changed}, unchanged {self.unchanged}, "
            f"recovered {self.recovered}, failing {self.failing}"
        )
        return f"{line}; raw mail purged {self.purged}, kept as stored" if self.purged else line


def reparse(
    config: Config, sessions: sessionmaker[Session], selection: Selection, tick: Tick = no_tick
) -> ReparseReport:
    """Parse the selected stored messages again and update them; holds the run lock.

    `tick()` after each message, for the CLI's progress bar.
    """
    report = ReparseReport()
    with run_lock(config), Sandbox.from_config(config.extract) as sandbox, writing():
        proposal_ids, failed_ids = _targets(sessions, selection)
        proposal_ids = _skip_purged(sessions, proposal_ids, report)
        parse = partial(parse_bytes, extract=sandbox, limits=config.extract.limits)
        with ParsePool(parse, getattr(sandbox, "workers", 1), "reparse") as pool:
            for start in range(0, len(proposal_ids), CHUNK):
                chunk = proposal_ids[start : start + CHUNK]
                results, before = _parse_chunk(sessions, chunk, pool.map, tick)
                _write_chunk(config, sessions, results, before, report)
        retrier = make_retrier(config, sessions, sandbox)
        for raw_id in failed_ids:
            _retry_failed(sessions, retrier, raw_id, report)
            tick()
    return report


ParseAll = Callable[[Iterable[bytes]], Iterator[ParseResult]]


def _targets(sessions: sessionmaker[Session], selection: Selection) -> tuple[list[int], list[int]]:
    """(proposal ids, ids of raw messages without a proposal) to parse again."""
    with sessions() as session:
        if selection.ids:
            found = set(session.scalars(select(models.Proposal.id).where(
                models.Proposal.id.in_(selection.ids))))  # fmt: skip
            missing = [i for i in selection.ids if i not in found]
            if missing:
                raise UnknownProposal(missing)
            return list(dict.fromkeys(selection.ids)), []
        failed = list(
            session.scalars(
                select(models.RawMessage.id)
                .where(models.RawMessage.proposal == None)  # noqa: E711 (SQL IS NULL)
                .order_by(models.RawMessage.id)
            )
        )
        if selection.outdated:
            return outdated_proposals(session), failed
        return list(
            session.scalars(select(models.Proposal.id).order_by(models.Proposal.id))
        ), failed


def _skip_purged(
    sessions: sessionmaker[Session], proposal_ids: list[int], report: ReparseReport
) -> list[int]:
    """The proposals that still have their raw mail; the others are reported, not parsed."""
    with sessions() as session:
        purged = set(
            session.scalars(
                select(models.Proposal.id)
                .join(models.RawMessage, models.Proposal.raw_message_id == models.RawMessage.id)
                .where(models.RawMessage.purged_at.is_not(None))
            )
        )
    for proposal_id in (i for i in proposal_ids if i in purged):
        report.purged += 1
        report.note(
            f"proposal {proposal_id}: raw mail purged (hoering purge --raw-before), "
            "nothing to parse; kept as stored"
        )
    return [i for i in proposal_ids if i not in purged]


def outdated_proposals(session: Session) -> list[int]:
    """Proposals parsed by another parser version, or with an attachment extracted by another
    extractor version than the current code's (NULL, from before versions, counts as other)."""
    ids = set(
        session.scalars(
            select(models.Proposal.id).where(
                (models.Proposal.parser_version != PARSER_VERSION)
                | models.Proposal.parser_version.is_(None)
            )
        )
    )
    rows = session.execute(
        select(
            models.Attachment.proposal_id,
            models.Attachment.detected_type,
            models.Attachment.extractor_version,
        )
    )
    for proposal_id, kind, version in rows:
        if version != extractor_version(kind):
            ids.add(proposal_id)
    return sorted(ids)


def _parse_chunk(
    sessions: sessionmaker[Session], chunk: Sequence[int], parse_all: ParseAll, tick: Tick
) -> tuple[dict[int, ParseResult], dict[int, Snapshot]]:
    """The chunk's bytes read in one query and parsed outside any transaction, with what
    each proposal was before (ids deleted meanwhile are left out)."""
    with sessions() as session:
        loaded = {proposal.id: proposal for proposal in _load(session, chunk)}
        ids = [proposal_id for proposal_id in chunk if proposal_id in loaded]  # given order
        data = [loaded[proposal_id].raw_message.data for proposal_id in ids]
        before = {proposal_id: snapshot(loaded[proposal_id]) for proposal_id in ids}
    del loaded  # the bytes are in `data`; the rows can go
    results: dict[int, ParseResult] = {}
    for proposal_id, result in zip(ids, parse_all(data), strict=True):
        results[proposal_id] = result
        tick()
    return results, before


def _write_chunk(
    config: Config,
    sessions: sessionmaker[Session],
    results: dict[int, ParseResult],
    before: dict[int, Snapshot],
    report: ReparseReport,
) -> None:
    """Rewrite the parsed proposals of a chunk in one transaction, and report each."""
    parsed = [proposal_id for proposal_id, a in results.items() if a.parsed is not None]
    after: dict[int, Snapshot] = {}
    assembler = Assembler.from_config(config)
    with sessions.begin() as session:
        proposals = _load(session, parsed, for_write=True)
        dates = _internal_dates(session, proposals)
        for proposal in proposals:
            parsed = results[proposal.id].parsed
            assert parsed is not None
            assembler.fill(proposal, parsed, dates.get(_source(proposal)))
            after[proposal.id] = snapshot(proposal)
    for proposal_id, result in results.items():  # in the chunk's order, as before
        report.checked += 1
        if result.parsed is None:
            report.failing += 1
            report.note(
                f"proposal {proposal_id}: cannot be parsed now, kept as it was: {result.error}"
            )
            continue
        if proposal_id not in after:  # deleted while it was parsed
            continue
        changes = describe_changes(before[proposal_id], after[proposal_id])
        if changes:
            report.changed += 1
            report.note(f"proposal {proposal_id}: {changes}")


def _load(
    session: Session, proposal_ids: Sequence[int], for_write: bool = False
) -> list[models.Proposal]:
    """The proposals with their attachments and raw messages, a query each; for the write,
    what normalizing reads (themes, initiatives) instead of the raw messages, so no row is
    loaded lazily one proposal at a time."""
    loaders = (
        (
            selectinload(models.Proposal.themes),
            selectinload(models.Proposal.initiatives).selectinload(models.Initiative.notes),
        )
        if for_write
        else (selectinload(models.Proposal.raw_message),)
    )
    query = (
        select(models.Proposal)
        .where(models.Proposal.id.in_(proposal_ids))
        .options(selectinload(models.Proposal.attachments), *loaders)
    )
    return list(session.scalars(query))


def _internal_dates(
    session: Session, proposals: list[models.Proposal]
) -> dict[tuple, datetime | None]:
    """The IMAP internal dates of the proposals' sightings, read in one query and keyed by
    (raw message id, account, folder, uidvalidity, uid): the place each proposal came from."""
    rows = session.execute(
        select(
            models.Sighting.raw_message_id,
            models.Sighting.account,
            models.Sighting.folder,
            models.Sighting.uidvalidity,
            models.Sighting.uid,
            models.Sighting.internal_date,
        ).where(models.Sighting.raw_message_id.in_({p.raw_message_id for p in proposals}))
    )
    return {tuple(row[:5]): row[5] for row in rows}


def _source(proposal: models.Proposal) -> tuple:
    return (proposal.raw_message_id, proposal.source_account, proposal.source_folder,
            proposal.source_uidvalidity, proposal.source_uid)  # fmt: skip


def _retry_failed(
    sessions: sessionmaker[Session],
    retrier: retries.Retrier,
    raw_id: int,
    report: ReparseReport,
) -> None:
    """A message kept raw because it failed to parse: parse it again, as `hoering retry`."""
    done = retrier.retry([raw_id])
    report.checked += done.retried
    with sessions() as session:
        raw = session.get_one(models.RawMessage, raw_id)
        proposal_id = raw.proposal.id if raw.proposal is not None else None
        error = raw.parse_error
    if done.recovered:
        report.recovered += 1
        outcome = f"now proposal {proposal_id}" if proposal_id else "a duplicate of a stored one"
        report.note(f"message {raw_id} (failed before): parsed, {outcome}")
    elif done.retried:
        report.failing += 1
        report.note(f"message {raw_id}: still cannot be parsed: {error}")


# The proposal fields parsing fills, besides the body and the attachments.
_FIELDS = ("message_id", "subject", "sender_name", "sender_email", "sent_at", "received_at",
           "late", "warnings")  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    """What a proposal's parsed fields and attachments were, to tell what a reparse changed."""

    body: str
    fields: dict[str, object]
    attachments: dict[str, tuple[str, str | None]]  # path -> (text, error)


def snapshot(proposal: models.Proposal) -> Snapshot:
    return Snapshot(
        body=proposal.body_text,
        fields={name: getattr(proposal, name) for name in _FIELDS},
        attachments={a.path: (a.text, a.error) for a in proposal.attachments},
    )


def describe_changes(before: Snapshot, after: Snapshot) -> str:
    """One line naming what changed, e.g. "body changed; new text: a.pdf"; "" if nothing."""
    old, new = before.attachments, after.attachments
    found: dict[str, list[str]] = {}
    for path in new.keys() & old.keys():
        (old_text, old_error), (new_text, new_error) = old[path], new[path]
        if old_text != new_text:
            found.setdefault("new text", []).append(path)
        if old_error and not new_error:
            found.setdefault("error fixed", []).append(f"{path} (was: {old_error})")
        elif new_error and new_error != old_error:
            found.setdefault("new error", []).append(f"{path}: {new_error}")
    parts = [
        "body changed" if before.body != after.body else "",
        _listed("changed", [n for n in _FIELDS if before.fields[n] != after.fields[n]]),
        _listed("added", [path for path in new if path not in old]),
        _listed("removed", [path for path in old if path not in new]),
        *(_listed(label, sorted(items)) for label, items in sorted(found.items())),
    ]
    return "; ".join(part for part in parts if part)


def _listed(label: str, items: list[str]) -> str:
    return f"{label}: {', '.join(items)}" if items else ""
