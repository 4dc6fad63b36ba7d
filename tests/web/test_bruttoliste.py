"""The bruttoliste on a running `hoering serve`, over HTTP: the candidates by size with their
supporters ("… og 2 borgere") and reply count, a campaign as one entry ("2 borgere har sendt
enslydende høringssvar", here and in `hoering candidates`), the theme filter, and a
candidate's page with its members side by side, each linking to its reply and initiative."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from hoering.pipeline import import_paths
from hoering.store.candidates import list_candidates
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail
from tests.kit.served import Desk, serve
from tests.kit.web import copy_sample

MARKUP = "<script>alert(3)</script>"  # a reply's initiative with markup in it
CAMPAIGN = "2 borgere har sendt enslydende høringssvar"  # the sample's replies 9 and 10
ADDED = "Jeg synes også, at kommunerne skal være med i whistleblowerordningen."


@pytest.fixture(scope="module")
def served(sample_template: Path, tmp_path_factory: pytest.TempPathFactory):
    cfg = copy_sample(sample_template, tmp_path_factory.mktemp("bruttoliste") / "db")
    mail = cfg.path.parent / "markup.eml"
    # An ask no sample reply makes, so that it starts a candidate of its own.
    body = f"Vi foreslår {MARKUP} offentlige besøgstal for kommunale svømmehaller.\n"
    mail.write_bytes(make_mail(body=body, message_id="<markup@x.example>"))
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [mail])
    with sessions() as session:
        views = list_candidates(session)
    sessions.kw["bind"].dispose()
    with serve(cfg.path) as desk:
        yield desk, views, cfg


@pytest.fixture
def client(served) -> Iterator[httpx.Client]:
    desk: Desk = served[0]
    with httpx.Client(base_url=desk.url, timeout=60) as http:
        yield http


def rows(page: str) -> list[str]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def test_every_page_links_to_the_bruttoliste(client) -> None:
    assert '<a href="/bruttoliste">Bruttoliste</a>' in client.get("/").text


def test_candidates_are_listed_by_size_with_supporters_and_replies(client, served) -> None:
    views = served[1]
    page = client.get("/bruttoliste")
    assert page.status_code == 200
    listed = rows(page.text)
    assert len(listed) == len(views) and f"{len(views)} kandidater" in page.text
    ids = [int(re.search(r'href="/bruttoliste/(\d+)"', row).group(1)) for row in listed]
    assert ids == [view.candidate.id for view in views]  # most replies first
    first = listed[0]
    assert views[0].candidate.title.replace("'", "&#39;") in first
    assert re.search(rf'class="supporters">[^<]+<p class="campaign">{CAMPAIGN}</p></td>', first)
    assert "borger" not in first.replace(CAMPAIGN, "")  # the campaign's citizens, once
    assert f'<td class="num">{views[0].replies}</td>' in first


def test_a_theme_shows_only_its_candidates(client, served) -> None:
    with_theme = [v for v in served[1] if "antikorruption" in v.candidate.themes]
    page = client.get("/bruttoliste", params={"theme": "antikorruption"}).text
    assert len(rows(page)) == len(with_theme) < len(served[1])
    assert 'href="/bruttoliste?theme=antikorruption" aria-current="page"' in page
    assert client.get("/bruttoliste", params={"theme": "ingen-tema"}).status_code == 400


def test_a_candidate_shows_its_members_side_by_side(client, served) -> None:
    view = served[1][0]
    page = client.get(f"/bruttoliste/{view.candidate.id}").text
    members = re.findall(r'<article class="variant member">(.*?)</article>', page, re.S)
    loose = [row for row in view.initiatives if row.proposal_id not in (9, 10)]
    assert len(members) == len(loose)
    for member, initiative in zip(members, loose, strict=True):
        assert f'href="/proposals/{initiative.proposal_id}"' in member
        assert f'href="/initiatives/{initiative.ref}"' in member
        assert initiative.text.split("\n")[0][:40].replace("'", "&#39;") in member
        reply = initiative.proposal
        assert (reply.respondent_organisation or reply.respondent_name) in member


def test_a_campaign_is_one_entry_with_what_its_variants_add(client, served) -> None:
    view = served[1][0]
    page = client.get(f"/bruttoliste/{view.candidate.id}").text
    (campaign,) = re.findall(
        r'<article class="variant member campaign">(.*?)</article>', page, re.S
    )
    assert f"<h3>{CAMPAIGN}</h3>" in campaign
    assert 'href="/proposals/9"' in campaign and 'href="/proposals/10"' in campaign
    assert f"<li>{ADDED}</li>" in campaign
    assert f"{CAMPAIGN}</dd>" in page  # the supporters' phrase names the campaign once


def test_hoering_candidates_shows_the_campaign_as_one_entry(served, capsys, monkeypatch) -> None:
    view, cfg = served[1][0], served[2]
    code, listing, _ = run(capsys, monkeypatch, "candidates", "-c", str(cfg.path))
    assert code == 0 and f"│ {CAMPAIGN} " in listing  # a candidate of the campaign alone
    assert "Ida Rasmussen" not in listing and "Bo Andersen" not in listing  # never one by one
    args = ("candidate", "show", str(view.candidate.id), "-c", str(cfg.path))
    code, shown, _ = run(capsys, monkeypatch, *args)
    assert code == 0 and f"{CAMPAIGN} (svar 9, 10)" in shown and f"tilføjer: {ADDED}" in shown
    assert "svar 9\n" not in shown and "svar 10\n" not in shown  # not one by one


def test_an_unknown_candidate_is_not_found(client) -> None:
    assert client.get("/bruttoliste/999999").status_code == 404


def test_markup_in_an_initiative_is_shown_as_text(client) -> None:
    listing = client.get("/bruttoliste").text
    assert MARKUP not in listing and "&lt;script&gt;alert(3)" in listing
