"""Export buttons: CSV, XLSX and the høringsnotat with the CLI's profiles, privacy options and
filters (the list's current filters and search), written by export/run.py as a download."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse

from hoering.export.csv_export import PROFILES
from hoering.export.notat import Consultation
from hoering.export.run import ExportOptions, run_export, run_notat
from hoering.store import browse, review
from hoering.web import params

KINDS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "notat": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUFFIXES = {"csv": "csv", "xlsx": "xlsx", "notat": "docx"}


def options_from(request: Request) -> ExportOptions:
    query = request.query_params
    kind = query.get("format", "")
    profile = query.get("profile") or "excel"
    if kind not in KINDS or profile not in PROFILES:
        raise HTTPException(400, "Ukendt eksportformat eller CSV-profil.")
    return ExportOptions(
        format=kind,
        profile=profile,
        formula_guard=query.get("formula_guard", "1") == "1",
        redact=query.get("redact") == "1",
        redact_cpr=query.get("keep_cpr") != "1",
        pseudonymize=query.get("pseudonymize") == "1",
        # The list's initiative mode exports one row per initiative (the notat stays per reply).
        per="initiative" if query.get("vis") == params.INITIATIVES and kind != "notat" else "reply",
    )


def consultation_of(cfg) -> Consultation:
    """What the notat says about the consultation, as `hoering notat` builds it."""
    themes = tuple(theme.label for theme in cfg.codebook.themes)
    return Consultation(cfg.title, cfg.start, cfg.deadline, cfg.timezone, themes)


def export(request: Request) -> FileResponse:
    """GET /export?format=csv|xlsx|notat&<list filters>: the file, as a download."""
    state = request.app.state
    options = options_from(request)
    try:
        flt = params.list_filter(request.query_params, state.cfg)
    except review.InvalidValue as exc:
        raise HTTPException(400, f"Ukendt værdi i adressen: {exc}") from None
    folder = Path(tempfile.mkdtemp(prefix="hoering-web-export-"))
    stamp = datetime.now(state.cfg.timezone).strftime("%Y-%m-%d")
    name = ("hoeringsnotat" if options.format == "notat" else "hoeringssvar") + f"-{stamp}"
    output = folder / f"{name}.{SUFFIXES[options.format]}"
    try:
        with state.sessions() as session:
            flt = browse.with_search(session, flt, request.query_params.get("q", ""))
            if options.format == "notat":
                cfg = state.cfg
                themes = tuple(theme.label for theme in cfg.codebook.themes)
                consultation = Consultation(
                    cfg.title, cfg.start, cfg.deadline, cfg.timezone, themes
                )
                run_notat(session, flt, output, options, consultation)
            else:
                run_export(session, flt, output, options, state.cfg.timezone)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        output,
        media_type=KINDS[options.format],
        filename=output.name,
        content_disposition_type="attachment",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
