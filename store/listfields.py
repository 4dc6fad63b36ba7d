"""List-valued columns (warnings, reference numbers, theme labels, words) are stored one value
a line; this reads them back as their values, the same way everywhere."""

from __future__ import annotations


def listed(text: str | None) -> tuple[str, ...]:
    """The values of a one-value-a-line column, in order; empty lines are no values."""
    return tuple(line for line in (text or "").splitlines() if line)
