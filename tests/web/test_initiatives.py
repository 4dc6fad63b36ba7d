"""The initiative page and its forms: review, retitle, split and merge, each checked against a
stale page (optimistic check) and a missing CSRF token."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from hoering.config import Config
from hoering.store.db import open_database
from hoering.store.initiatives import list_initiatives
from tests.kit.web import submit


def hidden(client: TestClient, ref: str, action: str) -> dict[str, str]:
    """The revision of one form on the initiative page."""
    page = client.get(f"/initiatives/{ref}").text
    form = page[page.index(f'action="/initiatives/{ref}/{action}?csrf=') :]
    revision = re.search(r'name="revision" value="(\d+)"', form).group(1)
    return {"revision": revision}


def titles(cfg: Config, proposal_id: int) -> list[str]:
    with open_database(cfg.store_url)() as session:
        from hoering.store.initiatives import InitiativeFilter

        rows = list_initiatives(session, InitiativeFilter(proposal_ids=(proposal_id,)))
        return [f"{row.ref} {row.title}" for row in rows]


def test_reply_lists_its_initiatives(client: TestClient) -> None:
    page = client.get("/proposals/3").text
    assert 'href="/initiatives/3.1"' in page and "Et offentligt lobbyregister" in page


def test_initiative_page_shows_text_and_forms(client: TestClient) -> None:
    page = client.get("/initiatives/4.1")
    assert page.status_code == 200
    assert "Stabile API" in page.text and "Del initiativet" in page.text
    assert "Slå sammen med 4.2" in page.text
    assert client.get("/initiatives/4.9").status_code == 404


def test_split_makes_the_next_number(client: TestClient, cfg) -> None:
    data = hidden(client, "4.1", "split") | {"at": "vi  FORESLÅR", "title": "Varsling af ændringer"}
    answer = submit(client, "/initiatives/4.1/split", data)
    assert answer.status_code == 200 and "Initiativet er delt i to" in answer.text
    assert titles(cfg, 4)[:3] == [
        "4.1 Stabile API'er til offentlige data", "4.2 Varsling af ændringer",
        "4.3 Åbne data om offentlige indkøb",
    ]  # fmt: skip
    trail = client.get("/initiatives/4.2").text
    assert "karen" in trail and "delt" in trail


def test_merge_with_the_next(client: TestClient, cfg) -> None:
    answer = submit(client, "/initiatives/3.3/merge", hidden(client, "3.3", "merge"))
    assert answer.status_code == 200
    assert len(titles(cfg, 3)) == 3


def test_retitle(client: TestClient, cfg) -> None:
    data = hidden(client, "3.1", "retitle") | {"title": "Lobbyregister"}
    submit(client, "/initiatives/3.1/retitle", data)
    assert titles(cfg, 3)[0] == "3.1 Lobbyregister"


def test_review_an_initiative(client: TestClient) -> None:
    data = hidden(client, "5.2", "review") | {
        "status": "behandlet", "decision": "optaget", "reason": "Forslag 4", "assignee": "",
    }  # fmt: skip
    answer = submit(client, "/initiatives/5.2/review", data)
    assert "Vurderingen er gemt." in answer.text
    assert "optaget</strong>" in answer.text and "Forslag 4" in answer.text


def test_reviewing_an_initiative_unchanged_says_so(client: TestClient) -> None:
    fields = {"status": "behandlet", "decision": "optaget", "reason": "", "assignee": ""}
    submit(client, "/initiatives/5.2/review", hidden(client, "5.2", "review") | fields)
    answer = submit(client, "/initiatives/5.2/review", hidden(client, "5.2", "review") | fields)
    assert "Ingen ændring" in answer.text and "Vurderingen er gemt." not in answer.text
    assert answer.text.count("optaget</strong>") == 1  # one audit line, not two


def test_split_on_a_stale_numbering_is_a_conflict(client: TestClient, cfg) -> None:
    stale = hidden(client, "4.1", "split")
    submit(client, "/initiatives/4.2/merge", hidden(client, "4.2", "merge"))
    answer = submit(client, "/initiatives/4.1/split", stale | {"at": "Vi  foreslår"})
    assert answer.status_code == 409 and "ændret af en anden" in answer.text
    assert len(titles(cfg, 4)) == 3  # the merge happened, the split did not


def test_split_at_a_phrase_not_in_the_text_is_400(client: TestClient, cfg) -> None:
    data = hidden(client, "4.1", "split") | {"at": "findes ikke i teksten"}
    answer = submit(client, "/initiatives/4.1/split", data)
    assert answer.status_code == 400
    assert len(titles(cfg, 4)) == 4


def test_forms_without_csrf_change_nothing(client: TestClient, cfg) -> None:
    for action in ("split", "merge", "retitle", "review"):
        data = hidden(client, "3.1", action)
        answer = client.post(f"/initiatives/3.1/{action}", data=data | {"at": "Et", "title": "X"})
        assert answer.status_code == 403
    assert titles(cfg, 3)[0] == "3.1 Et offentligt lobbyregister"


def test_list_of_initiatives_with_their_own_facets(client: TestClient) -> None:
    page = client.get("/", params={"vis": "initiativer"})
    # 42 in the sample inbox; the hostile reply ("Se her: <script>…") proposes nothing (issue 18)
    assert "42 initiativer" in page.text
    assert 'href="/initiatives/1.1"' in page.text
    assert re.search(r"ny\s*<span class=\"count\">42</span>", page.text)
    narrowed = client.get("/", params={"vis": "initiativer", "q": "lobbyister"})
    assert "6 initiativer" in narrowed.text  # the three of each of the two campaign replies


def test_initiative_status_filters_initiatives_not_replies(client: TestClient) -> None:
    data = hidden(client, "5.2", "review") | {"status": "behandlet", "decision": "optaget"}
    submit(client, "/initiatives/5.2/review", data)
    page = client.get("/", params={"vis": "initiativer", "status": "behandlet"})
    assert "1 initiativer" in page.text and 'href="/initiatives/5.2"' in page.text
    assert "0 svar" in client.get("/", params={"status": "behandlet"}).text


def test_export_per_initiative_from_the_initiative_list(client: TestClient) -> None:
    import csv
    import io

    wanted = {"format": "csv", "profile": "rfc4180", "vis": "initiativer", "type": "virksomhed"}
    answer = submit(client, "/export", wanted)
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))
    assert len(rows) == 9  # 4 + 3 + 2 initiatives of the three companies' replies


def test_hent_xlsx_of_the_initiative_list_is_for_people(client: TestClient) -> None:
    import io

    import openpyxl

    answer = submit(client, "/export", {"format": "xlsx", "vis": "initiativer"})
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert sheet.title == "Initiativer" and sheet["A1"].value == "Nr."
    assert sheet["I1"].value == "Beslutning" and sheet.page_setup.orientation == "landscape"
    ids = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert ids and all(cell.data_type == "s" and "." in cell.value for cell in ids)
