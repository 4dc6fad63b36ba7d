"""Review, themes and duplicate groups on PostgreSQL (the store code is shared with SQLite)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.edits import Change
from hoering.rules.review import review_reply, validated
from hoering.store import duplicates, models, review
from hoering.store.queries import ProposalFilter, iter_proposals
from tests.kit.mails import write_config
from tests.store.test_search import import_mails

LETTER = (
    "Jeg støtter en lovfæstet whistleblowerordning i hele den offentlige sektor. Offentlige "
    "kalendere for ministre og topembedsmænd. Et register over lobbyister, der mødes med "
    "politikere. Åbenhed er forudsætningen for tillid til vores demokrati. "
)
BODIES = {
    "<a@x>": LETTER + "Jeg har selv søgt aktindsigt uden held.\n",
    "<b@x>": LETTER + "Kommunerne skal også være med.\n",
    "<c@x>": "Vi foreslår åbne data om alle offentlige indkøb.\n",
}


def test_review_audit_themes_and_groups_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    config = write_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace("sqlite:///hoering.db", postgres_url)
    config.write_text(text, encoding="utf-8")
    sessions = import_mails(config, tmp_path, BODIES)
    with sessions.begin() as session:
        proposal = session.scalars(
            select(models.Proposal).where(models.Proposal.message_id == "c@x")
        ).one()
        change = validated(Change(status="Behandlet", decision="Delvist-optaget"), DEFAULT_CODEBOOK)
        assert review_reply(session, proposal, change, "karen", DEFAULT_CODEBOOK) == 2
    with sessions() as session:
        flt = ProposalFilter(status="behandlet", theme="aabne-data")
        assert [p.message_id for p in iter_proposals(session, flt)] == ["c@x"]
        assert len(review.history(session, proposal.id)) == 2
        groups = duplicates.groups(session)
        assert [g.size for g in groups] == [2]
        assert duplicates.counts(session).independent == 2
