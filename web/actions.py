"""The forms that change something: the review form, login and logout, the reviewer's name.

Each POST checks the CSRF token first (security.checked_form): without it nothing changes.
"""

from __future__ import annotations

import secrets
from functools import partial

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hoering.edits import Change, InvalidValue
from hoering.rules.review import review_reply_unless_changed, validated
from hoering.store import queries
from hoering.store.models import Proposal
from hoering.store.respondent_review import set_respondent
from hoering.store.review import Conflict
from hoering.vocab import NO_DECISION
from hoering.web import auth
from hoering.web.pages import proposal_page
from hoering.web.render import page
from hoering.web.security import checked_form, reviewer, safe_next

MAX_NAME = 100  # a user name's length; longer ones are no name in [web.users]


def change_from(form: FormData, active: set[str], type_: str) -> Change:
    """The review form as a Change: every field as sent, themes as additions and removals.

    The respondent type counts only when changed: saving it unchanged would turn the rules'
    type into a reviewer's, which reparse then no longer corrects.
    """
    chosen = {value for value in form.getlist("theme") if isinstance(value, str)}
    decision = str(form.get("decision") or "")
    sent_type = str(form.get("respondent_type") or "")
    return Change(
        status=str(form.get("status") or "") or None,
        decision=decision or NO_DECISION,
        reason=str(form.get("reason") or "").replace("\r\n", "\n").strip(),
        assignee=str(form.get("assignee") or ""),
        respondent_type=sent_type if sent_type and sent_type != type_ else None,
        note=str(form.get("note") or "").replace("\r\n", "\n").strip() or None,
        add_themes=tuple(sorted(chosen - active)),
        remove_themes=tuple(sorted(active - chosen)),
    )


def respondent_from(form: FormData, proposal: Proposal) -> tuple[str | None, str | None]:
    """The respondent's name and organisation as sent, each None when unchanged: saving the
    rules' reading unchanged must not pin it against a later, better reading."""

    def changed(key: str, now: str) -> str | None:
        if key not in form:
            return None
        value = " ".join(str(form.get(key) or "").split())
        return value if value != now else None

    return (
        changed("respondent_name", proposal.respondent_name),
        changed("organisation", proposal.respondent_organisation),
    )


async def save_review(request: Request) -> Response:
    """Save the review form; 409 with the other reviewer's changes when it was changed since."""
    form = await checked_form(request)
    proposal_id = request.path_params["proposal_id"]
    seen = str(form.get("revision") or "")
    if not seen.isdigit():
        raise HTTPException(400, "Formularen mangler sit versionsnummer.")
    outcome = await run_in_threadpool(_save, request, proposal_id, form, int(seen))
    if isinstance(outcome, str):
        return proposal_page(request, status=409 if outcome == "conflict" else 400,
                             problem=outcome, sent=form)  # fmt: skip
    return RedirectResponse(f"/proposals/{proposal_id}?gemt={outcome}#vurdering", 303)


def _save(request: Request, proposal_id: int, form: FormData, seen: int) -> int | str:
    """Changes saved, or "conflict" / the InvalidValue message."""
    state = request.app.state
    with state.sessions() as session:
        proposal = queries.get_proposal(session, proposal_id)
        if proposal is None:
            raise HTTPException(404, f"Svar nr. {proposal_id} findes ikke.")
        active = {t.theme for t in proposal.themes if t.active}
        try:
            asked = change_from(form, active, proposal.respondent_type)
            change = validated(asked, state.cfg.codebook, state.cfg.decisions)
            changed = review_reply_unless_changed(
                session, proposal, change, reviewer(request), state.cfg.codebook, seen
            )
            name, organisation = respondent_from(form, proposal)
            changed += set_respondent(
                session, proposal, reviewer(request), name=name, organisation=organisation
            )
        except Conflict:
            session.rollback()
            return "conflict"
        except InvalidValue as exc:
            session.rollback()
            return str(exc)
        session.commit()
    return changed


def login_form(request: Request) -> Response:
    return page(request, "login.html", next=safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    form = await checked_form(request)
    name = str(form.get("username") or "").strip()[:MAX_NAME]
    password = str(form.get("password") or "")
    state = request.app.state
    # request.client is the browser's address, also behind a [web] trusted_proxies proxy.
    keys = [f"user:{name.casefold()}", f"addr:{request.client.host if request.client else ''}"]
    wait = state.throttle.wait_seconds(keys)
    if wait:  # not even the right password now: guessing must not go on
        minutes = max(1, round(wait / 60))
        answer = page(request, "login.html", status=429, blocked=minutes, next=form.get("next"))
        answer.headers["retry-after"] = str(int(wait) + 1)
        return answer
    if not await state.throttle.check(partial(auth.verify, state.cfg.web.users, name, password)):
        state.throttle.failed(keys)
        return page(request, "login.html", status=401, failed=True, next=form.get("next"))
    state.throttle.succeeded(keys[0])
    # A new session on login: a token planted before login is worth nothing after it.
    request.session.clear()
    request.session["user"] = name
    request.session["sid"] = state.live_sessions.start(name)
    request.session["csrf"] = secrets.token_urlsafe(32)
    return RedirectResponse(safe_next(str(form.get("next") or "")), 303)


async def logout(request: Request) -> Response:
    """Ends the session on the server too: a copy of the cookie is worth nothing after it."""
    await checked_form(request)
    request.app.state.live_sessions.end(request.session.get("sid"))
    request.session.clear()
    return RedirectResponse("/login", 303)


async def set_name(request: Request) -> Response:
    """Without logins (loopback): the name the audit trail records for this browser."""
    form = await checked_form(request)
    if request.app.state.require_login:
        raise HTTPException(403, "Navnet er dit login.")
    name = " ".join(str(form.get("name") or "").split())[:100]
    if name:
        request.session["name"] = name
    return RedirectResponse(safe_next(str(form.get("next") or "")), 303)
