"""One decision vocabulary: a decision the config adds ([review] decisions) is offered by
every review form of a running desk (reply, initiative, candidate), saved from them, and
taken by the list's decision filter on the desk and in `hoering list`."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2 as httpx
import pytest
from sqlalchemy import select

from hoering.config import Config, load_config
from hoering.store import models
from hoering.store.candidates import list_candidates
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.web import make_app, running, submit

ADDED = "sendes videre til ministeriet"
OPTION = f'<option value="{ADDED}"'


@pytest.fixture
def added(cfg: Config) -> Config:
    with cfg.path.open("a", encoding="utf-8") as file:
        file.write(f'\n[review]\ndecisions = ["{ADDED}"]\n')
    return load_config(cfg.path)


@pytest.fixture
def http(added: Config) -> Iterator[httpx.Client]:
    with (
        running(make_app(added)) as url,
        httpx.Client(base_url=url, timeout=60, follow_redirects=True) as client,
    ):
        yield client


def first_initiative(cfg: Config) -> tuple[str, int]:
    """An initiative's reference and the candidate it is in."""
    with open_database(cfg.store_url)() as session:
        view = list_candidates(session)[0]
        return view.initiatives[0].ref, view.candidate.id


def test_every_review_form_offers_the_configured_decision(http, added) -> None:
    ref, candidate_id = first_initiative(added)
    for path in ("/proposals/2", f"/initiatives/{ref}", f"/bruttoliste/{candidate_id}"):
        page = http.get(path)
        assert page.status_code == 200 and OPTION in page.text, path


def test_the_initiative_form_saves_the_configured_decision(http, added) -> None:
    ref, _ = first_initiative(added)
    page = f"/initiatives/{ref}"
    revision = http.get(page).text.split('name="revision" value="')[2].split('"')[0]
    data = {"revision": revision, "status": "behandlet", "decision": ADDED, "reason": ""}
    assert submit(http, page + "/review", data, page=page).status_code == 200
    with open_database(added.store_url)() as session:
        number = int(ref.split(".")[1])
        query = select(models.Initiative.decision).where(models.Initiative.number == number)
        assert ADDED in session.scalars(query).all()


def test_the_desks_decision_filter_takes_the_configured_decision(http) -> None:
    assert http.get("/", params={"decision": ADDED}).status_code == 200
    assert http.get("/", params={"decision": "måske"}).status_code == 400


def test_hoering_list_takes_the_configured_decision(added, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "list", "--decision", ADDED, "-c", str(added.path))
    assert code == 0, err
