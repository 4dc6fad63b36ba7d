"""A candidate's forms on a running desk, over HTTP: the review form (status, decision,
reason, assignee) saved through rules/candidate_review.py as `hoering candidate review`
saves it, the optimistic check between two reviewers, CSRF and login; retitle, merge and
moving a member out from the candidate's page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import httpx2 as httpx
import pytest
from sqlalchemy import select

from hoering.config import Config, WebConfig
from hoering.store import models
from hoering.store.candidates import get_candidate, list_candidates
from hoering.store.db import open_database
from hoering.web import auth
from tests.kit.cli import run
from tests.kit.web import make_app, running, submit

FORM = {"status": "behandlet", "decision": "ikke OGP-relevant", "reason": "Nationalt anliggende",
        "assignee": "mette"}  # fmt: skip
PASSWORD = "korrekt hest batteri"


@pytest.fixture
def desk(cfg: Config) -> Iterator[str]:
    with running(make_app(cfg)) as url:
        yield url


@pytest.fixture
def http(desk: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=desk, timeout=60, follow_redirects=True) as client:
        yield client


def biggest(cfg: Config) -> tuple[int, list[str]]:
    """The first candidate of the bruttoliste and its members' references."""
    with open_database(cfg.store_url)() as session:
        view = list_candidates(session)[0]
        return view.candidate.id, [row.ref for row in view.initiatives]


def stored(cfg: Config, candidate_id: int) -> models.Candidate:
    with open_database(cfg.store_url)() as session:
        return session.get_one(models.Candidate, candidate_id)


def events(cfg: Config) -> list[models.CandidateEvent]:
    with open_database(cfg.store_url)() as session:
        return list(session.scalars(select(models.CandidateEvent)))


def revision_on(client: httpx.Client, candidate_id: int) -> str:
    found = re.search(
        r'name="revision" value="(\d+)"', client.get(f"/bruttoliste/{candidate_id}").text
    )
    assert found
    return found.group(1)


def post(client: httpx.Client, candidate_id: int, action: str, **fields: str) -> httpx.Response:
    page = f"/bruttoliste/{candidate_id}"
    data = {"revision": revision_on(client, candidate_id)} | fields
    return submit(client, f"{page}/{action}", data, page=page)


def test_the_review_form_saves_the_decision_and_shows_it_in_the_history(http, cfg) -> None:
    candidate_id, _ = biggest(cfg)
    answer = post(http, candidate_id, "review", **FORM)
    assert answer.status_code == 200
    assert str(answer.url).endswith(f"/bruttoliste/{candidate_id}?gjort=gemt#vurdering")
    row = stored(cfg, candidate_id)
    assert (row.status, row.decision, row.reason, row.assignee) == tuple(FORM.values())
    assert "Vurderingen er gemt." in answer.text
    assert (
        "beslutning: ikke OGP-relevant" in answer.text and "<strong>karen</strong>" in answer.text
    )
    assert [(e.field, e.by) for e in events(cfg)] == [("review", "karen")]


def test_the_second_of_two_reviewers_gets_a_conflict_and_keeps_what_they_typed(desk, cfg) -> None:
    candidate_id, _ = biggest(cfg)
    page = f"/bruttoliste/{candidate_id}"
    with (
        httpx.Client(base_url=desk, timeout=60) as first,
        httpx.Client(base_url=desk, timeout=60) as second,
    ):
        seen_first, seen_second = (
            revision_on(first, candidate_id),
            revision_on(second, candidate_id),
        )
        saved = submit(first, page + "/review", {"revision": seen_first} | FORM, page=page)
        mine = (
            {"revision": seen_second} | FORM | {"decision": "optaget", "reason": "Min egen grund"}
        )
        clash = submit(second, page + "/review", mine, page=page)
    assert saved.status_code == 303 and clash.status_code == 409
    assert "Kandidaten er blevet ændret af en anden" in clash.text
    assert "Min egen grund</textarea>" in clash.text  # what the second one typed is kept
    assert 'value="optaget" selected' in clash.text
    assert stored(cfg, candidate_id).decision == "ikke OGP-relevant"  # the first one's stands


