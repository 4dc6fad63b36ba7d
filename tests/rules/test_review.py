"""The review rules as pure functions: the values now and the change asked in, the edit
and its audit entries out (rules/review.py)."""

from __future__ import annotations

import pytest

from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.edits import AuditEntry, Change, DecisionNow, InvalidValue, ReplyNow
from hoering.rules.review import decision_edit, initiative_edit, reply_edit, validated

NOW = DecisionNow(status="ny", decision=None, reason="", assignee="")
THEME = DEFAULT_CODEBOOK.themes[0]


def reply(**values) -> ReplyNow:
    return ReplyNow(fields=NOW, respondent_type="borger", **values)


def test_values_are_read_in_their_canonical_spelling() -> None:
    change = validated(Change(status="Under-Behandling", decision="ikke_optaget"), DEFAULT_CODEBOOK)
    assert (change.status, change.decision) == ("under behandling", "ikke optaget")


def test_a_value_outside_the_list_names_the_allowed_ones() -> None:
    with pytest.raises(InvalidValue, match='"optaget"'):
        validated(Change(decision="måske"), DEFAULT_CODEBOOK)


def test_a_changed_field_is_stored_and_audited_with_old_and_new() -> None:
    edit = decision_edit(NOW, Change(status="behandlet", decision="optaget"))
    assert edit.fields == (("status", "behandlet"), ("decision", "optaget"))
    assert edit.audit == (
        AuditEntry("status", "ny", "behandlet"),
        AuditEntry("decision", None, "optaget"),
    )


def test_asking_for_the_values_already_stored_is_no_change() -> None:
    edit = decision_edit(NOW, Change(status="ny", decision="ingen", reason="", assignee=""))
    assert edit.changes == 0 and edit.fields == ()


def test_ingen_clears_a_decision() -> None:
    edit = decision_edit(DecisionNow(decision="optaget"), Change(decision="ingen"))
    assert edit.fields == (("decision", None),)
    assert edit.audit == (AuditEntry("decision", "optaget", None),)


def test_a_reviewers_type_equal_to_the_rules_is_audited_once() -> None:
    edit = reply_edit(reply(), Change(respondent_type="borger"), DEFAULT_CODEBOOK)
    assert edit.respondent_type is not None and edit.respondent_type.rule_id == "reviewer"
    assert edit.audit == (AuditEntry("respondent_type", "borger", "borger"),)
    again = reply_edit(
        reply(type_by_reviewer=True), Change(respondent_type="borger"), DEFAULT_CODEBOOK
    )
    assert again.changes == 0 and again.respondent_type is None


def test_adding_an_active_theme_keeps_it_as_the_reviewers_without_audit() -> None:
    now = reply(active_themes=frozenset({THEME.key}))
    edit = reply_edit(now, Change(add_themes=(THEME.key,)), DEFAULT_CODEBOOK)
    assert [(m.key, m.active) for m in edit.themes] == [(THEME.key, True)]
    assert edit.changes == 0


def test_removing_an_active_theme_is_audited() -> None:
    now = reply(active_themes=frozenset({THEME.key}))
    edit = reply_edit(now, Change(remove_themes=(THEME.key,)), DEFAULT_CODEBOOK)
    assert edit.audit == (AuditEntry("theme", THEME.key, None),)


def test_a_note_is_always_a_change() -> None:
    edit = initiative_edit(NOW, Change(note="Drøftet"))
    assert edit.note == "Drøftet" and edit.audit == (AuditEntry("note", None, "Drøftet"),)


def test_an_initiative_takes_no_type_or_themes() -> None:
    with pytest.raises(InvalidValue, match="on the reply"):
        initiative_edit(NOW, Change(add_themes=(THEME.key,)))
