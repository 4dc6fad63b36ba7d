"""store/queries.py and rules.review.review_reply_unless_changed: what the web app reads and
writes, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.edits import Change
from hoering.rules.review import review_reply, review_reply_unless_changed
from hoering.store import models, queries, review
from hoering.store.figures import dashboard
from hoering.store.queries import ProposalFilter
from hoering.store.search import HIGHLIGHT_START
from tests.kit.mails import write_config
from tests.store.test_search import BODIES, import_mails


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request, tmp_path: Path):
    config = write_config(tmp_path)
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
        text = config.read_text(encoding="utf-8").replace("sqlite:///hoering.db", url)
        config.write_text(text, encoding="utf-8")
    return import_mails(config, tmp_path, BODIES)


def test_search_narrows_the_page_the_total_and_the_facets(sessions) -> None:
    with sessions() as session:
        page = queries.list_page(session, queries.ListRequest(query="åbne", sort=queries.RELEVANCE))
    assert page.total == 2
    assert page.rows[0].message_id == "aabne@x"
    assert dict(page.facets["status"]) == {"ny": 2}
    assert all(HIGHLIGHT_START in page.snippets[p.id] for p in page.rows)


def test_a_facet_counts_its_other_values_while_chosen(sessions) -> None:
    with sessions.begin() as session:
        first = session.get_one(models.Proposal, 1)
        review_reply(session, first, Change(status="behandlet"), "karen", DEFAULT_CODEBOOK)
    with sessions() as session:
        wanted = queries.ListRequest(flt=ProposalFilter(status="behandlet"))
        page = queries.list_page(session, wanted)
    assert page.total == 1
    assert dict(page.facets["status"]) == {"ny": 3, "behandlet": 1}


def test_paging_and_sorting(sessions) -> None:
    with sessions() as session:
        wanted = queries.ListRequest(sort="id", descending=True, page=2, per_page=3)
        page = queries.list_page(session, wanted)
    assert [p.id for p in page.rows] == [1] and page.total == 4 and page.pages(3) == 2


def test_second_save_from_an_old_revision_is_a_conflict(sessions) -> None:
    with sessions() as session:
        seen = review.revision(session, 2)
    with sessions.begin() as session:
        row = session.get_one(models.Proposal, 2)
        change = Change(decision="optaget")
        review_reply_unless_changed(session, row, change, "karen", DEFAULT_CODEBOOK, seen)
    with sessions() as session, pytest.raises(review.Conflict):
        row = session.get_one(models.Proposal, 2)
        change = Change(decision="ikke optaget")
        review_reply_unless_changed(session, row, change, "mette", DEFAULT_CODEBOOK, seen)
    with sessions() as session:
        assert session.get_one(models.Proposal, 2).decision == "optaget"


def test_dashboard_counts_days_and_progress(sessions) -> None:
    from zoneinfo import ZoneInfo

    with sessions() as session:
        figures = dashboard(session, ZoneInfo("Europe/Copenhagen"))
    assert figures.total == 4 and sum(ok + late for _, ok, late in figures.per_day) == 4
    assert figures.per_assignee == {"": {"ny": 4}}
