"""[notat]: what the høringsnotat says beyond the consultation's dates (`hoering notat`).

The ministry and its j.nr. stay in [consultation], where the page header has read them
since the first notat; this section adds the office, where the consultation was published,
the høringsliste, whether citizens are named, and the ministry's own Word template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hoering.analysis.hearing_list import HearingListError, HearingParty, load_hearing_list

NOTAT_KEYS = frozenset({"office", "published_at", "hearing_list", "name_citizens", "template"})


@dataclass(frozen=True)
class NotatConfig:
    office: str = ""  # the title page's "Kontor"
    published_at: str = ""  # "Høringsportalen (hoeringsportalen.dk)"
    hearing_list: tuple[HearingParty, ...] = ()
    name_citizens: bool = False  # citizens are counted, not named, unless this is true
    template: Path | None = None  # a .docx whose styles, header and logo the notat takes


def read_notat(reader: Any) -> NotatConfig:
    """[notat] through the config reader (config._Reader): types checked, files read."""
    table = reader.table("notat") or {}
    template = reader.file_path(table, "notat", "template")
    if template is not None and not template.is_file():
        raise reader.fail("[notat] template", f"{template} is not a file")
    return NotatConfig(
        office=reader.get(table, "notat", "office", str, ""),
        published_at=reader.get(table, "notat", "published_at", str, ""),
        hearing_list=_hearing_list(reader, table),
        name_citizens=reader.get(table, "notat", "name_citizens", bool, False),
        template=template,
    )


def _hearing_list(reader: Any, table: dict[str, Any]) -> tuple[HearingParty, ...]:
    path = reader.file_path(table, "notat", "hearing_list")
    if path is None:
        return ()
    try:
        return load_hearing_list(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise reader.fail("[notat] hearing_list", f"cannot read {path}: {exc}") from None
    except HearingListError as exc:
        raise reader.fail("[notat] hearing_list", f"{path}: {exc}") from None
