"""The initiative page and its forms: review, retitle, split and merge (rules/initiative_review.py).

An initiative's URL is its reference, as reviewers write it: /initiatives/12.2.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from hoering.config import Config
from hoering.edits import Change, InvalidValue
from hoering.rules import initiative_review
from hoering.rules.review import review_initiative, validated
from hoering.store import review
from hoering.store.initiatives import UnknownInitiative, get_initiative
from hoering.store.models import Initiative
from hoering.vocab import NO_DECISION, STATUSES
from hoering.web.pages import DONE, FIELD_NAMES, theme_labels
from hoering.web.render import page
from hoering.web.security import checked_form, reviewer

INITIATIVE_FIELDS = FIELD_NAMES  # title, split and merge are the glossary's too


def _ref(request: Request) -> str:
    return f"{request.path_params['proposal_id']}.{request.path_params['number']}"


def _load(session: Session, ref: str) -> Initiative:
    try:
        return get_initiative(session, ref)
    except UnknownInitiative:
        raise HTTPException(404, f"Initiativ {ref} findes ikke.") from None


def initiative_page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    ref = _ref(request)
    with request.app.state.sessions() as session:
        initiative = _load(session, ref)
        siblings = list(initiative.proposal.initiatives)
        context = {
            "initiative": initiative,
            "proposal": initiative.proposal,
            "siblings": siblings,
            "following": next((i for i in siblings if i.number == initiative.number + 1), None),
            "history": initiative_review.history(session, ref),
            "revision": review.revision(session, initiative.proposal_id, initiative.id),
            "structure": review.structure_revision(session, initiative.proposal_id),
        }
        sent = extra.pop("sent", None)
        context["values"] = {
            key: (sent.get(key) if sent is not None else getattr(initiative, key)) or ""
            for key in ("status", "decision", "reason", "assignee")
        } | {"note": (sent.get("note") or "") if sent is not None else ""}
    return page(
        request,
        "initiative.html",
        status=status,
        statuses=STATUSES,
        theme_labels=theme_labels(request),
        field_names=INITIATIVE_FIELDS,
        done=DONE.get(request.query_params.get("gjort", "")) if request.method == "GET" else None,
        **context,
        **extra,
    )


Action = Callable[[Session, Initiative, FormData, str, Config], str]


async def _act(request: Request, action: Action, structural: bool) -> Response:
    """Check the token and revision, run `action` (returns where to go next), or re-show the
    page with what went wrong: 409 after someone else's change, 400 for a refused value."""
    form = await checked_form(request)
    seen = str(form.get("revision") or "")
    if not seen.isdigit():
        raise HTTPException(400, "Formularen mangler sit versionsnummer.")
    ref = _ref(request)

    def run() -> str | tuple[int, str]:
        state = request.app.state
        with state.sessions() as session:
            initiative = _load(session, ref)
            pid = initiative.proposal_id
            current = (
                (lambda: review.structure_revision(session, pid))
                if structural
                else (lambda: review.revision(session, pid, initiative.id))
            )
            try:
                review.ensure_unchanged(session, pid, int(seen), current)
                target = action(session, initiative, form, reviewer(request), state.cfg)
            except review.Conflict:
                session.rollback()
                return 409, "conflict"
            except InvalidValue as exc:
                session.rollback()
                return 400, str(exc)
            session.commit()
            return target

    outcome = await run_in_threadpool(run)
    if isinstance(outcome, tuple):
        return initiative_page(request, status=outcome[0], problem=outcome[1], sent=form)
    return RedirectResponse(outcome, 303)


def _review(session: Session, initiative: Initiative, form: FormData, by: str, cfg: Config) -> str:
    decision = str(form.get("decision") or "")
    change = Change(
        status=str(form.get("status") or "") or None,
        decision=decision or NO_DECISION,
        reason=str(form.get("reason") or "").replace("\r\n", "\n").strip(),
        assignee=str(form.get("assignee") or ""),
        note=str(form.get("note") or "").replace("\r\n", "\n").strip() or None,
    )
    if not review_initiative(
        session, initiative, validated(change, cfg.codebook, cfg.decisions), by
    ):
        return f"/initiatives/{initiative.ref}?gjort=uaendret"
    return f"/initiatives/{initiative.ref}?gjort=gemt"


def _retitle(session: Session, initiative: Initiative, form: FormData, by: str, _) -> str:
    initiative_review.retitle(session, initiative, str(form.get("title") or ""), by)
    return f"/initiatives/{initiative.ref}?gjort=omdoebt"


def _split(session: Session, initiative: Initiative, form: FormData, by: str, cfg: Config) -> str:
    at_text = str(form.get("at") or "").strip()
    at: int | str = int(at_text) if at_text.isdigit() else at_text
    if at == "":
        raise initiative_review.SplitError("skriv de ord, den anden del skal begynde med")
    title = str(form.get("title") or "").strip() or None
    initiative_review.split(session, initiative, at, by, cfg.codebook, title)
    return f"/proposals/{initiative.proposal_id}?gjort=delt#initiativer"


def _merge(session: Session, initiative: Initiative, form: FormData, by: str, cfg: Config) -> str:
    following = next(
        (i for i in initiative.proposal.initiatives if i.number == initiative.number + 1), None
    )
    if following is None:
        raise initiative_review.SplitError("der er intet initiativ efter dette")
    initiative_review.merge(session, initiative, following, by, cfg.codebook)
    return f"/proposals/{initiative.proposal_id}?gjort=samlet#initiativer"


async def save_review(request: Request) -> Response:
    return await _act(request, _review, structural=False)


async def retitle(request: Request) -> Response:
    return await _act(request, _retitle, structural=True)


async def split(request: Request) -> Response:
    return await _act(request, _split, structural=True)


async def merge(request: Request) -> Response:
    return await _act(request, _merge, structural=True)
