"""stdout for the commands: rich text without markup (mail text may contain '[...]')."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """The stdout console, made on first use (importing rich costs start-up time)."""
    from rich.console import Console

    return Console(markup=False, highlight=False, soft_wrap=True)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 proposal", "2 proposals"; `plural_form` for words that do not just add -s."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
