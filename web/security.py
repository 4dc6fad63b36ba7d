"""Headers on every response, the CSRF token of every form that changes data, the login gate."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import quote

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: htmx and the stylesheet are files of our own.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}
OPEN_PATHS = ("/login", "/static/")


class SecurityHeaders:
    """Adds HEADERS to every response; pages with replies in them are not cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if not scope["path"].startswith("/static/"):
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


async def checked_form(request: Request):
    """The POSTed form, or 403 when its CSRF token is missing or wrong (nothing changes)."""
    form = await request.form()
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "Formularen er udløbet eller mangler sit sikkerhedstegn.")
    return form


def reviewer(request: Request) -> str:
    """The logged-in user, else the name given on this machine, else the server's default."""
    session = request.session
    return session.get("user") or session.get("name") or request.app.state.default_reviewer


def login_redirect(request: Request) -> RedirectResponse | None:
    """A redirect to /login when logins are needed and nobody is logged in."""
    if not request.app.state.require_login or request.session.get("user"):
        return None
    if request.url.path.startswith(OPEN_PATHS):
        return None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def safe_next(target: str | None) -> str:
    """Where to go after login: a path on this site only, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
