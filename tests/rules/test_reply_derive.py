"""The pure derivation of a reply (rules/reply_derive.py): plain values in, a frozen,
picklable DerivedReply out, with no database anywhere."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from hoering.derived import AttachmentText, ReplyInputs, StoredInitiative
from hoering.rules.reply_derive import derive_reply
from hoering.vocab import RespondentType
from tests.test_layout import dependencies

BODY = (
    "Kære Digitaliseringsstyrelsen\n\nVi har tre forslag:\n\n"
    "1. Et offentligt lobbyregister for alle ministerier og Folketinget.\n"
    "2. Ministrenes kalendere offentliggøres hver uge på nettet.\n"
    "3. En fælles whistleblowerordning for hele den offentlige sektor.\n\n"
    "Med venlig hilsen\nHanne Berg\nDataklar ApS\nVores ref.: 17-42\n"
)
REPLY = ReplyInputs(
    sender_name="Hanne Berg",
    sender_email="hb@dataklar.example",
    subject="Høringssvar",
    body_text=BODY,
)
FORWARDED = (
    "---------- Forwarded message ---------\nFra: Ida Holm <ida@example.org>\n"
    "Emne: Høring\n\nVi ønsker åbne data om alle udbud.\n"
)


def test_plain_values_in_give_every_field_out() -> None:
    derived = derive_reply(REPLY)

    assert (derived.respondent.type, derived.respondent.organisation) == (
        RespondentType.VIRKSOMHED,
        "Dataklar ApS",
    )
    assert derived.respondent.email == "hb@dataklar.example"
    assert "lobbyregister" in derived.reply_text and "Dataklar" not in derived.reply_text
    assert "Dataklar ApS" in derived.signature
    assert derived.references == (("Vores ref.", "17-42"),)
    assert (derived.language, derived.forwarded, derived.no_comments) == ("da", False, False)
    assert {"transparens", "antikorruption"} <= {theme.theme for theme in derived.themes}
    assert [item.number for item in derived.initiatives] == [1, 2, 3]
    assert all(item.continues is None for item in derived.initiatives)
    assert "antikorruption" in derived.initiatives[2].fields.themes


def test_the_result_is_frozen_and_survives_pickling() -> None:
    derived = derive_reply(REPLY)

    with pytest.raises(dataclasses.FrozenInstanceError):
        derived.reply_text = "changed"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(derived)) == derived
    assert pickle.loads(pickle.dumps(REPLY)) == REPLY


def test_the_same_inputs_give_the_same_result() -> None:
    assert derive_reply(REPLY) == derive_reply(dataclasses.replace(REPLY))


def test_a_forwarded_mail_is_the_replys_words_not_a_letter() -> None:
    mail = AttachmentText("videresendt.eml", "message", FORWARDED)
    reply = dataclasses.replace(REPLY, body_text="Se venligst nedenstående.", attachments=(mail,))

    derived = derive_reply(reply)

    assert derived.forwarded
    assert "åbne data om alle udbud" in derived.reply_text
    assert all(item.origin != "videresendt.eml" for item in derived.initiatives)


def test_a_kept_split_comes_back_as_stored_with_its_fields_read_again() -> None:
    stored = (
        StoredInitiative(1, "Lobby", "Et lobbyregister og åbne kalendere.", "reviewer", "x"),
        StoredInitiative(2, "Rest", "Resten af svaret.", "reviewer", "x"),
    )
    reply = dataclasses.replace(REPLY, initiatives=stored, split_kept=True)

    derived = derive_reply(reply)

    assert derived.split_kept
    kept = [(i.number, i.title, i.text, i.rule, i.origin) for i in derived.initiatives]
    assert kept == [dataclasses.astuple(item) for item in stored]
    assert [item.continues for item in derived.initiatives] == [0, 1]
    assert derived.initiatives[0].fields.themes == ("transparens",)


def test_a_new_split_continues_the_stored_initiatives_by_their_words() -> None:
    first = derive_reply(REPLY).initiatives
    stored = tuple(
        StoredInitiative(i.number, i.title, i.text, i.rule, i.origin) for i in reversed(first)
    )

    derived = derive_reply(dataclasses.replace(REPLY, initiatives=stored))

    assert [item.continues for item in derived.initiatives] == [2, 1, 0]


def test_the_pure_derivation_imports_nothing_of_the_store() -> None:
    graph = dependencies()
    seen, todo = set(), ["hoering.rules.reply_derive"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph.get(module, ())
    assert {"hoering.analysis.cleaning", "hoering.derived"} <= seen  # the graph was walked
    assert not {module for module in seen if module.startswith("hoering.store")}


def test_a_reply_that_is_one_initiative_has_its_words_tagged_once(monkeypatch) -> None:
    # Its one initiative's text is the reply's text: the initiative gets the reply's tags
    # (issue 20: the workers tagged every such reply twice), the same as tagging it again.
    from hoering.analysis import themes as analysis_themes
    from hoering.rules import initiative_derive, reply_derive

    reply = dataclasses.replace(REPLY, body_text="Vi ønsker åbne data og et lobbyregister.\n")
    tagged: list[str] = []

    def counted(text, codebook=analysis_themes.DEFAULT_CODEBOOK):
        tagged.append(text)
        return analysis_themes.tag_themes(text, codebook)

    for module in (reply_derive, initiative_derive):
        monkeypatch.setattr(module, "tag_themes", counted)
    derived = derive_reply(reply)
    (initiative,) = derived.initiatives
    assert len(tagged) == 1 and initiative.text == tagged[0]
    again = initiative_derive.initiative_fields(initiative.text, analysis_themes.DEFAULT_CODEBOOK)
    assert initiative.fields == again and again.themes
