"""The høringsliste: the parties a consultation was sent to, read from a CSV file.

One party a line, `name;domain` (the domain of its e-mail address), optionally a third
column with its type (myndighed, organisation or virksomhed; default organisation); a
first line `navn;domæne…` is a header and skipped, `#` starts a comment. The notat says
who on the list replied and who did not (a reply matches a party by its sender's domain or
by its organisation's name), and the parties join the respondent registry, so a reply from
a listed domain is read as that party.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from hoering.analysis.registry import SECTIONS, Body, Registry
from hoering.errors import UsageError
from hoering.vocab import RespondentType

HEADER_WORDS = frozenset({"navn", "name", "høringspart"})


class HearingListError(UsageError):
    """A høringsliste file that does not have the documented shape."""


@dataclass(frozen=True)
class HearingParty:
    """One party on the høringsliste."""

    name: str
    domain: str  # "" when the list gives none
    type: RespondentType = RespondentType.ORGANISATION

    def matches(self, organisation: str, email: str) -> bool:
        """Whether a reply from `email` on behalf of `organisation` is this party's."""
        domain = email.rpartition("@")[2].lower()
        if self.domain and (domain == self.domain or domain.endswith(f".{self.domain}")):
            return True
        return bool(organisation) and organisation.casefold() == self.name.casefold()


def parse_hearing_list(text: str) -> tuple[HearingParty, ...]:
    """The parties in a høringsliste's CSV text (HearingListError on a malformed line)."""
    lines = [line for line in text.splitlines() if line.strip() and line.lstrip()[0] != "#"]
    parties = []
    for number, row in enumerate(csv.reader(io.StringIO("\n".join(lines)), delimiter=";"), 1):
        cells = [cell.strip() for cell in row]
        if number == 1 and cells[0].casefold() in HEADER_WORDS:
            continue
        parties.append(_party(cells, number))
    return tuple(parties)


def _party(cells: list[str], number: int) -> HearingParty:
    if not cells[0] or len(cells) > 3:
        got = ";".join(cells)
        raise HearingListError(f"line {number}: expected name;domain[;type], got {got!r}")
    domain = (cells[1] if len(cells) > 1 else "").lower().lstrip("@")
    kind = cells[2].lower() if len(cells) > 2 and cells[2] else "organisation"
    if kind not in SECTIONS:
        raise HearingListError(f"line {number}: type must be one of {', '.join(SECTIONS)}")
    return HearingParty(cells[0], domain, SECTIONS[kind])


def load_hearing_list(path: Path) -> tuple[HearingParty, ...]:
    """The høringsliste at `path` (HearingListError or OSError when unreadable)."""
    return parse_hearing_list(path.read_text(encoding="utf-8-sig"))


def unknown_parties(known: Registry, parties: tuple[HearingParty, ...]) -> Registry:
    """The parties `known` has neither by name nor by domain, as registry bodies: a reply
    from a listed domain is read as that party. A body the registry knows keeps its entry
    (its short forms and type are better than a list's line)."""
    return Registry(
        tuple(
            Body(p.name, p.type, (), (p.domain,) if p.domain else ())
            for p in parties
            if not known.by_name(p.name) and not (p.domain and known.by_domain(p.domain))
        )
    )