def test_a_form_without_its_token_changes_nothing(http, cfg) -> None:
    candidate_id, _ = biggest(cfg)
    data = {"revision": revision_on(http, candidate_id)} | FORM
    for action in ("review", "retitle", "merge", "move"):
        refused = http.post(f"/bruttoliste/{candidate_id}/{action}", data=data | {"title": "x"})
        assert refused.status_code == 403
    assert events(cfg) == [] and stored(cfg, candidate_id).status == "ny"


def test_with_logins_only_a_logged_in_reviewer_saves_and_is_named(cfg) -> None:
    users = WebConfig((("ida", auth.hash_password(PASSWORD)),))
    app = make_app(replace(cfg, web=users), require_login=True, allowed_hosts=["*"])
    candidate_id, _ = biggest(cfg)
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        anonymous = client.post(f"/bruttoliste/{candidate_id}/review", data=FORM)
        assert anonymous.status_code == 303 and "/login" in anonymous.headers["location"]
        login = {"username": "ida", "password": PASSWORD, "next": "/"}
        submit(client, "/login", login, page="/login")
        client.follow_redirects = True
        assert post(client, candidate_id, "review", **FORM).status_code == 200
    assert [(e.field, e.by) for e in events(cfg)] == [("review", "ida")]


def test_a_decision_not_in_the_list_is_refused_with_the_allowed_ones(http, cfg) -> None:
    candidate_id, _ = biggest(cfg)
    answer = post(http, candidate_id, "review", **FORM | {"decision": "sendes videre"})
    assert answer.status_code == 400 and "ikke OGP-relevant" in answer.text
    assert events(cfg) == []


def test_the_desks_review_is_the_clis_one_and_undo_takes_it_back(
    http, cfg, capsys, monkeypatch
) -> None:
    candidate_id, _ = biggest(cfg)
    post(http, candidate_id, "review", **FORM)
    code, out, _ = run(
        capsys, monkeypatch, "candidate", "show", str(candidate_id), "-c", str(cfg.path)
    )
    assert code == 0 and "ikke OGP-relevant" in out
    code, _, err = run(
        capsys, monkeypatch, "candidate", "undo", str(candidate_id), "-c", str(cfg.path)
    )
    assert code == 0, err
    assert stored(cfg, candidate_id).decision is None


def test_retitle_from_the_candidate_page(http, cfg) -> None:
    candidate_id, _ = biggest(cfg)
    answer = post(http, candidate_id, "retitle", title="  Åbne   ventelister ")
    assert "Titlen er ændret." in answer.text
    assert stored(cfg, candidate_id).title == "Åbne ventelister"
    assert post(http, candidate_id, "retitle", title="").status_code == 400


def test_moving_a_member_to_a_new_candidate(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    answer = post(http, candidate_id, "move", initiative=refs[-1], target="")
    assert answer.status_code == 200 and "Initiativet er flyttet." in answer.text
    with open_database(cfg.store_url)() as session:
        left = [row.ref for row in get_candidate(session, candidate_id).initiatives]
    assert left == refs[:-1]
    assert f'href="/initiatives/{refs[-1]}"' not in answer.text


def test_moving_a_member_to_another_candidate_and_refusing_a_stranger(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    with open_database(cfg.store_url)() as session:
        other = list_candidates(session)[1]
    post(http, candidate_id, "move", initiative=refs[0], target=str(other.candidate.id))
    with open_database(cfg.store_url)() as session:
        moved = [row.ref for row in get_candidate(session, other.candidate.id).initiatives]
    assert refs[0] in moved
    stranger = post(http, candidate_id, "move", initiative=refs[0], target="")
    assert stranger.status_code == 400 and "hører ikke til kandidat" in stranger.text
    nowhere = post(http, candidate_id, "move", initiative=refs[1], target="999999")
    assert nowhere.status_code == 400 and "findes ikke" in nowhere.text


def test_merging_another_candidate_into_this_one(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    with open_database(cfg.store_url)() as session:
        other = list_candidates(session)[1]
    answer = post(http, candidate_id, "merge", other=str(other.candidate.id))
    assert "Kandidaterne er slået sammen." in answer.text
    with open_database(cfg.store_url)() as session:
        members = [row.ref for row in get_candidate(session, candidate_id).initiatives]
    assert set(members) == set(refs) | {row.ref for row in other.initiatives}
    assert post(http, candidate_id, "merge", other=str(candidate_id)).status_code == 400
