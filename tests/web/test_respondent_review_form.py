"""The review form sets the respondent's name and organisation: audited, and only when the
reviewer changed them (saving the rules' reading unchanged does not pin it)."""

from __future__ import annotations

from sqlalchemy import select
from starlette.testclient import TestClient

from hoering.store import models
from hoering.store.db import open_database
from tests.kit.web import revision_of, submit


def post(client: TestClient, proposal_id: int, **fields) -> object:
    data = {"revision": revision_of(client, proposal_id), "status": "ny"} | fields
    return submit(client, f"/proposals/{proposal_id}/review", data)


def test_the_form_sets_name_and_organisation_and_audits_them(client: TestClient, cfg) -> None:
    post(client, 2, respondent_name="Lis  Krog", organisation="Foreningen Åbne Byer")
    with open_database(cfg.store_url)() as session:
        row = session.get_one(models.Proposal, 2)
        assert (row.respondent_name, row.respondent_organisation) == (
            "Lis Krog",
            "Foreningen Åbne Byer",
        )
        events = session.scalars(
            select(models.AuditEvent.field).where(models.AuditEvent.proposal_id == 2)
        ).all()
    assert {"respondent_name", "organisation"} <= set(events)
    assert 'value="Foreningen Åbne Byer"' in client.get("/proposals/2").text


def test_an_unchanged_name_is_not_pinned_as_the_reviewers(client: TestClient, cfg) -> None:
    with open_database(cfg.store_url)() as session:
        row = session.get_one(models.Proposal, 2)
        name, organisation = row.respondent_name, row.respondent_organisation
    post(client, 2, respondent_name=name, organisation=organisation)
    with open_database(cfg.store_url)() as session:
        row = session.get_one(models.Proposal, 2)
        assert (row.reviewed_respondent_name, row.reviewed_organisation) == (None, None)
