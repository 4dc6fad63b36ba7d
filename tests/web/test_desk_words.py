"""The desk's words, dates, chart and download names, against a running `hoering serve` over
HTTP (issue 19 items 5 and 6): one word per field from glossary.py, one date format for people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.kit.served import serve
from tests.kit.web import copy_sample, csrf_of

OLD_WORDS = ("Afgørelse", "afgørelse", "Tildelt", "tildelt", ">Id<")  # "Titel" names initiatives


@pytest.fixture(scope="module")
def desk(sample_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    cfg = copy_sample(sample_template, tmp_path_factory.mktemp("words") / "db")
    with serve(cfg.path) as served, httpx.Client(base_url=served.url, timeout=60) as client:
        yield client


def headers_of(html: str) -> list[str]:
    """The visible text of a page's table headers."""
    cells = re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
    return [re.sub(r"<[^>]+>|[▲▼]", "", cell).strip() for cell in cells]


@pytest.mark.parametrize("path", ["/", "/?vis=initiativer", "/proposals/9", "/initiatives/9.1"])
def test_pages_use_the_glossary_words_only(desk: httpx.Client, path: str) -> None:
    page = desk.get(path)
    assert page.status_code == 200
    for old in OLD_WORDS:
        assert old not in page.text, f"{old} on {path}"


def test_list_headers_are_nr_emne_and_beslutning(desk: httpx.Client) -> None:
    headers = headers_of(desk.get("/").text)
    assert headers[:7] == ["Nr.", "Modtaget", "Afsender", "Type", "Emne", "Status", "Beslutning"]


def test_review_form_labels_are_beslutning_and_sagsbehandler(desk: httpx.Client) -> None:
    page = desk.get("/proposals/9").text
    assert '<label for="decision">Beslutning</label>' in page
    assert '<label for="assignee">Sagsbehandler</label>' in page
    assert "(ingen beslutning)" in page


def test_dates_read_day_first_with_dots(desk: httpx.Client) -> None:
    # Reply 2 arrived 5 July 2017 at 21:37 Copenhagen time (the sample inbox).
    page = desk.get("/").text
    assert "05.07.2017 21:37" in page
    assert not re.search(r"\d\d-\d\d-\d{4}|\d{4}-\d\d-\d\d \d", page)


def download_name(desk: httpx.Client, form: dict[str, str]) -> str:
    answer = desk.post("/export", params={"csrf": csrf_of(desk)}, data=form)
    assert answer.status_code == 200
    return re.search(r'filename="([^"]+)"', answer.headers["content-disposition"]).group(1)


def test_initiative_xlsx_has_its_own_file_name(desk: httpx.Client) -> None:
    initiatives = download_name(desk, {"format": "xlsx", "vis": "initiativer"})
    replies = download_name(desk, {"format": "xlsx"})
    assert re.fullmatch(r"initiativer-\d{4}-\d\d-\d\d\.xlsx", initiatives)
    assert re.fullmatch(r"hoeringssvar-\d{4}-\d\d-\d\d\.xlsx", replies)


def test_chart_ticks_every_day_to_the_deadline_and_marks_it(desk: httpx.Client) -> None:
    chart = desk.get("/dashboard").text
    ticks = re.findall(r'<line class="tick" data-day="([\d-]+)"', chart)
    # First reply 5 July; deadline 20 August; the late reply 22 August (the sample inbox).
    first, last = date(2017, 7, 5), date(2017, 8, 22)
    every_day = [str(first + timedelta(days=n)) for n in range((last - first).days + 1)]
    assert ticks == every_day
    assert re.search(r'<g class="deadline" data-day="2017-08-20"><title>frist 20\. aug', chart)
