"""Initiatives on PostgreSQL: derived at import, filtered, split and audited (shared code)."""

from __future__ import annotations

from pathlib import Path

from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.rules import initiative_review
from hoering.store.initiatives import InitiativeFilter, get_initiative, list_initiatives
from tests.kit.mails import write_config
from tests.store.test_search import import_mails

LETTER = (
    "Vi foreslår følgende initiativer:\n\n1. Åbne data: Alle indkøb udgives som åbne data.\n"
    "2. Lobbyregister: Møder registreres på nationalt niveau.\n"
)


def test_initiatives_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    config = write_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace("sqlite:///hoering.db", postgres_url)
    config.write_text(text, encoding="utf-8")
    sessions = import_mails(config, tmp_path, {"<i@x>": LETTER})
    with sessions.begin() as session:
        assert [r.title for r in list_initiatives(session)] == ["Åbne data", "Lobbyregister"]
        assert [
            r.number for r in list_initiatives(session, InitiativeFilter(level="national"))
        ] == [2]
        first = list_initiatives(session, InitiativeFilter(theme="aabne-data"))[0]
        initiative_review.split(session, first, "Alle indkøb", "karen", DEFAULT_CODEBOOK)
    with sessions() as session:
        ref = f"{first.proposal_id}.2"
        assert get_initiative(session, ref).text == "Alle indkøb udgives som åbne data."
        assert [e.field for e in initiative_review.history(session, ref)] == ["split"]
