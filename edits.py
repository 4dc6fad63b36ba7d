"""The frozen shapes a review passes between rules/review.py, which decides, and
store/review.py, which writes: the change a reviewer asks for, the values as they are now,
and the decided edit with its audit entries. Also the one spelling rule for the values
reviewers and filters type (store/filters.py checks the CLI's and the desk's filters with it).

Values are Danish, as the drafting team writes them. Input is matched case-insensitively
with "-", "_" and repeated spaces read as one space, so "Ikke-optaget" is "ikke optaget".

This module imports only errors.py, so store/ and rules/ may both use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from hoering.errors import UsageError


class InvalidValue(UsageError):
    """A review value outside the allowed list; the message lists the allowed values."""


class Theme(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...


class Codebook(Protocol):
    """What review reads of a codebook (analysis.themes.Codebook): its themes' keys and
    labels, and its version; said here so the store needs nothing of analysis/."""

    @property
    def version(self) -> str: ...
    @property
    def themes(self) -> Sequence[Theme]: ...


def spelling_key(value: str) -> str:
    """`value` as it is compared: casefolded, "-" and "_" as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[-_]", " ", value).casefold().split())


def canonical(value: str, allowed: Sequence[str], what: str) -> str:
    """The allowed spelling of `value`, or InvalidValue naming the allowed values."""
    for option in allowed:
        if spelling_key(option) == spelling_key(value):
            return option
    listed = ", ".join(f'"{option}"' for option in allowed)
    raise InvalidValue(f"{what} {value!r} is not one of {listed}")


def theme_key(value: str, codebook: Codebook) -> str:
    """The codebook key of a theme given by key or label ("aabne-data", "åbne data ...")."""
    for theme in codebook.themes:
        if spelling_key(value) in (spelling_key(theme.key), spelling_key(theme.label)):
            return theme.key
    listed = ", ".join(f'"{theme.label}"' for theme in codebook.themes)
    raise InvalidValue(f"theme {value!r} is not in codebook {codebook.version}: {listed}")


@dataclass(frozen=True)
class Change:
    """What a reviewer asks for; None leaves a field as it is."""

    status: str | None = None
    decision: str | None = None  # NO_DECISION clears it
    reason: str | None = None
    assignee: str | None = None  # "" clears it
    respondent_type: str | None = None
    note: str | None = None
    add_themes: tuple[str, ...] = ()
    remove_themes: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == Change()


@dataclass(frozen=True)
class DecisionNow:
    """The review fields a reply and an initiative share, as stored now (None: unset)."""

    status: str | None = None
    decision: str | None = None
    reason: str | None = None
    assignee: str | None = None


@dataclass(frozen=True)
class ReplyNow:
    """What a reviewer can change of a reply, as stored now."""

    fields: DecisionNow
    respondent_type: str | None = None
    type_by_reviewer: bool = False  # the type is a reviewer's, which the rules keep
    active_themes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AuditEntry:
    """One audit_events row: which field, its value before and after (None: none)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TypeMark:
    """A respondent type set by a reviewer, with the rule text the reply then shows."""

    respondent_type: str
    rule: str
    rule_id: str


@dataclass(frozen=True)
class ThemeMark:
    """A theme tag a reviewer set on or off; the rules keep it from then on."""

    key: str
    label: str
    active: bool


@dataclass(frozen=True)
class Edit:
    """A decided review: the values to store and the audit rows that record them.

    No audit entries means nothing a reviewer sees changed: such a review is reported as
    "ingen ændring" and leaves no trail.
    """

    fields: tuple[tuple[str, str | None], ...] = ()  # (column, value to store)
    respondent_type: TypeMark | None = None
    themes: tuple[ThemeMark, ...] = ()
    note: str | None = None
    audit: tuple[AuditEntry, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.audit)
