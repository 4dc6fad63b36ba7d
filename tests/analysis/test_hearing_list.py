"""The høringsliste: parties read from `name;domain[;type]` lines, matched to replies."""

from __future__ import annotations

import pytest

from hoering.analysis.hearing_list import (
    HearingListError,
    HearingParty,
    parse_hearing_list,
    unknown_parties,
)
from hoering.analysis.registry import default_registry
from hoering.vocab import RespondentType

LIST = """navn;domæne;type
# the authorities first
Rigsrevisionen;rigsrevisionen.dk;myndighed
Foreningen Åben Forvaltning;@aabenforvaltning.dk
Dansk Sprognævn;
"""


def test_lines_become_parties_header_and_comments_skipped() -> None:
    parties = parse_hearing_list(LIST)
    assert [p.name for p in parties] == [
        "Rigsrevisionen",
        "Foreningen Åben Forvaltning",
        "Dansk Sprognævn",
    ]


def test_type_defaults_to_organisation_and_domain_loses_its_at() -> None:
    party = parse_hearing_list(LIST)[1]
    assert party == HearingParty("Foreningen Åben Forvaltning", "aabenforvaltning.dk")
    assert parse_hearing_list(LIST)[0].type == RespondentType.MYNDIGHED


def test_an_unknown_type_is_an_error_naming_the_line() -> None:
    with pytest.raises(HearingListError, match="line 1: type must be one of"):
        parse_hearing_list("KL;kl.dk;kommune\n")


def test_a_reply_matches_by_domain_or_subdomain() -> None:
    party = HearingParty("KL", "kl.dk")
    assert party.matches("", "jens@kl.dk") and party.matches("", "post@mail.kl.dk")
    assert not party.matches("", "jens@skl.dk")


def test_a_reply_matches_by_organisation_name_when_the_domain_differs() -> None:
    assert HearingParty("Dansk Sprognævn", "").matches("dansk sprognævn", "x@gmail.com")


def test_parties_the_registry_knows_keep_its_entry() -> None:
    shipped = default_registry()
    parties = (HearingParty("KL", "kl.dk"), HearingParty("Foreningen X", "forx.dk"))
    assert [body.name for body in unknown_parties(shipped, parties).bodies] == ["Foreningen X"]
