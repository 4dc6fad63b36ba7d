"""The read-only pages, each against a real SQLite database with the sample inbox."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from tests.kit.web import HOSTILE_ID


def rows(html: str) -> list[int]:
    """Proposal ids in the list's table, in order."""
    return [int(i) for i in re.findall(r'<td class="num">(\d+)</td>', html)]


def test_list_shows_every_reply_oldest_first(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "14 svar" in page.text
    assert rows(page.text)[:2] == [2, 1]  # 5 July, then 2 August


def test_full_text_search_finds_words_and_marks_them(client: TestClient) -> None:
    page = client.get("/", params={"q": "lobbyister"})
    assert set(rows(page.text)) == {9, 10}
    assert "<mark>lobbyister</mark>" in page.text


def test_search_finds_compound_parts_and_the_field_says_what_it_accepts(
    client: TestClient,
) -> None:
    whole = set(rows(client.get("/", params={"q": "lobbyregister"}).text))
    page = client.get("/", params={"q": "register"})
    assert whole and whole <= set(rows(page.text))
    assert "<mark>register</mark>" in page.text
    hint = re.search(r'<p id="q-hint"[^>]*>(.*?)</p>', page.text, re.S).group(1)
    assert 'aria-describedby="q-hint"' in page.text
    for accepted in ("Alle ord", "lobbyregistret", "æ, ø og å", "anførselstegn", "3 tegn"):
        assert accepted in " ".join(hint.split())


def test_facet_filters_and_counts_the_other_values(client: TestClient) -> None:
    page = client.get("/", params={"type": "virksomhed"})
    assert set(rows(page.text)) == {4, 5, 13}
    # The type facet still offers the other types, with their counts.
    assert re.search(r"borger\s*<span class=\"count\">6</span>", page.text)


def test_late_facet(client: TestClient) -> None:
    assert rows(client.get("/?late=ja").text) == [7]


def test_unknown_facet_value_is_400_naming_the_allowed(client: TestClient) -> None:
    page = client.get("/?status=færdig")
    assert page.status_code == 400
    assert "under behandling" in page.text


def test_sort_by_sender_descending(client: TestClient) -> None:
    ids = rows(client.get("/?sort=afsender&order=faldende").text)
    assert ids[0] == 2  # Søren Ærø Jørgensen: last by name, so first descending
    assert len(ids) == 14


def test_pages_of_fifty(client: TestClient, monkeypatch) -> None:
    monkeypatch.setattr("hoering.web.params.PER_PAGE", 5)
    first, third = client.get("/"), client.get("/?page=3")
    assert len(rows(first.text)) == 5 and "Side 1 af 3" in first.text
    assert len(rows(third.text)) == 4 and 'rel="prev"' in third.text


def test_htmx_search_returns_only_the_listing(client: TestClient) -> None:
    part = client.get("/?q=lobbyister", headers={"HX-Request": "true"})
    assert part.text.lstrip().startswith('<div class="listing" id="listing">')
    assert "<html" not in part.text


def test_reply_page_shows_cleaned_text_beside_the_original(client: TestClient) -> None:
    page = client.get("/proposals/2")
    assert page.status_code == 200
    assert "Renset tekst" in page.text and "Original mail" in page.text
    assert 'id="status"' in page.text and '<label for="status">' in page.text


def test_reply_page_lists_attachments_with_method_and_download(client: TestClient) -> None:
    page = client.get("/proposals/11")  # the scanned letter
    assert "Scan_20170817_101522.pdf" in page.text
    assert "udtrukket med: ocr" in page.text
    assert 'href="/proposals/11/attachments/1"' in page.text


def test_reply_page_shows_its_general_remarks(client: TestClient) -> None:
    section = client.get("/proposals/9").text.split('id="bemaerkninger"', 1)[1]
    assert "Personligt har jeg oplevet, hvor svært det er" in section.split("</section>")[0]
    none = client.get("/proposals/5").text.split('id="bemaerkninger"', 1)[1]
    assert "(ingen)" in none.split("</section>")[0]


def test_unknown_reply_is_404_in_danish(client: TestClient) -> None:
    page = client.get("/proposals/999")
    assert page.status_code == 404 and "findes ikke" in page.text


def test_groups_and_a_group_side_by_side(client: TestClient) -> None:
    listing = client.get("/groups")
    assert "kampagne" in listing.text
    group_id = re.search(r'href="/groups/(\d+)"', listing.text).group(1)
    page = client.get(f"/groups/{group_id}")
    assert "Fælles tekst" in page.text and page.text.count('class="variant"') >= 2
    assert "Tilføjer" in page.text


def test_reply_in_a_group_links_to_it(client: TestClient) -> None:
    assert "Kampagne / standardbrev" in client.get("/proposals/10").text


def test_dashboard_draws_pictures(client: TestClient) -> None:
    page = client.get("/dashboard")
    assert page.text.count("<svg") == 3
    assert "Modtagne svar pr. dag" in page.text and "0 af 14 behandlet" in page.text


def test_hostile_reply_shows_as_text(client: TestClient) -> None:
    page = client.get(f"/proposals/{HOSTILE_ID}")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text
    listing = client.get("/", params={"q": "alert"})
    assert "<script>alert" not in listing.text and "&lt;script&gt;" in listing.text


def test_reply_page_shows_flags_language_references_and_warnings(cfg, client) -> None:
    # What `hoering show` prints beside the text; the sample has no references or warnings.
    from hoering.store import models
    from hoering.store.db import open_database

    with open_database(cfg.store_url)() as session:
        reply = session.get(models.Proposal, 1)
        reply.reference_numbers = ("2017-1234", "J.nr. 17/0042")
        reply.warnings = ("bilag.pdf: no text layer",)
        session.commit()
    page = client.get("/proposals/1")
    assert page.status_code == 200
    signals = page.text[page.text.index('aria-label="Kendetegn"') :]
    assert "<dt>Sprog</dt><dd>dansk</dd>" in signals  # the code "da" is for programs
    assert (
        '<span class="tag flag">kun bilag</span> <span class="tag flag">videresendt</span>'
        in signals
    )
    assert "<dd>2017-1234; J.nr. 17/0042</dd>" in signals
    assert "<li>bilag.pdf: no text layer</li>" in signals
