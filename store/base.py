"""The declarative base of every table, and the column types they share: UTC datetimes,
text without NUL and lists of strings."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase


class UTCDateTime(TypeDecorator[datetime]):
    """Stores timezone-aware datetimes as UTC; SQLite would otherwise drop the offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class NulFreeString(TypeDecorator[str]):
    """Text without NUL: PostgreSQL refuses it (SQLite does not), and broken mailers send it."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return value.replace("\x00", "\ufffd") if value else value


class NulFreeText(NulFreeString):
    impl = Text
    cache_ok = True


class StringList(TypeDecorator[tuple[str, ...]]):
    """A list of strings (warnings, reference numbers, theme keys and labels, words) as one
    JSON array. Read back as a tuple: JSON columns do not track changes made in place, so a
    value is only ever replaced whole. NUL is replaced, as in NulFreeString."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value, dialect) -> list[str] | None:
        if value is None:
            return None
        if isinstance(value, str):  # would be stored as its characters
            raise TypeError("a StringList column takes a sequence of strings, not one string")
        return [item.replace("\x00", "\ufffd") for item in value]

    def process_result_value(self, value, dialect) -> tuple[str, ...]:
        return tuple(value or ())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass
