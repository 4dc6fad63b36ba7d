"""Run one export: select proposals, apply the privacy rules, write the file and manifest."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoering import glossary
from hoering.export.attachments_export import export_attachments
from hoering.export.candidate_campaigns import entries
from hoering.export.candidates_export import candidate_records, export_candidates
from hoering.export.columns import MACHINE, PEOPLE
from hoering.export.csv_export import PROFILES, export_csv
from hoering.export.initiatives_export import ReviewFilter, initiative_rows, write_initiatives
from hoering.export.jsonl_export import export_jsonl
from hoering.export.manifest import Manifest, write_manifest
from hoering.export.notat_data import write_notat
from hoering.export.parties_export import parties, party_rows, write_parties
from hoering.export.privacy import Policy, Privacy, apply
from hoering.export.target import cannot_write, check_output_file, check_output_folder
from hoering.export.views import ReplyView, reply_view
from hoering.export.xlsx_export import export_xlsx
from hoering.store import models
from hoering.store.pseudonyms import assign_pseudonyms, pseudonym_map
from hoering.store.queries import ProposalFilter, iter_proposals

FORMATS = ("csv", "xlsx", "jsonl")


@dataclass(frozen=True)
class ExportOptions:
    format: str = "csv"
    profile: str = "excel"  # csv and xlsx: "excel" for people, "rfc4180" for machines
    formula_guard: bool = True  # csv only; xlsx never writes formulas
    redact: bool = False
    redact_cpr: bool = True
    pseudonymize: bool = False
    # "initiative": one row per initiative (export/initiatives_export.py); "candidate": one
    # row per candidate of the bruttoliste (export/candidates_export.py); "party": one row
    # per party and initiative (export/parties_export.py).
    per: str = "reply"


@dataclass(frozen=True)
class ExportResult:
    rows: int
    output: Path
    manifest: Path
    extra_files: tuple[Path, ...]
    purged: tuple[int, ...] = ()  # replies with attachments whose raw mail was purged


def duplicate_groups(session: Session) -> dict[int, str]:
    """proposal id -> "group 3 (near, 4 svar)" for proposals in a duplicate group."""
    query = select(
        models.DuplicateMember.proposal_id,
        models.DuplicateGroup.id,
        models.DuplicateGroup.kind,
        models.DuplicateGroup.size,
    ).join(models.DuplicateGroup, models.DuplicateMember.group_id == models.DuplicateGroup.id)
    return {
        proposal_id: f"{group_id} ({kind}, {size} svar)"
        for proposal_id, group_id, kind, size in session.execute(query)
    }


def privacy_for(session: Session, options: ExportOptions) -> Privacy:
    """The export's policy; under --pseudonymize, private senders not yet numbered get
    their numbers in the stored map first (committed, so every later export agrees)."""
    policy = Policy(options.redact, options.redact_cpr, options.pseudonymize)
    if not options.pseudonymize:
        return Privacy(policy, {})
    assign_pseudonyms(session)
    session.commit()
    return Privacy(policy, pseudonym_map(session))


def records(session: Session, flt: ProposalFilter, privacy: Privacy) -> Iterator[ReplyView]:
    """The filtered replies as views with the privacy policy applied, oldest first."""
    groups = duplicate_groups(session)
    for proposal in iter_proposals(session, flt):
        view = reply_view(proposal, groups.get(proposal.id, ""))
        yield apply(view, privacy.policy, privacy.pseudonyms)


def describe_filter(flt: ProposalFilter, pseudonymize: bool = False) -> dict[str, Any]:
    """The filters that were set, for the manifest (unset ones left out). A pseudonymized
    export's manifest says a search was made, not what for: the term may be a name."""
    described = {}
    for key, value in dataclasses.asdict(flt).items():
        if value in (None, (), [], ""):
            continue
        if key == "search" and pseudonymize:
            described[key] = "[udeladt]"
            continue
        described[key] = value.isoformat() if isinstance(value, date | datetime) else value
        if isinstance(value, tuple):
            described[key] = list(value)
    return described


