"""The bruttoliste on the desk: the candidates by size (filter by theme), and a candidate with
its member initiatives side by side. Read-only: reviewers act on candidates from the CLI
for now (the candidate page leaves its review form a place of its own).
"""

from __future__ import annotations

from collections import Counter

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from hoering.edits import InvalidValue, theme_key
from hoering.export.candidate_view import in_theme, supporters_phrase
from hoering.store.candidates import UnknownCandidate, get_candidate, list_candidates
from hoering.web.pages import theme_labels
from hoering.web.render import page


def _theme(request: Request) -> str | None:
    """The ?theme= codebook key (a label is taken too, as in the list's URLs), or None."""
    value = (request.query_params.get("theme") or "").strip()
    if not value:
        return None
    try:
        return theme_key(value, request.app.state.cfg.codebook)
    except InvalidValue as exc:
        raise HTTPException(400, f"Ukendt værdi i adressen: {exc}") from None


def bruttoliste_page(request: Request) -> HTMLResponse:
    """Every candidate, most replies first; the theme links count candidates per theme."""
    theme = _theme(request)
    with request.app.state.sessions() as session:
        views = list_candidates(session)
        per_theme = Counter(key for view in views for key in view.candidate.themes)
        shown = [
            (view, supporters_phrase(view.supporters)) for view in views if in_theme(view, theme)
        ]
    labels = theme_labels(request)
    return page(
        request,
        "bruttoliste.html",
        candidates=shown,
        total=len(views),
        theme=theme,
        themes=[(key, labels.get(key, key), per_theme[key]) for key in labels if per_theme[key]],
        theme_labels=labels,
    )


def candidate_page(request: Request) -> HTMLResponse:
    """One candidate: its fields, its supporters, and each member initiative with its reply."""
    candidate_id = request.path_params["candidate_id"]
    with request.app.state.sessions() as session:
        try:
            view = get_candidate(session, candidate_id)
        except UnknownCandidate:
            raise HTTPException(404, f"Kandidat nr. {candidate_id} findes ikke.") from None
        members = [(row, row.proposal) for row in view.initiatives]
        return page(
            request,
            "candidate.html",
            view=view,
            candidate=view.candidate,
            members=members,
            supporters=supporters_phrase(view.supporters),
        )
