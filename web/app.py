"""The Starlette application: routes, middleware and the state the handlers share."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from hoering.config import Config
from hoering.web import actions, candidate_forms, candidates, exports, ids, initiatives, pages
from hoering.web.limits import BodyLimit
from hoering.web.render import HERE, page, templates
from hoering.web.searching import SearchSlots
from hoering.web.security import CrossSiteGuard, SecureCookie, SecurityHeaders, login_redirect
from hoering.web.sessions import LiveSessions
from hoering.web.throttle import LoginThrottle

# Without logins the app trusts whoever reaches it, so only this machine's own names are
# accepted as Host: a web page whose domain re-resolves to 127.0.0.1 (DNS rebinding) is not.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
SESSION_HOURS = 12
INITIATIVE = "/initiatives/{proposal_id:id}.{number:id}"  # "12.2", as reviewers write it
CANDIDATE = "/bruttoliste/{candidate_id:id}"


def routes() -> list[Route | Mount]:
    ids.register()  # {name:id}: every id in a path is bounded (web/ids.py)
    return [
        Route("/", pages.list_page, name="list"),
        Route("/proposals/{proposal_id:id}", pages.proposal_page, name="proposal"),
        Route(
            "/proposals/{proposal_id:id}/review",
            actions.save_review,
            methods=["POST"],
            name="review",
        ),
        Route(
            "/proposals/{proposal_id:id}/attachments/{position:id}",
            pages.attachment,
            name="attachment",
        ),
        Route("/proposals/{proposal_id:id}/mail.eml", pages.raw_message, name="raw"),
        Route(INITIATIVE, initiatives.initiative_page, name="initiative"),
        Route(INITIATIVE + "/review", initiatives.save_review, methods=["POST"]),
        Route(INITIATIVE + "/retitle", initiatives.retitle, methods=["POST"]),
        Route(INITIATIVE + "/split", initiatives.split, methods=["POST"]),
        Route(INITIATIVE + "/merge", initiatives.merge, methods=["POST"]),
        Route("/bruttoliste", candidates.bruttoliste_page, name="bruttoliste"),
        Route(CANDIDATE, candidates.candidate_page, name="candidate"),
        Route(CANDIDATE + "/review", candidate_forms.save_review, methods=["POST"]),
        Route(CANDIDATE + "/retitle", candidate_forms.retitle, methods=["POST"]),
        Route(CANDIDATE + "/merge", candidate_forms.merge, methods=["POST"]),
        Route(CANDIDATE + "/move", candidate_forms.move, methods=["POST"]),
        Route(CANDIDATE + "/split", candidate_forms.split, methods=["POST"]),
        Route(CANDIDATE + "/undo", candidate_forms.undo, methods=["POST"]),
        Route("/groups", pages.groups_page, name="groups"),
        Route("/groups/{group_id:id}", pages.group_page, name="group"),
        Route("/dashboard", pages.dashboard_page, name="dashboard"),
        Route("/export", exports.export, methods=["POST"], name="export"),
        Route("/login", actions.login_form, name="login_form"),
        Route("/login", actions.login, methods=["POST"], name="login"),
        Route("/logout", actions.logout, methods=["POST"], name="logout"),
        Route("/name", actions.set_name, methods=["POST"], name="name"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


async def _login_gate(request: Request, call_next: RequestResponseEndpoint) -> Response:
    redirect = login_redirect(request)
    return redirect if redirect is not None else await call_next(request)


async def _error_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if "session" not in request.scope:  # refused before the session was read (bad Host)
        return Response(exc.detail, status_code=exc.status_code, media_type="text/plain")
    answer = page(request, "error.html", status=exc.status_code, message=exc.detail)
    answer.headers.update(exc.headers or {})
    return answer


def create_app(
    cfg: Config,
    sessions: sessionmaker[Session],
    *,
    require_login: bool,
    default_reviewer: str,
    allowed_hosts: Sequence[str] | None = None,
    secret: str | None = None,
) -> Starlette:
    """The web app over `sessions`; logins are needed when `require_login`.

    The session secret is new on every start unless given: a restart logs everyone out.
    """
    hosts = list(allowed_hosts or (["*"] if require_login else LOOPBACK_HOSTS))
    middleware = [
        # The client's address and scheme from X-Forwarded-For/-Proto, from these only.
        Middleware(ProxyHeadersMiddleware, trusted_hosts=list(cfg.web.trusted_proxies)),
        Middleware(SecureCookie),
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        # Both refuse before the session is read or a byte of the body is parsed.
        Middleware(BodyLimit),
        Middleware(CrossSiteGuard),
        Middleware(
            SessionMiddleware,
            secret_key=secret or secrets.token_urlsafe(32),
            session_cookie="hoering_session",
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
        ),
        Middleware(BaseHTTPMiddleware, dispatch=_login_gate),
    ]
    app = Starlette(
        routes=routes(), middleware=middleware, exception_handlers={HTTPException: _error_page}
    )
    app.state.cfg = cfg
    app.state.sessions = sessions
    app.state.require_login = require_login
    app.state.default_reviewer = default_reviewer
    app.state.templates = templates()
    app.state.searches = SearchSlots()
    app.state.live_sessions = LiveSessions(SESSION_HOURS)
    app.state.throttle = LoginThrottle()
    return app
