"""A split mail (message/partial) whose fragments arrive as separate mails of one import."""

from __future__ import annotations

import mailbox
from pathlib import Path

from sqlalchemy import select

from hoering import pipeline
from hoering.config import load_config
from hoering.ingest.raw import MessageOrigin, RawMessage
from hoering.pipeline.partials import joined_partials
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.mails import make_mail, split_partial, write_config

MAIL = make_mail(
    body="Kære Digitaliseringsstyrelsen\n\n" + "Vi foreslår et lobbyregister.\n" * 40,
    attachments=[("bilag.txt", "text/plain", b"Bilag om aabne data\n" * 80)],
)


def raw(data: bytes, uid: int) -> RawMessage:
    return RawMessage(MessageOrigin("file", "svar.mbox", uid=uid), data)


def test_fragments_are_joined_where_the_last_one_arrives() -> None:
    first, second, third = (raw(data, uid) for uid, data in enumerate(split_partial(MAIL, 3), 2))
    other = raw(make_mail(message_id="<andet@x>"), 1)
    out = list(joined_partials([other, third, first, second]))
    assert [item.origin.uid for item in out] == [1, 2]  # joined, at fragment 1's origin
    assert b"Vi foresl\xc3\xa5r et lobbyregister.\n" * 40 in out[1].data.replace(b"\r\n", b"\n")


def test_incomplete_fragments_pass_through_at_the_end() -> None:
    first, _second, third = (raw(data, uid) for uid, data in enumerate(split_partial(MAIL, 3), 1))
    other = raw(make_mail(message_id="<andet@x>"), 9)
    out = list(joined_partials([first, other, third]))
    assert [item.origin.uid for item in out] == [9, 1, 3]
    assert [item.data for item in out[1:]] == [first.data, third.data]


def test_held_bytes_bound_lets_fragments_pass_unjoined() -> None:
    fragments = [raw(data, uid) for uid, data in enumerate(split_partial(MAIL, 3), 1)]
    out = list(joined_partials(fragments, held_bytes=len(fragments[0].data) + 10))
    assert [item.data for item in out] == [fragments[1].data, fragments[2].data, fragments[0].data]


def test_import_of_an_mbox_with_every_fragment_stores_one_reply(tmp_path: Path) -> None:
    # Outlook Express "break apart messages larger than ...": three mails in the mbox.
    cfg = load_config(write_config(tmp_path))
    db = open_database(cfg.store_url)
    box = mailbox.mbox(tmp_path / "svar.mbox")
    for data in split_partial(MAIL, 3):
        box.add(data)
    box.close()
    report = pipeline.import_paths(cfg, db, [tmp_path / "svar.mbox"])
    assert report.stored == 1
    with db() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        assert proposal.subject == "OGP-høring: forslag om åbne data"
        assert "Vi foreslår et lobbyregister." in proposal.body_text
        texts = session.scalars(select(models.Attachment.text)).all()
        assert texts == [("Bilag om aabne data\n" * 80).strip("\n")]
