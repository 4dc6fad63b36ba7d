"""Search that understands Danish (issue 18 item 5), on SQLite and PostgreSQL: the issue's own
examples as real replies imported through the pipeline, and `search`, `list --search` and the
desk's list giving the same hits."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hoering.config import load_config
from hoering.pipeline import import_paths
from hoering.store import models
from hoering.store.db import open_database
from hoering.store.queries import ListRequest, ProposalFilter, iter_proposals, list_page
from hoering.store.search import search
from tests.kit.mails import make_mail, write_config

QUOTE = "\n\nDen 1. august 2017 kl. 10:00 skrev Digitaliseringsstyrelsen <rumth@digst.dk>:\n"
REPLIES = {
    "lobby": "Vi støtter lobbyregistret, men det skal være offentligt for alle.\n",
    "whistle": "Indfør en whistleblowerordning i hele den offentlige sektor.\n",
    "sygehus": "Sygehusene skal også give aktindsigt i deres indkøb.\n",
    "kommune": "Kommunernes indkøb bør ligge som åbne data.\n",
    "hoering": "Tak for hoeringen. Vi oensker aabne kalendere for ministre.\n",
    "soe": "Sørg for en målestation ved søen i Silkeborg.\n",
    "so": "I sorg over at data om søen ikke er frie.\n",
    "wrapped": "Vi ønsker åbne\n   data om alt.\n",
    "quoted": "Tak for muligheden."
    + QUOTE
    + "> Om tavshedspligt, tavshedspligt og tavshedspligt.\n",
    "own": "Tavshedspligten skal lempes, som i andre lande med stærke regler.\n",
}


def import_replies(config: Path, folder: Path) -> object:
    paths = []
    for name, body in REPLIES.items():
        path = folder / f"{name}.eml"
        mail = make_mail(subject="OGP-høring", body=body, message_id=f"<{name}@x>")
        path.write_bytes(mail)
        paths.append(path)
    cfg = load_config(config)
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, paths)
    return sessions


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def sessions(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    config = write_config(folder)
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_server").create_database(f"danish_{id(folder)}")
        text = config.read_text(encoding="utf-8").replace("sqlite:///hoering.db", url)
        config.write_text(text, encoding="utf-8")
    return import_replies(config, folder)


def names(sessions, ids) -> list[str]:
    with sessions() as session:
        by_id = {p.id: p.message_id for p in session.scalars(select(models.Proposal))}
    return [by_id[i].split("@")[0] for i in ids]


def found(sessions, query: str) -> set[str]:
    """The hits of `search`, after checking that `list --search` and the desk agree."""
    with sessions() as session:
        searched = [hit.proposal_id for hit in search(session, query)]
        listed = [p.id for p in iter_proposals(session, ProposalFilter(search=query))]
        page = list_page(session, ListRequest(query=query, per_page=100))
        desk = [p.id for p in page.rows]
    assert sorted(searched) == sorted(listed) == sorted(desk)
    assert page.total == len(searched)
    return set(names(sessions, searched))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lobby", {"lobby"}),
        ("register", {"lobby"}),
        ("whistleblower", {"whistle"}),
        ("sygehus", {"sygehus"}),
        ("kommune", {"kommune"}),
    ],
)
def test_words_find_compounds_and_inflections(sessions, query: str, expected) -> None:
    assert found(sessions, query) == expected


def test_an_inflected_word_finds_its_base_form(sessions) -> None:
    assert found(sessions, "sygehusene") == {"sygehus"}


def test_ae_oe_aa_find_the_danish_letters_and_back(sessions) -> None:
    assert found(sessions, "aabne kalendere") == {"hoering"}
    assert found(sessions, "høringen") == {"hoering"}
    assert found(sessions, "ønsker") == {"hoering", "wrapped"}


def test_oe_stays_apart_from_o(sessions) -> None:
    assert found(sessions, "sørg") == {"soe"}
    assert found(sessions, "sorg") == {"so"}


def test_every_word_is_required(sessions) -> None:
    assert found(sessions, "søen målestation") == {"soe"}
    assert found(sessions, "søen") == {"soe", "so"}


def test_a_quoted_phrase_is_exact_across_line_breaks(sessions) -> None:
    assert found(sessions, '"åbne data"') == {"wrapped", "kommune"}
    assert found(sessions, '"data om alt"') == {"wrapped"}
    assert found(sessions, '"åbne om"') == set()


def test_the_replys_own_words_rank_first(sessions) -> None:
    # "quoted" says tavshedspligt three times, but only in the mail it quotes.
    with sessions() as session:
        ranked = names(sessions, [hit.proposal_id for hit in search(session, "tavshedspligt")])
    assert ranked == ["own", "quoted"]


def test_snippet_marks_the_compound_that_matched(sessions) -> None:
    with sessions() as session:
        (hit,) = search(session, "lobby")
    assert "[lobby]registret" in hit.snippet


def test_past_the_rank_cap_every_hit_is_still_listed(sessions, monkeypatch) -> None:
    # PostgreSQL ranks only the first RANK_CAP hits of a common word; none may be lost.
    monkeypatch.setattr("hoering.store.search.RANK_CAP", 1)
    assert found(sessions, "søen") == {"soe", "so"}
    assert found(sessions, "ønsker") == {"hoering", "wrapped"}
