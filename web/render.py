"""The Jinja2 environment (autoescaping on: every value from a mail is shown as text)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from hoering import glossary
from hoering.export.columns import readable, readable_line
from hoering.store.search import HIGHLIGHT_END, HIGHLIGHT_START
from hoering.web.searching import MAX_QUERY_CHARS
from hoering.web.security import csrf_token, reviewer

MAX_NEXT_QUERY = 4 * MAX_QUERY_CHARS  # urlencoded, with the list's filters

HERE = Path(__file__).parent


def templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["size"] = human_size
    env.filters["marks"] = marks
    env.filters["readable"] = readable  # heading marks and Word's bullet glyphs, as in exports
    env.filters["readable_line"] = readable_line
    env.globals["glossary"] = glossary  # the Danish words of every page
    return Jinja2Templates(env=env)


def marks(snippet: str) -> Markup:
    """A search snippet with its matches as <mark>, everything else (a mail's "[") escaped."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>"))


def human_size(size: int) -> str:
    for unit in ("B", "kB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024
    return str(size)


def here(request: Request) -> str:
    """This page's path and query, for a form's `next`; a query too long to be a search the
    desk accepts is left out rather than repeated into the page."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query and len(query) <= MAX_NEXT_QUERY else "")


def decisions(request: Request) -> tuple[str, ...]:
    """The decisions every form offers and every filter takes: the config's (vocab's own,
    then [review] decisions), never a built-in list of the desk's."""
    return request.app.state.cfg.decisions


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with what every page shows: the user, the CSRF token and the
    decisions a review form offers."""
    state = request.app.state
    tz = state.cfg.timezone

    def when(moment: datetime | None) -> str:
        return glossary.people_time(moment, tz) or glossary.NO_DATE

    context |= {
        "csrf": csrf_token(request),
        "reviewer": reviewer(request),
        "logged_in": bool(request.session.get("user")),
        "require_login": state.require_login,
        "when": when,
        "title_of_consultation": state.cfg.title,
        "here": here(request),
        "decisions": decisions(request),
    }
    return state.templates.TemplateResponse(request, name, context, status_code=status)
