"""The forms on a candidate's page: review (status, decision, reason, assignee), retitle,
merge another candidate into it, move one of its initiatives to another candidate or a new
one, split some of them off into a new candidate, and undo the last action. The CLI's path
(`hoering candidate review|retitle|merge|move|split|undo`): the same rules
(rules/candidate_review.py, rules/candidate_undo.py), the same optimistic check on the
revision the page showed, the same audited event.

Each POST checks the CSRF token first (security.checked_form): without it nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hoering.config import Config
from hoering.edits import Change, InvalidValue
from hoering.rules import candidate_review, candidate_undo
from hoering.rules.review import validated
from hoering.store.candidates import UnknownCandidate, get_candidate
from hoering.store.initiatives import UnknownInitiative, get_initiative
from hoering.store.models import Candidate, Initiative
from hoering.store.review import Conflict
from hoering.vocab import NO_DECISION
from hoering.web.candidates import ACTIONS, candidate_page
from hoering.web.security import checked_form, reviewer

NEW = "ny"  # the move form's target for a candidate of the initiative's own


@dataclass(frozen=True)
class Done:
    """Where the page goes after an action: its ?gjort= word, and another candidate's page
    (an undone split's new candidate is gone) or a candidate to link (a split's new one)."""

    word: str
    shown: int | None = None
    started: int | None = None


# An action: the candidate, the form, who, the config in; the ?gjort= word (or Done) out.
Action = Callable[[Session, Candidate, FormData, str, Config], str | Done]


async def _act(request: Request, action: Action) -> Response:
    """Check the token and the revision, run `action`, or show the page again with what
    went wrong: 409 after someone else's change, 400 for a value refused."""
    form = await checked_form(request)
    seen = str(form.get("revision") or "")
    if not seen.isdigit():
        raise HTTPException(400, "Formularen mangler sit versionsnummer.")
    candidate_id = request.path_params["candidate_id"]

    def run() -> str | Done | tuple[int, str]:
        state = request.app.state
        with state.sessions() as session:
            try:
                candidate = get_candidate(session, candidate_id).candidate
            except UnknownCandidate:
                raise HTTPException(404, f"Kandidat nr. {candidate_id} findes ikke.") from None
            try:
                candidate_review.ensure_unchanged(session, candidate_id, int(seen))
                done = action(session, candidate, form, reviewer(request), state.cfg)
            except Conflict:
                session.rollback()
                return 409, "conflict"
            except InvalidValue as exc:  # CandidateActionError is one
                session.rollback()
                return 400, str(exc)
            session.commit()
            return done

    outcome = await run_in_threadpool(run)
    if isinstance(outcome, tuple):
        return candidate_page(request, status=outcome[0], problem=outcome[1], sent=form)
    done = outcome if isinstance(outcome, Done) else Done(outcome)
    page = f"/bruttoliste/{done.shown or candidate_id}?gjort={done.word}"
    page += f"&ny={done.started}" if done.started else ""
    anchor = "#vurdering" if done.word in ("gemt", "uaendret") else ""
    return RedirectResponse(page + anchor, 303)


def _text(form: FormData, key: str) -> str:
    return str(form.get(key) or "").replace("\r\n", "\n").strip()


def _review(session: Session, candidate: Candidate, form: FormData, by: str, cfg: Config) -> str:
    change = Change(
        status=_text(form, "status") or None,
        decision=_text(form, "decision") or NO_DECISION,
        reason=_text(form, "reason"),
        assignee=_text(form, "assignee"),
    )
    checked = validated(change, cfg.codebook, cfg.decisions)
    changed = candidate_review.review(session, candidate, checked, by)
    return "gemt" if changed else "uaendret"


def _retitle(session: Session, candidate: Candidate, form: FormData, by: str, _: Config) -> str:
    title = _text(form, "title")
    if not title:
        raise candidate_review.CandidateActionError("skriv en titel")
    changed = candidate_review.retitle(session, candidate, title, by)
    return "omdoebt" if changed else "samme-titel"


