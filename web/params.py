"""The list's URL parameters (?q=&status=&sort=...) as store filters, and back as links.

URLs are stable: people paste them into e-mails, so parameter names and values are the
Danish words the page shows, checked against the same lists as the CLI's options.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import ImmutableMultiDict, QueryParams

from hoering.config import Config
from hoering.store import browse, review
from hoering.store.queries import ProposalFilter
from hoering.vocab import DECISIONS, NO_DECISION, RESPONDENT_TYPES, STATUSES
from hoering.web.searching import checked_query

# URL parameter -> ProposalFilter field; "type" reads better in a URL than respondent_type.
FILTER_PARAMS = {
    "status": "status",
    "decision": "decision",
    "theme": "theme",
    "type": "respondent_type",
    "late": "late",
    "assignee": "assignee",
}
KEPT = (*FILTER_PARAMS, "q", "vis")  # what a facet link, sort link or export keeps
PER_PAGE = 50
INITIATIVES = "initiativer"  # ?vis=initiativer lists initiatives instead of replies


def list_filter(params: ImmutableMultiDict, cfg: Config) -> ProposalFilter:
    """The filters in the URL or the export form; review.InvalidValue for a value not allowed."""
    values = {}
    for param, field in FILTER_PARAMS.items():
        value = (params.get(param) or "").strip()
        if value:
            values[field] = _canonical(field, value, cfg)
    return ProposalFilter(**values)


def _canonical(field: str, value: str, cfg: Config):
    if field == "status":
        return review.canonical(value, STATUSES, "status")
    if field == "decision":
        if value.casefold() == NO_DECISION:
            return NO_DECISION
        return review.canonical(value, DECISIONS, "decision")
    if field == "theme":
        return review.theme_key(value, cfg.codebook)
    if field == "respondent_type":
        return review.canonical(value, RESPONDENT_TYPES, "respondent type")
    if field == "late":
        return review.canonical(value, ("ja", "nej"), "late") == "ja"
    return value


def list_request(params: QueryParams, cfg: Config) -> browse.ListRequest:
    query = checked_query(params.get("q"))
    sort = params.get("sort") or (browse.RELEVANCE if query else "modtaget")
    if sort != browse.RELEVANCE and sort not in browse.SORTS:
        sort = "modtaget"
    return browse.ListRequest(
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
