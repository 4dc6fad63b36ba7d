"""A new reply's derived fields made in the sandbox's worker processes (issue 20): the same
as those derived in the run's own process, and a worker that dies on one reply fails only
that reply."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from hoering.config import load_config
from hoering.derived import DerivedReply, ReplyInputs
from hoering.ingest.raw import RawMessage
from hoering.origin import MessageOrigin
from hoering.parse.limits import ExtractLimits
from hoering.parse.message import extract, parse_message
from hoering.pipeline.assemble import Assembler
from hoering.pipeline.run import Pipeline
from hoering.pipeline.sandbox import Sandbox, SandboxLimits
from hoering.rules.reply_task import DeriveContext, derive_task, parsed_inputs
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

TWO_WORKERS = SandboxLimits(timeout_seconds=60, workers=2)
SOURCE = MessageOrigin("file", "inbox")


def die_on_a_marked_reply(inputs: ReplyInputs, context: DeriveContext) -> DerivedReply:
    """A derivation that kills its worker on the reply whose subject says so."""
    if "DØ" in inputs.subject:
        os.kill(os.getpid(), signal.SIGKILL)
    return derive_task(inputs, context)


def test_fields_derived_in_a_worker_equal_those_derived_in_process() -> None:
    # Every sample reply: the proposal built from the worker's result against the one the
    # run's own process derives (rules.derive.normalize_proposal), row by row.
    assembler = Assembler(None, ZoneInfo("Europe/Copenhagen"))
    no_ocr = ExtractLimits(ocr=False)  # the scans' words are not what is compared here
    paths = sorted(SAMPLE_INBOX.glob("*.eml"))
    parsed = [parse_message(path.read_bytes(), extract, no_ocr) for path in paths]
    context = DeriveContext.of(None, None)
    with Sandbox(TWO_WORKERS) as sandbox:
        from_workers = [sandbox.derive(parsed_inputs(message), context) for message in parsed]
    for message, derived in zip(parsed, from_workers, strict=True):
        in_process = assembler.new_proposal(message, SOURCE)
        mapped = assembler.new_proposal(message, SOURCE, derived)
        assert derived_rows(mapped) == derived_rows(in_process), message.subject


def derived_rows(proposal: models.Proposal) -> tuple:
    """The derived columns of a proposal, its theme tags and its initiatives."""
    return (
        proposal.respondent_name,
        proposal.respondent_email,
        proposal.respondent_organisation,
        proposal.respondent_type,
        proposal.respondent_rule_id,
        proposal.reply_text,
        proposal.forwarded,
        proposal.signature_text,
        proposal.points_to_attachment,
        proposal.no_comments,
        proposal.language,
        proposal.reference_numbers,
        [(row.theme, row.words, row.hits) for row in proposal.themes],
        [
            (row.number, row.title, row.text, row.rule, row.themes, row.owner, row.level)
            for row in proposal.initiatives
        ],
    )


def test_a_worker_dying_on_a_reply_fails_that_reply_and_the_run_goes_on(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    sessions = open_database(config.store_url)
    subjects = ["OGP-høring: forslag 1", "OGP-høring: DØ", "OGP-høring: forslag 3"]
    items = [
        RawMessage(
            MessageOrigin("file", "inbox", uid=n),
            make_mail(subject, message_id=f"<svar-{n}@borgernet.example>"),
        )
        for n, subject in enumerate(subjects, start=1)
    ]
    with Sandbox(TWO_WORKERS, deriver=die_on_a_marked_reply) as sandbox:
        report = Pipeline(config, sessions, sandbox).run(items)
    assert (report.stored, report.failed) == (2, 1)
    with sessions() as session:
        errors = session.scalars(
            select(models.RawMessage.parse_error).order_by(models.RawMessage.id)
        ).all()
    assert errors == [
        None,
        "could not derive its fields: crashed: worker killed by SIGKILL (out of memory?)",
        None,
    ]


def test_a_run_with_workers_writes_the_theme_and_initiative_rows_a_run_without_them_does(
    tmp_path: Path,
) -> None:
    # With workers the writer inserts a new reply's theme tags and initiatives as plain rows
    # (store.derived_rows.insert_children); without, the ORM writes the objects it derived.
    items = [
        RawMessage(MessageOrigin("file", "inbox", uid=n), path.read_bytes())
        for n, path in enumerate(sorted(SAMPLE_INBOX.glob("*.eml")), start=1)
        if "scannet" not in path.name  # a scan: no words without OCR, and slow to read
    ]
    stored = []
    for name, workers in (("in-process", None), ("workers", TWO_WORKERS)):
        (tmp_path / name).mkdir()
        config = load_config(write_config(tmp_path / name, "\n[extract]\nocr = false\n"))
        sessions = open_database(config.store_url)
        if workers is None:
            Pipeline(config, sessions).run(items)
        else:
            with Sandbox(workers) as sandbox:
                Pipeline(config, sessions, sandbox).run(items)
        stored.append(child_rows(sessions))
    assert stored[0] == stored[1]
    assert len(stored[0][0]) > len(items) and len(stored[0][1]) > len(items)  # a real test


def child_rows(sessions) -> tuple[list[tuple], ...]:
    """Every theme tag and initiative row in id order, without its timestamps."""
    tables = [models.ProposalTheme.__table__, models.Initiative.__table__]
    with sessions() as session:
        return tuple(
            [
                tuple(value for key, value in row._mapping.items() if not key.endswith("_at"))
                for row in session.execute(select(table).order_by(table.c.id))
            ]
            for table in tables
        )
