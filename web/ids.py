"""The `{name:id}` path convertor: a database id, or no match (404).

Starlette's `int` convertor takes any run of digits; `/proposals/99999999999999999999` then
reached the database as a number SQLite cannot bind and answered 500. Ids here are at most
18 digits, below SQLite's and PostgreSQL's largest integer (2**63 - 1, 19 digits): a longer
one names no row, so the route does not match.
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

MAX_DIGITS = 18


class IdConvertor(Convertor[int]):
    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


def register() -> None:
    """Make `{name:id}` known to Starlette's routes (before they are built)."""
    register_url_convertor("id", IdConvertor())
