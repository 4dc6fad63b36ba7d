"""A unit of an institution speaks with its institution's type: "Institut for Politik og
Samfund, Aalborg Universitet" is a part of a university, so an *offentlig myndighed* like the
university (README, how a respondent is read), not an association because its name holds
"Samfund".

The unit's own name stays the organisation the notat prints; only its type comes from the
body named after it on the same line or on the next line of a signature or letterhead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from hoering.vocab import RespondentType


class _Named(Protocol):
    """What respondent_org's Named carries (a dataclass; not imported: it imports this)."""

    organisation: str
    type: RespondentType
    rule_id: str


N = TypeVar("N", bound=_Named)

# Institutes, centres, departments, faculties and research units, Danish and English.
UNIT = re.compile(
    r"^(?:(?:Institut(?:tet)?|Cent(?:er|ret|re)|Afdeling(?:en)?|Sektion(?:en)?|Enhed(?:en)?"
    r"|Forskningsenhed(?:en)?|Forskningscent(?:er|ret)|Forskningsgruppe(?:n)?)\s+for\b"
    r"|(?:Department|Faculty|School|Centre|Center|Institute)\s+(?:of|for)\b"
    r"|[A-ZÆØÅ]\w*(?:[Ff]akultet|[Ii]nstitut)(?:et)?$|Det\s+\w+\s+Fakultet\b)"
)


def with_parent_type(
    found: N,
    part: str,
    following: Sequence[str],
    recognise: Callable[[str, str], Any],
    place: str,
) -> N:
    """`found` with the type of the body its unit `part` belongs to, when one of the parts
    `following` it names a body the registry or the name rules know; else `found`."""
    if found.rule_id == "registry-name" or not UNIT.match(part):
        return found  # a unit the registry knows has its own type
    for other in following:
        if UNIT.match(other):
            continue  # "Center for X, Institut for Y, Aalborg Universitet": look further
        parent = recognise(other, place)
        if parent:
            rule = f'{place}: "{found.organisation}" hører under "{parent.organisation}"'
            return replace(found, type=parent.type, rule_id="unit-of-body", rule=rule)  # type: ignore[type-var]
    return found
