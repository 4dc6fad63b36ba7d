"""The review form: saved through store/review.py, audited, and safe from a second reviewer's
silent overwrite (the optimistic check)."""

from __future__ import annotations

import re

from sqlalchemy import select
from starlette.testclient import TestClient

from hoering.config import Config
from hoering.store import models
from hoering.store.db import open_database
from hoering.store.review import audit_count
from tests.kit.web import csrf_of, make_app, revision_of, submit

FORM = {
    "status": "behandlet",
    "decision": "ikke optaget",
    "reason": "Uden for handlingsplanens rammer",
    "assignee": "mette",
    "respondent_type": "borger",
    "note": "",
}


def checked_themes(client: TestClient, proposal_id: int) -> list[str]:
    page = client.get(f"/proposals/{proposal_id}").text
    return re.findall(r'name="theme" value="([^"]+)" checked', page)


def post(client: TestClient, proposal_id: int, **fields) -> object:
    data = {"revision": revision_of(client, proposal_id)} | FORM | fields
    return submit(client, f"/proposals/{proposal_id}/review", data)


def stored(cfg: Config, proposal_id: int) -> models.Proposal:
    with open_database(cfg.store_url)() as session:
        return session.get_one(models.Proposal, proposal_id)


def test_saving_records_the_decision_and_the_audit_trail(client: TestClient, cfg) -> None:
    themes = checked_themes(client, 2)
    answer = post(client, 2, theme=themes)
    assert answer.status_code == 200  # followed the redirect back to the reply
    assert str(answer.url).endswith("/proposals/2?gemt=4#vurdering")
    row = stored(cfg, 2)
    assert (row.status, row.decision, row.reason, row.assignee) == (
        "behandlet", "ikke optaget", "Uden for handlingsplanens rammer", "mette",
    )  # fmt: skip
    assert "Gemt: 4 ændringer." in answer.text
    assert "karen" in answer.text and "ikke optaget</strong>" in answer.text
    assert checked_themes(client, 2) == themes and row.respondent_type_source == "auto"


def test_unchecked_themes_are_removed_and_audited(client: TestClient, cfg) -> None:
    post(client, 2, theme=[])
    with open_database(cfg.store_url)() as session:
        removed = session.scalars(
            select(models.AuditEvent).where(
                models.AuditEvent.proposal_id == 2, models.AuditEvent.field == "theme"
            )
        ).all()
    assert removed and all(event.new_value is None for event in removed)


def test_note_is_added_with_the_reviewers_name(client: TestClient, cfg) -> None:
    submit(client, "/name", {"name": "Lise Holm", "next": "/"})
    post(client, 3, note="Ring til foreningen")
    with open_database(cfg.store_url)() as session:
        note = session.scalars(select(models.Note)).one()
    assert (note.author, note.text) == ("Lise Holm", "Ring til foreningen")


def test_second_reviewer_sees_the_first_ones_change(cfg) -> None:
    with TestClient(make_app(cfg)) as first, TestClient(make_app(cfg)) as second:
        token_1, token_2 = csrf_of(first), csrf_of(second)
        seen_1, seen_2 = revision_of(first, 5), revision_of(second, 5)
        saved = first.post(
            "/proposals/5/review", params={"csrf": token_1}, data={"revision": seen_1} | FORM
        )
        assert saved.status_code == 200
        clash = second.post(
            "/proposals/5/review",
            params={"csrf": token_2},
            data={"revision": seen_2} | FORM | {"decision": "optaget"},
        )
    assert clash.status_code == 409
    assert "ændret af en anden" in clash.text
    assert 'value="optaget" selected' in clash.text  # what the second reviewer typed is kept
    assert stored(cfg, 5).decision == "ikke optaget"  # the first one's decision stands


def test_post_without_csrf_is_refused_and_changes_nothing(client: TestClient, cfg) -> None:
    data = {"revision": revision_of(client, 2)} | FORM
    refused = client.post("/proposals/2/review", data=data)
    wrong = client.post("/proposals/2/review", params={"csrf": "guess"}, data=data)
    # The token belongs in the form's action: one in the body alone is not looked at.
    in_body = client.post("/proposals/2/review", data=data | {"csrf": csrf_of(client)})
    assert (refused.status_code, wrong.status_code, in_body.status_code) == (403, 403, 403)
    assert stored(cfg, 2).status == "ny"


def test_invalid_value_is_shown_and_nothing_saved(client: TestClient, cfg) -> None:
    answer = post(client, 2, status="færdig")
    assert answer.status_code == 400 and "under behandling" in answer.text
    assert stored(cfg, 2).status == "ny"


def test_review_of_unknown_reply_is_404(client: TestClient) -> None:
    data = {"revision": "0"} | FORM
    assert submit(client, "/proposals/999/review", data).status_code == 404


def test_a_script_may_send_the_token_as_a_header(client: TestClient, cfg) -> None:
    data = {"revision": revision_of(client, 2)} | FORM
    headers = {"x-csrf-token": csrf_of(client)}
    assert client.post("/proposals/2/review", data=data, headers=headers).status_code == 200
    assert stored(cfg, 2).status == "behandlet"


def test_saving_the_form_unchanged_says_so_and_leaves_no_trail(client: TestClient, cfg) -> None:
    themes = checked_themes(client, 2)
    post(client, 2, theme=themes)
    with open_database(cfg.store_url)() as session:
        before = audit_count(session, 2)
    answer = post(client, 2, theme=themes)
    assert answer.status_code == 200 and "Ingen ændring" in answer.text
    assert "Gemt:" not in answer.text
    with open_database(cfg.store_url)() as session:
        assert audit_count(session, 2) == before
