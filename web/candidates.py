"""The bruttoliste on the desk: the candidates by size (filter by theme), and a candidate's
page with its member initiatives side by side, its review form and history, and the forms
that retitle it, merge another into it, move a member out, split members off into a new
candidate and undo the last action (web/candidate_forms.py).
"""

from __future__ import annotations

from collections import Counter

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from hoering import glossary
from hoering.edits import InvalidValue, theme_key
from hoering.export import candidate_campaigns
from hoering.export.candidate_view import in_theme
from hoering.rules.candidate_review import REVIEW_FIELDS, revision
from hoering.rules.candidate_undo import history, pending
from hoering.store.candidates import UnknownCandidate, get_candidate, list_candidates
from hoering.store.models import CandidateEvent
from hoering.vocab import STATUSES
from hoering.web.pages import DONE, theme_labels
from hoering.web.render import page

# ?gjort= after a candidate's form: the notice its page shows.
CANDIDATE_DONE = DONE | {
    "flyttet": "Initiativet er flyttet.",
    "samlet": "Kandidaterne er slået sammen.",
    # A candidate's review is recorded even when no field changed: it marks its members seen.
    "uaendret": "Ingen felter ændret; kandidatens initiativer er nu markeret som set.",
    "samme-titel": "Ingen ændring: kandidaten havde allerede den titel.",
    "delt": "De valgte initiativer er skilt ud i en ny kandidat.",
    "fortrudt": "Den seneste handling er fortrudt; historikken viser den som fortrudt.",
}
# A candidate's trail, as people read it: what each action is called on the page.
ACTIONS = glossary.CANDIDATE_ACTIONS


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
        campaigns = candidate_campaigns.entries(session)
        shown = [
            (view, candidate_campaigns.grouped(view, campaigns))
            for view in views
            if in_theme(view, theme)
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


def described(event: CandidateEvent) -> tuple[str, str, str]:
    """An event of the trail as the page shows it: the action, the old and the new value; a
    review's "decision: optaget; reason: -" in the glossary's words."""
    action = ACTIONS.get(event.field, event.field)
    if event.undone:
        action += " (fortrudt)"
    if event.field == "review":
        return action, glossary.field_words(event.old_value), glossary.field_words(event.new_value)
    return action, event.old_value or "–", event.new_value or "–"


def _last(event: CandidateEvent | None) -> str:
    """The action the undo button takes back, as the trail reads it: "delte: 9.1 i 3 → 9.1 i 8"."""
    if event is None:
        return ""
    action, old, new = described(event)
    return f"{action}: {old} → {new}"


def _started(request: Request) -> int | None:
    """The new candidate a split started (?ny=), linked from the page's notice."""
    value = request.query_params.get("ny", "")
    return int(value) if value.isdecimal() and request.method == "GET" else None


def candidate_page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    """One candidate: its fields, supporters, review form and trail, and each member
    initiative with its reply. `sent`: the form a reviewer sent, shown again after a refusal."""
    candidate_id = request.path_params["candidate_id"]
    sent: FormData | None = extra.pop("sent", None)
    with request.app.state.sessions() as session:
        try:
            view = get_candidate(session, candidate_id)
        except UnknownCandidate:
            raise HTTPException(404, f"Kandidat nr. {candidate_id} findes ikke.") from None
        candidate = view.candidate
        grouped = candidate_campaigns.grouped(view, candidate_campaigns.entries(session))
        values = {
            key: (sent.get(key) if sent is not None else getattr(candidate, key)) or ""
            for key in REVIEW_FIELDS
        }
        undoable = pending(session, candidate.id)
        # A refused retitle shows the title typed; any other form, the stored one.
        values["title"] = str(
            sent.get("title") if sent and "title" in sent else candidate.title or ""
        )
        return page(
            request,
            "candidate.html",
            status=status,
            view=view,
            candidate=candidate,
            members=[(row, row.proposal) for row in grouped.loose],
            campaigns=grouped.campaigns,
            supporters=grouped.phrase(),
            revision=revision(session, candidate_id),
            history=[(event, *described(event)) for event in history(session, candidate_id)],
            values=values,
            # What a refused split had ticked stays ticked (a campaign's box: its refs).
            ticked=set(sent.getlist("initiatives")) if sent is not None else set(),
            undoable=undoable,
            last_action=_last(undoable.event),
            started=_started(request),
            statuses=STATUSES,
            done=CANDIDATE_DONE.get(request.query_params.get("gjort", ""))
            if request.method == "GET"
            else None,
            **extra,
        )