def _number(value: str, what: str) -> int:
    if not value.isdecimal():
        raise candidate_review.CandidateActionError(f"{what} skal være et kandidatnummer")
    return int(value)


def _other(session: Session, candidate_id: int) -> Candidate:
    try:
        return get_candidate(session, candidate_id).candidate
    except UnknownCandidate:
        raise InvalidValue(f"kandidat nr. {candidate_id} findes ikke") from None


def _merge(session: Session, candidate: Candidate, form: FormData, by: str, _: Config) -> str:
    other = _number(_text(form, "other"), "den anden kandidat")
    if other == candidate.id:
        raise candidate_review.CandidateActionError("vælg en anden kandidat end denne")
    candidate_review.merge(session, candidate, _other(session, other), by)
    return "samlet"


def _initiative(session: Session, ref: str) -> Initiative:
    try:
        return get_initiative(session, ref)
    except UnknownInitiative:
        raise InvalidValue(f"initiativ {ref} findes ikke") from None


def _move(session: Session, candidate: Candidate, form: FormData, by: str, _: Config) -> str:
    ref = _text(form, "initiative")
    initiative = _initiative(session, ref)
    if initiative.candidate_id != candidate.id:
        raise candidate_review.CandidateActionError(
            f"initiativ {ref} hører ikke til kandidat nr. {candidate.id}"
        )
    target = _text(form, "target").casefold()
    target_id = None if target in ("", NEW) else _number(target, "målet")
    if target_id == candidate.id:
        raise candidate_review.CandidateActionError(f"initiativ {ref} er allerede her")
    if target_id is not None:
        _other(session, target_id)
    candidate_review.move(session, initiative, target_id, by)
    return "flyttet"


def _split(session: Session, candidate: Candidate, form: FormData, by: str, _: Config) -> Done:
    # A campaign's tick carries all its letters' refs, comma-separated as `--initiatives`.
    refs = [ref.strip() for value in form.getlist("initiatives") for ref in str(value).split(",")]
    refs = list(dict.fromkeys(ref for ref in refs if ref))
    if not refs:
        raise candidate_review.CandidateActionError("vælg de initiativer, der skal skilles ud")
    rows = [_initiative(session, ref) for ref in refs]
    strangers = [row.ref for row in rows if row.candidate_id != candidate.id]
    if strangers:
        raise candidate_review.CandidateActionError(
            f"{', '.join(strangers)} hører ikke til kandidat nr. {candidate.id}"
        )
    if len(rows) == len(candidate_review.members_of(session, [candidate.id])):
        raise candidate_review.CandidateActionError(
            "lad mindst ét initiativ blive tilbage: en deling skiller nogle ud, ikke alle"
        )
    started = candidate_review.split(session, candidate, rows, by)
    return Done("delt", started=started.id)


def _undo(session: Session, candidate: Candidate, _form: FormData, by: str, _: Config) -> Done:
    found = candidate_undo.pending(session, candidate.id)
    if found.event is None:
        raise candidate_review.CandidateActionError("der er ingen handling at fortryde")
    if found.blocked_by is not None:
        later, other = found.blocked_by, found.blocked_on
        action = ACTIONS.get(later.field, later.field)
        raise candidate_review.CandidateActionError(
            f"kandidat nr. {other} er ændret siden ({action} af {later.by}): "
            f"fortryd det på kandidat nr. {other} først"
        )
    event = candidate_undo.undo(session, candidate.id, by)
    # Undoing a split from the new candidate's page removes that candidate: show the old one.
    session.flush()
    left = session.get(Candidate, candidate.id) is not None
    return Done("fortrudt", shown=None if left else event.candidate_id)


async def save_review(request: Request) -> Response:
    return await _act(request, _review)


async def retitle(request: Request) -> Response:
    return await _act(request, _retitle)


async def merge(request: Request) -> Response:
    return await _act(request, _merge)


async def move(request: Request) -> Response:
    return await _act(request, _move)


async def split(request: Request) -> Response:
    return await _act(request, _split)


async def undo(request: Request) -> Response:
    return await _act(request, _undo)
