"""Export buttons: CSV, XLSX, the party overview (`export --per party`, XLSX) and the
høringsnotat with the CLI's profiles, privacy options and filters (the list's current
filters and search), written by export/run.py as a download.

Only by POST with the CSRF token: a GET link could be followed by any web page open in the
reviewer's browser. A CSV or XLSX whose long cells were cut points to the whole texts in a
`…-fulltekst/` folder beside it: the download is then a ZIP of the file and that folder, so
every "hele teksten: …" marker names a file the reviewer has. CPR numbers are always
removed and formulas always guarded here; the CLI alone can turn either off
(`--no-redact-cpr`, `--no-formula-guard`)."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse

from hoering.edits import InvalidValue
from hoering.export.csv_export import PROFILES
from hoering.export.notat import consultation_of
from hoering.export.run import ExportOptions, run_export, run_notat
from hoering.store import queries
from hoering.web import params
from hoering.web.searching import checked_query
from hoering.web.security import checked_form

KINDS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "notat": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUFFIXES = {"csv": "csv", "xlsx": "xlsx", "notat": "docx"}
ZIP = "application/zip"
# The party overview's button: `export --per party` as the people's XLSX, of the replies shown.
PARTIES = "parter"


def options_from(form: FormData) -> ExportOptions:
    """The export form's choices; CPR removal and the formula guard keep their defaults (on)."""
    kind = form.get("format", "")
    if kind == PARTIES:
        return ExportOptions(
            format="xlsx",
            redact=form.get("redact") == "1",
            pseudonymize=form.get("pseudonymize") == "1",
            per="party",
        )
    profile = form.get("profile") or "excel"
    if kind not in KINDS or profile not in PROFILES:
        raise HTTPException(400, "Ukendt eksportformat eller CSV-profil.")
    return ExportOptions(
        format=kind,
        profile=profile,
        redact=form.get("redact") == "1",
        pseudonymize=form.get("pseudonymize") == "1",
        # The list's initiative mode exports one row per initiative (the notat stays per reply).
        per="initiative" if form.get("vis") == params.INITIATIVES and kind != "notat" else "reply",
    )


def file_stem(options: ExportOptions) -> str:
    """The download's name before the date: what the file holds, so the reply list and the
    initiative list saved on the same day do not take each other's name."""
    if options.format == "notat":
        return "hoeringsnotat"
    return {"initiative": "initiativer", "party": "hoeringsparter"}.get(options.per, "hoeringssvar")


async def export(request: Request) -> FileResponse:
    """POST /export format=csv|xlsx|notat&<list filters>: the file, as a download."""
    form = await checked_form(request)
    options = options_from(form)
    try:
        flt = params.list_filter(form, request.app.state.cfg)
    except InvalidValue as exc:
        raise HTTPException(400, f"Ukendt værdi i filtrene: {exc}") from None
    return await run_in_threadpool(_export, request, form, flt, options)


def _export(request: Request, form: FormData, flt, options: ExportOptions) -> FileResponse:
    state = request.app.state
    folder = Path(tempfile.mkdtemp(prefix="hoering-web-export-"))
    stamp = datetime.now(state.cfg.timezone).strftime("%Y-%m-%d")  # sorts in a folder
    output = folder / f"{file_stem(options)}-{stamp}.{SUFFIXES[options.format]}"
    try:
        query = checked_query(str(form.get("q") or ""))
        with state.sessions() as session:
            with state.searches.hold(session, query):  # the search only, not the export
                flt = queries.with_search(session, flt, query)
            if options.format == "notat":
                run_notat(session, flt, output, options, consultation_of(state.cfg))
                extra: tuple[Path, ...] = ()
            else:
                extra = run_export(session, flt, output, options, state.cfg.timezone).extra_files
        if extra:
            output = zipped(output, extra)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        output,
        media_type=ZIP if extra else KINDS[options.format],
        filename=output.name,
        content_disposition_type="attachment",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def zipped(output: Path, extra: tuple[Path, ...]) -> Path:
    """`output` and its full-text files in a ZIP beside it, each under its path relative to
    the export's folder: the markers in the cells name them so."""
    archive = output.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in (output, *extra):
            bundle.write(path, path.relative_to(output.parent).as_posix())
    return archive
