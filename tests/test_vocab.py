"""The ground vocabulary: one enum per meaning, whose members are the strings stored before."""

from __future__ import annotations

from hoering import glossary, vocab
from tests.test_layout import dependencies


def test_every_member_is_the_string_stored_before() -> None:
    # The database, the files and cron's greps hold these strings: a rename must not change one.
    assert [str(m) for m in vocab.MessageStatus] == [
        "skipped-unmarked", "skipped-automatic", "stored", "duplicate", "failed", "parked",
    ]  # fmt: skip
    assert [str(m) for m in vocab.ActionState] == [
        "pending",
        "done",
        "failed",
        "parked",
        "obsolete",
    ]
    assert [str(m) for m in vocab.EntryKind] == ["known", "automatic", "parsed"]
    assert list(vocab.STATUSES) == ["ny", "under behandling", "behandlet"]
    assert list(vocab.DECISIONS) == [
        "optaget", "delvist optaget", "ikke optaget", "uden for rammen",
        # The call's own two (issue 19): new values, none renamed.
        "indgår i det videre OGP-samarbejde", "ikke OGP-relevant",
    ]  # fmt: skip
    assert list(vocab.RESPONDENT_TYPES) == [
        "borger", "virksomhed", "organisation", "offentlig myndighed",
    ]  # fmt: skip


def test_a_member_formats_as_its_string() -> None:
    # f-strings, str() and %-formatting write the member into audit rows and log lines.
    member = vocab.MessageStatus.AUTOMATIC
    assert (f"{member}: x", str(member), "%s" % member) == (  # noqa: UP031
        "skipped-automatic: x", "skipped-automatic", "skipped-automatic",
    )  # fmt: skip


def test_vocab_imports_nothing_of_ours_and_glossary_only_vocab() -> None:
    # Both are ground modules every package may import; a dependency would make cycles.
    graph = dependencies()
    assert graph["hoering.vocab"] == set()
    assert graph["hoering.glossary"] == {"hoering.vocab"}


def test_people_columns_and_web_facets_take_their_words_from_the_glossary() -> None:
    from hoering.export.columns import PEOPLE_COLUMNS
    from hoering.web.pages import FACET_TITLES

    headers = dict(PEOPLE_COLUMNS)
    assert (headers["status"], headers["decision"], headers["respondent_type"]) == (
        glossary.STATUS, glossary.DECISION, glossary.TYPE,
    )  # fmt: skip
    assert (FACET_TITLES["status"], FACET_TITLES["decision"]) == (
        glossary.STATUS, glossary.DECISION,
    )  # fmt: skip
