"""The registry of Danish authorities and organisations: name, short forms, mail domains, type.

Kept as data (analysis/respondents.toml, extendable with `[respondents] registry`), read once
into a frozen Registry that answers two questions: which body is this name, which is this domain.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hoering.errors import UsageError
from hoering.vocab import RespondentType

DEFAULT_FILE = Path(__file__).with_name("respondents.toml")
# The file's tables, named for the respondent types they hold.
SECTIONS: dict[str, RespondentType] = {
    "myndighed": RespondentType.MYNDIGHED,
    "organisation": RespondentType.ORGANISATION,
    "virksomhed": RespondentType.VIRKSOMHED,
}
_TRIM = " \t.,;:–-|·\"'()"


class RegistryError(UsageError):
    """A registry file that does not have the documented shape."""


@dataclass(frozen=True)
class Body:
    """One authority, organisation or company as the registry knows it."""

    name: str
    type: RespondentType
    short: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    def named_in(self, name: str) -> bool:
        """Whether `name` holds this body's name or a long short form ("Foreningen X (FX)")."""
        return bool(self.written_in(name))

    def written_in(self, name: str) -> str:
        """The longest of this body's names (not an abbreviation) that `name` holds, as the
        registry spells it: a renamed body keeps the name the reply used ("Dansk Energi")."""
        folded = _key(name)
        forms = [form for form in (self.name, *self.short) if len(form) > 4]
        return max((form for form in forms if _key(form) in folded), key=len, default="")


@dataclass(frozen=True)
class Registry:
    """Bodies looked up by a whole name (full names case-blind, short forms as written)."""

    bodies: tuple[Body, ...]

    def __post_init__(self) -> None:
        names: dict[str, Body] = {}
        short: dict[str, Body] = {}
        domains: dict[str, Body] = {}
        for body in self.bodies:  # later entries (a user's file) win
            names[_key(body.name)] = body
            for form in body.short:
                # A short form of a few capitals ("KL", "DI") is matched as written; a longer
                # one is a name like any other.
                if len(form) <= 4:
                    short[form.strip()] = body
                else:
                    names[_key(form)] = body
            for domain in body.domains:
                domains[domain.lower()] = body
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_short", short)
        object.__setattr__(self, "_domains", domains)

    def by_name(self, text: str) -> Body | None:
        """The body whose name or short form is exactly `text` (trimmed), else None."""
        trimmed = text.strip(_TRIM)
        return self._short.get(trimmed) or self._names.get(_key(trimmed))  # type: ignore[attr-defined]

    def by_domain(self, domain: str) -> Body | None:
        """The body that owns `domain` or a domain it is a subdomain of."""
        labels = domain.lower().split(".")
        for start in range(len(labels) - 1):
            body = self._domains.get(".".join(labels[start:]))  # type: ignore[attr-defined]
            if body:
                return body
        return None

    def extended(self, other: Registry) -> Registry:
        """This registry with `other`'s bodies added; where both name one, `other` wins."""
        return Registry(self.bodies + other.bodies)


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def registry_from_mapping(data: dict[str, Any]) -> Registry:
    """A Registry from a parsed TOML file: tables myndighed / organisation / virksomhed."""
    bodies: list[Body] = []
    for section, value in data.items():
        if section not in SECTIONS:
            raise RegistryError(f"unknown table {section!r}; expected {', '.join(SECTIONS)}")
        if not isinstance(value, list):
            raise RegistryError(f"{section} must be a list of {{ name = ..., domains = [...] }}")
        for number, entry in enumerate(value, start=1):
            bodies.append(_body(entry, SECTIONS[section], f"{section} #{number}"))
    return Registry(tuple(bodies))


def _body(entry: Any, type_: RespondentType, where: str) -> Body:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise RegistryError(f"{where}: needs a name")
    unknown = set(entry) - {"name", "short", "domains"}
    if unknown:
        raise RegistryError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    lists = {key: entry.get(key, []) for key in ("short", "domains")}
    for key, items in lists.items():
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise RegistryError(f"{where}: {key} must be a list of strings")
    return Body(entry["name"], type_, tuple(lists["short"]), tuple(lists["domains"]))


def load_registry(path: Path) -> Registry:
    """The registry in the TOML file at `path` (RegistryError or OSError when unreadable)."""
    try:
        return registry_from_mapping(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(str(exc)) from None


@cache
def default_registry() -> Registry:
    """The shipped registry, read once per process."""
    return load_registry(DEFAULT_FILE)
