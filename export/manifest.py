"""The manifest written next to every export: what is in it, how it was made, its checksum."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from hoering.export.files import atomic_file, sha256_of


def hoering_version() -> str:
    """The installed version, else the checkout's pyproject.toml (tests run uninstalled)."""
    try:
        return version("hoering")
    except PackageNotFoundError:
        pass
    try:
        data = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return "unknown"
    return str(data.get("project", {}).get("version", "unknown"))


@dataclass(frozen=True)
class Manifest:
    """Facts about one export; written as `<output>.manifest.json`."""

    kind: str  # csv | xlsx | jsonl | notat | attachments
    output: Path
    rows: int
    filters: dict[str, Any]
    redaction: dict[str, bool]
    options: dict[str, Any] = field(default_factory=dict)  # profile, formula guard, ...
    extra_files: tuple[Path, ...] = ()  # full texts, exported attachments


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + ".manifest.json")


def write_manifest(manifest: Manifest, now: datetime | None = None) -> Path:
    """Write the manifest beside the export; the sha256 covers each file as written."""
    target = manifest_path(manifest.output)
    base = manifest.output.parent
    data = {
        "format": manifest.kind,
        "file": manifest.output.name,
        "rows": manifest.rows,
        "sha256": None if manifest.output.is_dir() else sha256_of(manifest.output),
        "filters": manifest.filters,
        "redaction": manifest.redaction,
        **manifest.options,
        "files": [
            {"path": str(path.relative_to(base)), "sha256": sha256_of(path)}
            for path in manifest.extra_files
        ],
        "created_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "hoering_version": hoering_version(),
    }
    with atomic_file(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return target
