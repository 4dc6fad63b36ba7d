"""The pages that only read: the list, a reply, its attachments, groups, the dashboard."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from hoering import glossary
from hoering.edits import InvalidValue
from hoering.export.attachments_export import attachments_of, safe_name
from hoering.export.views import reply_view
from hoering.store import browse_initiatives, duplicates, queries, review
from hoering.store.figures import dashboard
from hoering.vocab import RESPONDENT_TYPES, STATUSES, ReviewStatus
from hoering.web import charts, params
from hoering.web.render import page

FACET_TITLES = {
    "status": glossary.STATUS,
    "decision": glossary.DECISION,
    "theme": glossary.THEME,
    "respondent_type": glossary.TYPE,
    "late": glossary.LATE,
}
# The facet's URL parameter (params.FILTER_PARAMS in reverse).
FACET_PARAMS = {field: param for param, field in params.FILTER_PARAMS.items()}


def list_page(request: Request) -> HTMLResponse:
    state = request.app.state
    try:
        wanted = params.list_request(request.query_params, state.cfg)
    except InvalidValue as exc:
        raise HTTPException(400, f"Ukendt værdi i adressen: {exc}") from None
    with state.sessions() as session, state.searches.hold(session, wanted.query):
        if wanted.initiatives:
            result = browse_initiatives.initiative_page(session, wanted)
        else:
            result = queries.list_page(session, wanted)
    labels = theme_labels(request)
    template = "_results.html" if request.headers.get("hx-request") else "list.html"
    return page(
        request,
        template,
        result=result,
        wanted=wanted,
        pages=result.pages(wanted.per_page),
        facet_titles=FACET_TITLES,
        facet_params=FACET_PARAMS,
        theme_labels=labels,
        query=request.query_params,
        link=lambda **changes: params.link(request.query_params, **changes),
        kept=params.kept(request.query_params),
        sorts=queries.SORTS,
    )


# 410 Gone: the bytes existed and were dropped on purpose (hoering purge --raw-before).
PURGED = (
    "Den originale mail og dens bilag er slettet (hoering purge); "
    "teksten og vurderingen er bevaret."
)


def theme_labels(request: Request) -> dict[str, str]:
    return {theme.key: theme.label for theme in request.app.state.cfg.codebook.themes}


DONE = {  # ?gjort= after a change: the notice the page shows
    "gemt": "Vurderingen er gemt.",
    "uaendret": "Ingen ændring: vurderingen var allerede sådan. Intet er skrevet i historikken.",
    "omdoebt": "Titlen er ændret.",
    "delt": "Initiativet er delt i to; den anden del har fået nummeret efter.",
    "samlet": "Initiativerne er slået sammen.",
}
# The audit trail's field names: the glossary's words, in lower case mid-sentence.
FIELD_NAMES = glossary.FIELD_NAMES


def form_values(proposal, sent=None) -> dict:
    """The review form's values: as stored, or as the reviewer sent them (after a conflict)."""
    if sent is not None:
        return {
            "status": sent.get("status"),
            "decision": sent.get("decision"),
            "reason": sent.get("reason") or "",
            "assignee": sent.get("assignee") or "",
            "respondent_type": sent.get("respondent_type"),
            "respondent_name": sent.get("respondent_name") or "",
            "organisation": sent.get("organisation") or "",
            "themes": set(sent.getlist("theme")),
            "note": sent.get("note") or "",
        }
    return {
        "status": proposal.status,
        "decision": proposal.decision or "",
        "reason": proposal.reason,
        "assignee": proposal.assignee,
        "respondent_type": proposal.respondent_type,
        "respondent_name": proposal.respondent_name,
        "organisation": proposal.respondent_organisation,
        "themes": {t.theme for t in proposal.themes if t.active},
        "note": "",
    }


