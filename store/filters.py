"""The one filter model: which replies `list`, the exports and the desk's list show.

The CLI's filter options (--status, --type, --late, ...) and the desk's URL parameters
(?status=&type=&late=ja) both become a ProposalFilter here, each value checked against the
same allowed list, so a value the CLI refuses the desk refuses with the same message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from hoering.edits import canonical, theme_key
from hoering.vocab import DECISIONS, NO_DECISION, RESPONDENT_TYPES, STATUSES

if TYPE_CHECKING:
    from hoering.edits import Codebook

LANGUAGES = ("da", "en", "other")
# URL parameter -> ProposalFilter field; "type" reads better in a URL than respondent_type.
URL_PARAMS = {
    "status": "status",
    "decision": "decision",
    "theme": "theme",
    "type": "respondent_type",
    "late": "late",
    "assignee": "assignee",
}


@dataclass(frozen=True)
class ProposalFilter:
    """The filters `list` and `export` share. Empty means everything."""

    since: datetime | None = None
    late: bool | None = None
    search: str | None = None
    ids: tuple[int, ...] = ()
    # Review and normalized fields (issue 5), in their canonical Danish spelling
    # (edits.canonical); theme is a codebook key. decision "ingen": no decision yet.
    status: str | None = None
    decision: str | None = None
    assignee: str | None = None
    respondent_type: str | None = None
    theme: str | None = None
    language: str | None = None


def checked(
    field: str, value: str | bool, codebook: Codebook, decisions: Sequence[str] = DECISIONS
) -> str | bool:
    """`value` of a ProposalFilter field in its canonical spelling; edits.InvalidValue if it
    is not allowed. `decisions`: the allowed ones (the config's, Config.decisions)."""
    if field == "status":
        return canonical(value, STATUSES, "status")
    if field == "decision":
        if value.strip().casefold() == NO_DECISION:
            return NO_DECISION
        return canonical(value, decisions, "decision")
    if field == "theme":
        return theme_key(value, codebook)
    if field == "respondent_type":
        return canonical(value, RESPONDENT_TYPES, "respondent type")
    if field == "language":
        return canonical(value, LANGUAGES, "language")
    if field == "late" and isinstance(value, str):  # the URL's "ja"/"nej"
        return canonical(value, ("ja", "nej"), "late") == "ja"
    return value


def proposal_filter(
    codebook: Codebook,
    tz: ZoneInfo | None = None,
    *,
    decisions: Sequence[str],
    **values: str | bool | datetime | None,
) -> ProposalFilter:
    """A ProposalFilter from typed values (None: not filtered), each checked. `since` is a
    day, from its first moment in the consultation's zone `tz`; `decisions`: the config's
    (Config.decisions), so a filter takes every decision a reviewer can set."""
    since = values.pop("since", None)
    if since is not None:
        values["since"] = datetime.combine(since.date(), time(0), tzinfo=tz)
    return ProposalFilter(
        **{
            field: value if value is None else checked(field, value, codebook, decisions)
            for field, value in values.items()
        }
    )


def from_url(
    params: Mapping[str, str], codebook: Codebook, decisions: Sequence[str]
) -> ProposalFilter:
    """The filters in a desk URL or export form; an empty parameter filters nothing."""
    values = {}
    for param, field in URL_PARAMS.items():
        value = (params.get(param) or "").strip()
        if value:
            values[field] = value
    return proposal_filter(codebook, decisions=decisions, **values)
