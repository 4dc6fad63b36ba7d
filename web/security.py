"""Headers on every response, the refusal of requests from other sites, the CSRF token of every
form that changes data, the login gate."""

from __future__ import annotations

import hmac
import re
import secrets
from urllib.parse import quote, urlsplit

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hoering.web.limits import refuse

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
# Exactly these, or under /static/: a prefix test let "/loginx" (and any route added later
# with such a name) past the gate.
OPEN_PATHS = ("/login",)
OPEN_PREFIXES = ("/static/",)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# The responses that hand out replies as files: a page elsewhere that navigates here would
# put them in the download folder without a click, so only the desk itself may ask.
DOWNLOADS = re.compile(r"/export|/proposals/\d+/(mail\.eml|attachments/\d+)")
# Sec-Fetch-Site values of a request the desk made itself, or the reviewer typed or bookmarked.
OWN_SITES = ("same-origin", "none")
CROSS_SITE = "Forespørgsler fra andre websteder afvises."
EXPIRED = "Formularen er udløbet eller mangler sit sikkerhedstegn."


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


def from_this_site(headers: dict[bytes, bytes]) -> bool:
    """Whether a request comes from the desk itself (or a typed URL), by Fetch Metadata.

    Current browsers send Sec-Fetch-Site (Chromium 76, Firefox 90, Safari 16.4); without it
    the Origin or Referer must name the Host asked for. With none of the three (curl, scripts,
    or a browser older than those behind a page that sends no Referer) the request passes:
    a POST still needs its CSRF token.
    """
    site = headers.get(b"sec-fetch-site")
    if site is not None:
        return site.decode("latin-1").lower() in OWN_SITES
    host = headers.get(b"host", b"").decode("latin-1").lower()
    for name in (b"origin", b"referer"):
        sent = headers.get(name)
        if sent is not None:
            return urlsplit(sent.decode("latin-1")).netloc.lower() == host != ""
    return True


class SecureCookie:
    """Marks cookies Secure on a request that came by HTTPS.

    Behind the agency's proxy the desk itself speaks plain HTTP; the scheme is the proxy's
    X-Forwarded-Proto, which uvicorn's ProxyHeadersMiddleware sets in the scope only for an
    address in [web] trusted_proxies.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (name, value + b"; secure")
                    if name == b"set-cookie" and b"secure" not in value.lower()
                    else (name, value)
                    for name, value in message["headers"]
                ]
            await send(message)

        await self.app(scope, receive, send_secure)


class CrossSiteGuard:
    """403 for a POST, or a GET of a download, sent by another site (even one on this machine)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        guarded = scope["type"] == "http" and (
            scope["method"] not in SAFE_METHODS or DOWNLOADS.fullmatch(scope["path"])
        )
        if guarded and not from_this_site(dict(scope["headers"])):
            await refuse(send, 403, CROSS_SITE)
            return
        await self.app(scope, receive, send)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


async def checked_form(request: Request):
    """The POSTed form, or 403 when its CSRF token is missing or wrong (nothing changes).

    The token travels in the form's action (`action="/logout?csrf=..."`) or, from scripts,
    an X-CSRF-Token header, so it is compared before a byte of the body is read: a request
    without it costs the server nothing.
    """
    sent = request.query_params.get("csrf") or request.headers.get("x-csrf-token")
    expected = request.session.get("csrf")
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        # The body stays unread, so the connection cannot carry another request.
        raise HTTPException(403, EXPIRED, headers={"connection": "close"})
    return await request.form(max_files=0)  # urlencoded only: limits.BodyLimit caps its size


def reviewer(request: Request) -> str:
    """The logged-in user, else the name given on this machine, else the server's default."""
    session = request.session
    return session.get("user") or session.get("name") or request.app.state.default_reviewer


def login_redirect(request: Request) -> RedirectResponse | None:
    """A redirect to /login when logins are needed and nobody is logged in.

    A cookie whose session has ended on the server (logout, expiry, restart) is emptied here,
    so no handler sees its user.
    """
    if not request.app.state.require_login:
        return None
    user = request.session.get("user")
    if user and request.app.state.live_sessions.user(request.session.get("sid")) != user:
        request.session.clear()
    elif user:
        return None
    path = request.url.path
    if path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
        return None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def safe_next(target: str | None) -> str:
    """Where to go after login: a path on this site only, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
