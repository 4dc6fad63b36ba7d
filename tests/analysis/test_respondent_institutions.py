"""Universities, colleges and research institutions are authorities (README, how a
respondent is read): self-governing institutions within the public administration
(universitetsloven § 1, stk. 2) or state institutions; an institute or centre of one has its
type; their associations are organisations."""

from __future__ import annotations

import pytest

from hoering.analysis.registry import default_registry
from hoering.analysis.respondent import identify_respondent
from hoering.vocab import RespondentType

BORGER, VIRKSOMHED, ORGANISATION, MYNDIGHED = RespondentType


def read(signature: str, email: str = "ib@gmail.com", **kwargs: object) -> tuple:
    who = identify_respondent("Ib Lund", email, signature, **kwargs)  # type: ignore[arg-type]
    return who.type, who.organisation


@pytest.mark.parametrize(
    "domain",
    ["ku.dk", "au.dk", "dtu.dk", "sdu.dk", "aau.dk", "ruc.dk", "cbs.dk", "itu.dk"],
)
def test_every_danish_university_is_an_authority(domain: str) -> None:
    body = default_registry().by_domain(domain)
    assert body is not None and body.type == MYNDIGHED


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("kp.dk", "Københavns Professionshøjskole"),
        ("kea.dk", "Københavns Erhvervsakademi"),
        ("dmjx.dk", "Danmarks Medie- og Journalisthøjskole"),
        ("diis.dk", "Dansk Institut for Internationale Studier"),
        ("nfa.dk", "Det Nationale Forskningscenter for Arbejdsmiljø"),
        ("vive.dk", "VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd"),
        ("geus.dk", "De Nationale Geologiske Undersøgelser for Danmark og Grønland"),
    ],
)
def test_colleges_and_research_institutions_are_authorities(domain: str, name: str) -> None:
    body = default_registry().by_domain(domain)
    assert body is not None and (body.name, body.type) == (name, MYNDIGHED)


@pytest.mark.parametrize("domain", ["dkuni.dk", "uc-dk.dk"])
def test_the_associations_of_universities_and_colleges_stay_organisations(domain: str) -> None:
    body = default_registry().by_domain(domain)
    assert body is not None and body.type == ORGANISATION


def test_a_university_named_in_english_is_an_authority() -> None:
    # From the university's address: from a webmail one it is the writer's workplace
    # (tests/analysis/test_respondent_passed_on.py).
    signature = "Best regards\nIb Lund\nAssociate Professor\nAalborg University"
    assert read(signature, "ib@plan.aau.dk") == (MYNDIGHED, "Aalborg University")


def test_an_institute_beside_its_university_on_a_line_is_an_authority() -> None:
    signature = (
        "Med venlig hilsen\nIb Lund\nLektor, ph.d.\nCenter for Borgerdialog\n"
        "Institut for Politik og Samfund, Aalborg Universitet"
    )
    assert read(signature, "ibl@dps.aau.dk") == (MYNDIGHED, "Institut for Politik og Samfund")


def test_an_institute_above_its_university_is_an_authority() -> None:
    signature = (
        "Med venlig hilsen\nIb Lund\nLektor\nInstitut for Kultur og Samfund\nAarhus Universitet"
    )
    assert read(signature) == (MYNDIGHED, "Institut for Kultur og Samfund")


def test_an_institute_writing_from_its_universitys_domain_is_an_authority() -> None:
    subject = "OGP-høring - input fra Institut for Politik og Samfund"
    assert read("Venlig hilsen\nIb Lund", "ibl@dps.aau.dk", subject=subject) == (
        MYNDIGHED,
        "Institut for Politik og Samfund",
    )


def test_a_municipal_council_beside_its_kommune_stays_an_association() -> None:
    assert read("Venlig hilsen\nIb Lund\nÆldrerådet, Vejle Kommune") == (
        ORGANISATION,
        "Ældrerådet",
    )