def proposal_page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    """A reply: cleaned text beside the original mail, attachments, review form and audit."""
    proposal_id = request.path_params["proposal_id"]
    with request.app.state.sessions() as session:
        proposal = queries.get_proposal(session, proposal_id)
        if proposal is None:
            raise HTTPException(404, f"Svar nr. {proposal_id} findes ikke.")
        history = review.history(session, proposal_id)
        member = duplicates.group_of(session, proposal_id)
        originals = {att.path for att in attachments_of(proposal)}
        view = reply_view(proposal)
        context = {
            "proposal": proposal,
            "signals": view.signals,
            "remarks": view.remarks,
            "history": history,
            "revision": review.revision(session, proposal_id),
            "member": member,
            "downloadable": originals,
            "original_notice": glossary.ORIGINAL,
            "values": form_values(proposal, extra.pop("sent", None)),
        } | extra
    return page(
        request,
        "proposal.html",
        status=status,
        themes=request.app.state.cfg.codebook.themes,
        theme_labels=theme_labels(request),
        statuses=STATUSES,
        respondent_types=RESPONDENT_TYPES,
        field_names=FIELD_NAMES,
        saved=_saved(request),
        done=DONE.get(request.query_params.get("gjort", "")) if request.method == "GET" else None,
        **context,
    )


def _saved(request: Request) -> int | None:
    value = request.query_params.get("gemt", "")
    return int(value) if value.isdigit() and request.method == "GET" else None


def attachment(request: Request) -> Response:
    """The original attachment file, always as a download, never rendered by the browser."""
    proposal_id = request.path_params["proposal_id"]
    position = request.path_params["position"]
    with request.app.state.sessions() as session:
        proposal = queries.get_proposal(session, proposal_id)
        stored = next(
            (a for a in (proposal.attachments if proposal else []) if a.position == position),
            None,
        )
        if proposal is None or stored is None:
            raise HTTPException(404, "Bilaget findes ikke.")
        if proposal.raw_message.purged_at is not None:
            raise HTTPException(410, PURGED)
        originals = [a for a in attachments_of(proposal) if a.path == stored.path]
    if not originals:
        raise HTTPException(404, "Bilaget findes kun som en del af et andet bilag.")
    name = safe_name(originals[0], position, set())
    return download(originals[0].content, name)


def raw_message(request: Request) -> Response:
    """The mail exactly as received (.eml), as a download."""
    proposal_id = request.path_params["proposal_id"]
    with request.app.state.sessions() as session:
        proposal = queries.get_proposal(session, proposal_id)
        if proposal is None:
            raise HTTPException(404, f"Svar nr. {proposal_id} findes ikke.")
        if proposal.raw_message.purged_at is not None:
            raise HTTPException(410, PURGED)
        data = proposal.raw_message.data
    return download(data, f"svar-{proposal_id}.eml")


def download(data: bytes, name: str) -> Response:
    """Bytes as an attachment: application/octet-stream, so nothing is sniffed or shown."""
    from urllib.parse import quote

    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"content-disposition": disposition},
    )


def groups_page(request: Request) -> HTMLResponse:
    with request.app.state.sessions() as session:
        found = duplicates.groups(session)
        ids = [m.proposal_id for g in found for m in g.members]
        proposals = queries.proposals_by_id(session, ids)
    return page(request, "groups.html", groups=found, proposals=proposals)


def group_page(request: Request) -> HTMLResponse:
    """A duplicate or campaign group: the common letter, each variant's own words beside."""
    group_id = request.path_params["group_id"]
    with request.app.state.sessions() as session:
        group = queries.duplicate_group(session, group_id)
        if group is None:
            raise HTTPException(404, f"Gruppe nr. {group_id} findes ikke.")
        proposals = queries.proposals_by_id(session, [m.proposal_id for m in group.members])
    return page(request, "group.html", group=group, proposals=proposals)


def dashboard_page(request: Request) -> HTMLResponse:
    state = request.app.state
    with state.sessions() as session:
        figures = dashboard(session, state.cfg.timezone)
    labels = theme_labels(request)
    reviewers = sorted(figures.per_assignee.items(), key=lambda item: (item[0] == "", item[0]))
    themes = sorted(figures.per_theme.items(), key=lambda item: -sum(item[1].values()))
    return page(
        request,
        "dashboard.html",
        figures=figures,
        per_day=charts.received_per_day(figures.per_day, state.cfg.deadline),
        per_reviewer=charts.progress(
            [(name or "ikke tildelt", counts) for name, counts in reviewers],
            "Fremdrift pr. sagsbehandler",
        ),
        per_theme=charts.progress(
            [(labels.get(key, key), counts) for key, counts in themes], "Fremdrift pr. tema"
        ),
        done=sum(c.get(ReviewStatus.DONE, 0) for c in figures.per_assignee.values()),
    )