def run_export(
    session: Session, flt: ProposalFilter, output: Path, options: ExportOptions, tz: ZoneInfo
) -> ExportResult:
    """Write the export and its manifest; returns what was written."""
    check_output_file(output)
    if options.per == "initiative":
        return run_initiative_export(session, flt, output, options, tz)
    if options.per == "candidate":
        return run_candidate_export(session, flt, output, options)
    if options.per == "party":
        return run_party_export(session, flt, output, options)
    privacy = privacy_for(session, options)
    rows = records(session, flt, privacy)
    extra: list[Path] = []
    settings: dict[str, Any] = {}
    if options.format == "csv":
        count, extra = export_csv(
            rows, output, PROFILES[options.profile], tz, formula_guard=options.formula_guard
        )
        settings = {"profile": options.profile, "formula_guard": options.formula_guard}
    elif options.format == "xlsx":
        columns = PEOPLE if PROFILES[options.profile].columns == PEOPLE else MACHINE
        count, extra = export_xlsx(rows, output, tz, columns)
        settings = {"profile": options.profile}
    else:
        count = export_jsonl(rows, output)
    manifest = Manifest(
        options.format,
        output,
        count,
        describe_filter(flt, options.pseudonymize),
        privacy.describe(),
        settings,
        tuple(extra),
    )
    return ExportResult(count, output, write_manifest(manifest), tuple(extra))


def run_initiative_export(
    session: Session, flt: ProposalFilter, output: Path, options: ExportOptions, tz: ZoneInfo
) -> ExportResult:
    """One row per initiative. The reply filters (since, late, search, type, language) pick
    replies; status, decision, assignee and theme are matched on each initiative's own."""
    privacy = privacy_for(session, options)
    own = ReviewFilter(flt.status, flt.decision, flt.assignee, flt.theme)
    replies = dataclasses.replace(flt, status=None, decision=None, assignee=None, theme=None)
    profile = PROFILES[options.profile]
    columns = MACHINE if options.format == "jsonl" else profile.columns
    rows = initiative_rows(records(session, replies, privacy), tz, own, columns)
    count = write_initiatives(rows, output, options.format, profile, options.formula_guard)
    return _per_row_result("initiative", count, flt, output, options, privacy)


def run_candidate_export(
    session: Session, flt: ProposalFilter, output: Path, options: ExportOptions
) -> ExportResult:
    """One row per candidate of the bruttoliste; of the filters only --theme applies."""
    privacy = privacy_for(session, options)
    profile = PROFILES[options.profile]
    count = export_candidates(
        session, flt, privacy, output, options.format, profile, options.formula_guard
    )
    return _per_row_result("candidate", count, flt, output, options, privacy)


def run_party_export(
    session: Session, flt: ProposalFilter, output: Path, options: ExportOptions
) -> ExportResult:
    """One row per party and initiative, the decision that applies; the filters pick replies."""
    privacy = privacy_for(session, options)
    profile = PROFILES[options.profile]
    columns = MACHINE if options.format == "jsonl" else profile.columns
    titles = {record.id: record.title for record in candidate_records(session, privacy)}
    groups = parties(records(session, flt, privacy), entries(session))
    rows = party_rows(groups, titles, columns)
    count = write_parties(rows, output, options.format, profile, options.formula_guard)
    return _per_row_result("party", count, flt, output, options, privacy)


def _per_row_result(
    per: str,
    count: int,
    flt: ProposalFilter,
    output: Path,
    options: ExportOptions,
    privacy: Privacy,
) -> ExportResult:
    """The manifest of a one-row-per-`per` export written to `output`, and the result."""
    settings: dict[str, Any] = {"per": per}
    if options.format == "csv":
        settings |= {"profile": options.profile, "formula_guard": options.formula_guard}
    filters = describe_filter(flt, options.pseudonymize)
    manifest = Manifest(options.format, output, count, filters, privacy.describe(), settings)
    return ExportResult(count, output, write_manifest(manifest), ())


def run_notat(
    session: Session, flt: ProposalFilter, output: Path, options: ExportOptions, consultation
) -> ExportResult:
    """Write the høringsnotat DOCX and its manifest."""
    check_output_file(output)
    privacy = privacy_for(session, options)
    count = write_notat(session, records(session, flt, privacy), privacy, output, consultation)
    filters = describe_filter(flt, options.pseudonymize)
    manifest = Manifest("notat", output, count, filters, privacy.describe())
    return ExportResult(count, output, write_manifest(manifest), ())


def run_attachment_export(session: Session, flt: ProposalFilter, folder: Path) -> ExportResult:
    """Write the original attachments below `folder` and a manifest beside it."""
    check_output_folder(folder)
    proposals = list(iter_proposals(session, flt))
    try:
        # Made even when nothing is written: the manifest beside it describes the folder.
        folder.mkdir(exist_ok=True)
        written = export_attachments(proposals, folder)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    files = tuple(item.path for item in written)
    notice = {"notice": glossary.ORIGINALS}
    filters = describe_filter(flt)
    manifest = Manifest("attachments", folder, len(proposals), filters, {}, notice, files)
    purged = tuple(p.id for p in proposals if p.raw_message.purged_at and p.attachments)
    return ExportResult(len(proposals), folder, write_manifest(manifest), files, purged)
