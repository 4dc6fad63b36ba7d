"""Initiatives in a real SQLite database: derived at import, reviewed, split, merged,
retitled, audited, and kept by reparse and `analyse` once a reviewer fixed the split."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.config import load_config
from hoering.edits import Change
from hoering.pipeline import import_paths, reparse
from hoering.rules import initiative_review
from hoering.rules.derive import normalize_proposal
from hoering.rules.review import review_initiative, validated
from hoering.store import models, review
from hoering.store.initiatives import (
    InitiativeFilter,
    UnknownInitiative,
    get_initiative,
    list_initiatives,
    parse_ref,
)
from tests.kit.initiative_docs import to_docx
from tests.kit.mails import make_mail, write_config

THREE = (
    "Kære Digitaliseringsstyrelse\n\nVi foreslår følgende initiativer:\n\n"
    "1. Åbne budgetdata: Kommunerne offentliggør budgetter som åbne data på lokalt niveau.\n"
    "2. Lobbyregister: Møder med lobbyister registreres. Det bør forankres i Folketinget.\n"
    "3. Borgerbudgetter: Borgerne bestemmer over en del af budgettet.\n\nMed venlig hilsen\nIda\n"
)


def database(tmp_path: Path, *mails: bytes):
    cfg = load_config(write_config(tmp_path))
    from hoering.store.db import open_database

    sessions = open_database(cfg.store_url)
    for number, mail in enumerate(mails):
        path = tmp_path / f"{number}.eml"
        path.write_bytes(mail)
    import_paths(cfg, sessions, sorted(tmp_path.glob("*.eml")))
    return cfg, sessions


@pytest.fixture
def three(tmp_path: Path):
    return database(tmp_path, make_mail(body=THREE))


def refs(session: Session) -> list[tuple[str, str]]:
    return [(row.ref, row.title) for row in list_initiatives(session)]


def test_import_splits_a_reply_into_its_initiatives(three) -> None:
    _, sessions = three
    with sessions() as session:
        assert refs(session) == [("1.1", "Åbne budgetdata"), ("1.2", "Lobbyregister"),
                                 ("1.3", "Borgerbudgetter")]  # fmt: skip
        first, second, _ = list_initiatives(session)
    assert first.text == (
        "1. Åbne budgetdata: Kommunerne offentliggør budgetter som åbne data på lokalt niveau."
    )
    assert (first.level, "aabne-data" in first.themes) == ("lokal", True)
    assert second.owner == "Folketinget"


def test_attachment_form_becomes_initiatives_and_a_no_comments_reply_none(tmp_path: Path) -> None:
    form = to_docx(
        [("table", [["Initiativets titel", "Åbne indkøbsdata"], ["Niveau", "National"]])]
    )
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    _, sessions = database(
        tmp_path,
        make_mail(body="Se vedhæftede.\n", attachments=[("skema.docx", docx_type, form)]),
        make_mail(body="Vi har ingen bemærkninger.\n", message_id="<b@x>"),
    )
    with sessions() as session:
        (only,) = list_initiatives(session)
        assert (only.title, only.level, only.origin) == (
            "Åbne indkøbsdata",
            "national",
            "skema.docx",
        )
        assert len(session.scalars(select(models.Proposal)).all()) == 2  # still a reply


def test_filters_by_level_theme_owner_and_search(three) -> None:
    _, sessions = three
    with sessions() as session:
        assert [r.ref for r in list_initiatives(session, InitiativeFilter(level="lokal"))] == [
            "1.1"
        ]
        by_theme = list_initiatives(session, InitiativeFilter(theme="aabne-data"))
        assert [r.ref for r in by_theme] == ["1.1"]
        assert [r.ref for r in list_initiatives(session, InitiativeFilter(owner="folket"))] == [
            "1.2"
        ]
        assert [r.ref for r in list_initiatives(session, InitiativeFilter(search="borgerne"))] == [
            "1.3"
        ]


def test_review_fields_are_set_per_initiative_and_audited(three) -> None:
    _, sessions = three
    change = validated(
        Change(decision="Ikke-optaget", reason="Uden for OGP", note="Drøftet"), DEFAULT_CODEBOOK
    )
    with sessions.begin() as session:
        assert review_initiative(session, get_initiative(session, "1.2"), change, "ane") == 3
    with sessions() as session:
        row = get_initiative(session, "1.2")
        assert (row.decision, row.reason, [n.text for n in row.notes]) == (
            "ikke optaget", "Uden for OGP", ["Drøftet"],
        )  # fmt: skip
        fields = [e.field for e in initiative_review.history(session, "1.2")]
        assert fields == ["decision", "reason", "note"]
        assert review.history(session, 1) == []  # the reply's own trail stays its own
        assert get_initiative(session, "1.1").decision is None


def test_split_at_a_phrase_renumbers_and_is_kept_by_reparse(three) -> None:
    cfg, sessions = three
    with sessions.begin() as session:
        row = get_initiative(session, "1.1")
        new = initiative_review.split(session, row, "som åbne data", "ane", DEFAULT_CODEBOOK)
        assert new.ref == "1.2"
    reparse.reparse(cfg, sessions, reparse.Selection(all=True))
    with sessions() as session:
        assert [r for r, _ in refs(session)] == ["1.1", "1.2", "1.3", "1.4"]
        assert get_initiative(session, "1.2").text.startswith("som åbne data")
        assert get_initiative(session, "1.4").title == "Borgerbudgetter"
        assert {r.source for r in list_initiatives(session)} == {"reviewer"}
        trail = initiative_review.history(session, "1.2")
        assert [(e.field, e.old_value, e.new_value) for e in trail] == [("split", "1.1", "1.2")]
        # The cut one's trail names both parts ("1.1 + None.2" before the flush).
        assert initiative_review.history(session, "1.1")[-1].new_value == "1.1 + 1.2"


def test_merge_joins_texts_moves_notes_and_closes_the_numbers(three) -> None:
    _, sessions = three
    change = Change(note="se også 1.3")
    with sessions.begin() as session:
        review_initiative(session, get_initiative(session, "1.3"), change, "bo")
        first, second = get_initiative(session, "1.2"), get_initiative(session, "1.3")
        initiative_review.merge(session, first, second, "bo", DEFAULT_CODEBOOK)
    with sessions() as session:
        assert [r for r, _ in refs(session)] == ["1.1", "1.2"]
        merged = get_initiative(session, "1.2")
        assert "Borgerbudgetter" in merged.text and "Lobbyregister" in merged.text
        assert [n.text for n in merged.notes] == ["se også 1.3"]


def test_retitle_is_audited_and_survives_analyse(three) -> None:
    _, sessions = three
    with sessions.begin() as session:
        initiative_review.retitle(session, get_initiative(session, "1.2"), "Et lobbyregister", "bo")
    with sessions.begin() as session:
        normalize_proposal(session.scalars(select(models.Proposal)).one())
    with sessions() as session:
        assert get_initiative(session, "1.2").title == "Et lobbyregister"
        (event,) = initiative_review.history(session, "1.2")
        assert (event.field, event.old_value, event.new_value) == (
            "title", "Lobbyregister", "Et lobbyregister",
        )  # fmt: skip


def test_reanalysis_keeps_ids_and_review_fields_of_machine_initiatives(three) -> None:
    cfg, sessions = three
    with sessions.begin() as session:
        get_initiative(session, "1.1").status = "under behandling"
        before = get_initiative(session, "1.1").id
    reparse.reparse(cfg, sessions, reparse.Selection(all=True))
    with sessions() as session:
        row = get_initiative(session, "1.1")
        assert (row.id, row.status, row.source) == (before, "under behandling", "auto")


def test_split_that_leaves_an_empty_part_is_refused(three) -> None:
    _, sessions = three
    with sessions.begin() as session, pytest.raises(initiative_review.SplitError):
        initiative_review.split(session, get_initiative(session, "1.1"), 0, "bo", DEFAULT_CODEBOOK)


def test_merge_across_replies_is_refused(tmp_path: Path) -> None:
    _, sessions = database(
        tmp_path, make_mail(body=THREE), make_mail(body=THREE, message_id="<2@x>")
    )
    with sessions.begin() as session, pytest.raises(initiative_review.SplitError):
        initiative_review.merge(
            session, get_initiative(session, "1.1"), get_initiative(session, "2.1"), "bo",
            DEFAULT_CODEBOOK,
        )  # fmt: skip


def test_references_are_reply_dot_number() -> None:
    assert parse_ref(" 12.2 ") == (12, 2)
    with pytest.raises(UnknownInitiative):
        parse_ref("12")
