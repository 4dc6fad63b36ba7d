"""The list's URL parameters (?q=&status=&sort=...) as store filters, and back as links.

URLs are stable: people paste them into e-mails, so parameter names and values are the
Danish words the page shows, checked against the same lists as the CLI's options.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import ImmutableMultiDict, QueryParams

from hoering.config import Config
from hoering.store import filters, queries
from hoering.store.filters import ProposalFilter
from hoering.web.searching import checked_query

FILTER_PARAMS = filters.URL_PARAMS
KEPT = (*FILTER_PARAMS, "q", "vis")  # what a facet link, sort link or export keeps
PER_PAGE = 50
INITIATIVES = "initiativer"  # ?vis=initiativer lists initiatives instead of replies


def list_filter(params: ImmutableMultiDict, cfg: Config) -> ProposalFilter:
    """The filters in the URL or the export form; edits.InvalidValue for a value not allowed."""
    return filters.from_url(params, cfg.codebook, cfg.decisions)


def list_request(params: QueryParams, cfg: Config) -> queries.ListRequest:
    query = checked_query(params.get("q"))
    sort = params.get("sort") or (queries.RELEVANCE if query else "modtaget")
    if sort != queries.RELEVANCE and sort not in queries.SORTS:
        sort = "modtaget"
    return queries.ListRequest(
        flt=list_filter(params, cfg),
        query=query,
        sort=sort,
        descending=params.get("order") == "faldende",
        page=_page(params.get("page")),
        per_page=PER_PAGE,
        initiatives=params.get("vis") == INITIATIVES,
    )


def _page(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 1_000_000 else 1


def kept(params: QueryParams) -> dict[str, str]:
    """The filter and search parameters of this URL, without sort and page."""
    return {key: params[key] for key in KEPT if params.get(key)}


def link(params: QueryParams, **changes: str | None) -> str:
    """This list URL with some parameters set (None removes one); page resets to 1."""
    values = kept(params)
    for key in ("sort", "order"):
        if params.get(key):
            values[key] = params[key]
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return "/?" + urlencode(values) if values else "/"
