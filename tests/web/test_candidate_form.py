"""A candidate's forms on a running desk, over HTTP: the review form (status, decision,
reason, assignee) saved through rules/candidate_review.py as `hoering candidate review`
saves it, the optimistic check between two reviewers, CSRF and login; retitle, merge,
moving a member out, splitting members off into a new candidate and undoing the last action
from the candidate's page."""

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
    for action in ("review", "retitle", "merge", "move", "split", "undo"):
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


def members(cfg: Config, candidate_id: int) -> list[str]:
    with open_database(cfg.store_url)() as session:
        return [row.ref for row in get_candidate(session, candidate_id).initiatives]


def split_off(client: httpx.Client, candidate_id: int, *refs: str) -> httpx.Response:
    """POST the split form as a browser sends ticked boxes: one `initiatives` value each."""
    page = f"/bruttoliste/{candidate_id}"
    data = {"revision": revision_on(client, candidate_id), "initiatives": list(refs)}
    return submit(client, f"{page}/split", data, page=page)


def test_splitting_members_off_into_a_new_candidate(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    answer = split_off(http, candidate_id, *refs[-2:])
    assert answer.status_code == 200 and "skilt ud i en ny kandidat" in answer.text
    new_id = int(re.search(r"[?&]ny=(\d+)", str(answer.url)).group(1))
    assert f'<a href="/bruttoliste/{new_id}">' in answer.text  # the notice links to it
    assert members(cfg, candidate_id) == refs[:-2] and members(cfg, new_id) == refs[-2:]
    assert [(e.field, e.by, e.other_id) for e in events(cfg)] == [("split", "karen", new_id)]


def test_a_split_of_every_member_or_of_none_is_refused(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    every = split_off(http, candidate_id, *refs)
    assert every.status_code == 400 and "mindst ét initiativ" in every.text
    assert split_off(http, candidate_id).status_code == 400
    assert events(cfg) == [] and members(cfg, candidate_id) == refs


def test_undo_from_the_page_takes_a_split_back(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    split_off(http, candidate_id, refs[-1])
    page = http.get(f"/bruttoliste/{candidate_id}").text
    assert "Seneste handling: <strong>karen</strong> delte:" in page
    answer = post(http, candidate_id, "undo")
    assert answer.status_code == 200 and "Den seneste handling er fortrudt" in answer.text
    assert members(cfg, candidate_id) == refs
    assert [(e.field, bool(e.undone)) for e in events(cfg)] == [("split", True), ("undo", False)]
    assert "delte (fortrudt)" in answer.text and "Fortryd seneste handling" not in answer.text


def test_undoing_a_split_from_the_new_candidate_shows_the_old_one(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    answer = split_off(http, candidate_id, refs[0])
    new_id = int(re.search(r"[?&]ny=(\d+)", str(answer.url)).group(1))
    back = post(http, new_id, "undo")
    assert back.status_code == 200
    assert str(back.url).endswith(f"/bruttoliste/{candidate_id}?gjort=fortrudt")
    assert http.get(f"/bruttoliste/{new_id}").status_code == 404  # emptied, so removed
    assert members(cfg, candidate_id) == refs


def test_undo_waits_for_a_later_action_on_the_other_candidate(http, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    answer = split_off(http, candidate_id, refs[-1])
    new_id = int(re.search(r"[?&]ny=(\d+)", str(answer.url)).group(1))
    post(http, new_id, "retitle", title="Et andet forslag")
    page = http.get(f"/bruttoliste/{candidate_id}").text
    assert f'<a href="/bruttoliste/{new_id}">kandidat nr. {new_id}</a> er fortrudt' in page
    refused = post(http, candidate_id, "undo")
    assert (
        refused.status_code == 400 and f"fortryd det på kandidat nr. {new_id} først" in refused.text
    )
    assert members(cfg, new_id) == [refs[-1]]


def test_the_second_of_two_splits_gets_a_conflict_and_keeps_its_ticks(desk, cfg) -> None:
    candidate_id, refs = biggest(cfg)
    page = f"/bruttoliste/{candidate_id}"
    with (
        httpx.Client(base_url=desk, timeout=60) as first,
        httpx.Client(base_url=desk, timeout=60) as second,
    ):
        seen_first, seen_second = (
            revision_on(first, candidate_id),
            revision_on(second, candidate_id),
        )
        saved = submit(
            first, page + "/split", {"revision": seen_first, "initiatives": [refs[0]]}, page=page
        )
        clash = submit(
            second, page + "/split", {"revision": seen_second, "initiatives": [refs[1]]}, page=page
        )
        late_undo = submit(second, page + "/undo", {"revision": seen_second}, page=page)
    assert saved.status_code == 303 and clash.status_code == 409
    assert "Kandidaten er blevet ændret af en anden" in clash.text
    assert f'value="{refs[1]}" form="split" aria-describedby="split-hint" checked' in clash.text
    assert late_undo.status_code == 409
    assert members(cfg, candidate_id) == refs[1:]  # only the first one's split stands


def test_a_split_is_the_clis_and_the_cli_undoes_it(http, cfg, capsys, monkeypatch) -> None:
    candidate_id, refs = biggest(cfg)
    split_off(http, candidate_id, refs[-1])
    args = ("candidate", "history", str(candidate_id), "-c", str(cfg.path))
    code, out, _ = run(capsys, monkeypatch, *args)
    assert code == 0 and "delte" in out
    code, _, err = run(
        capsys, monkeypatch, "candidate", "undo", str(candidate_id), "-c", str(cfg.path)
    )
    assert code == 0, err
    assert members(cfg, candidate_id) == refs
