"""JSONL export for machines: one proposal per line with everything, attachments nested.

Keys are the fields of export.views.ReplyView in their order, views.INTERNAL left out
(stable; new keys only added), times ISO 8601 in UTC, lists as JSON arrays, no truncation
and no formula guard.
The review history (audit) is left out: consumers get the current state of each field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hoering.export.files import atomic_file
from hoering.export.views import INTERNAL, ReplyView


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def record_json(record: ReplyView) -> str:
    """One line of JSON (no newline inside: JSON escapes them)."""
    fields = {key: value for key, value in asdict(record).items() if key not in INTERNAL}
    return json.dumps(_plain(fields), ensure_ascii=False, sort_keys=False)


def export_jsonl(records: Iterable[ReplyView], output: Path) -> int:
    """Write the JSONL file atomically; returns the number of lines."""
    count = 0
    with atomic_file(output, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(record_json(record) + "\n")
            count += 1
    return count
