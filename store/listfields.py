"""List-valued columns (warnings, reference numbers, theme keys and labels, words) are JSON
arrays (store.base.StringList); `holds` asks in SQL whether one holds a value."""

from __future__ import annotations

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class holds(FunctionElement[bool]):  # lower case: it reads as the SQL function it is
    """True where the list column's array has `value` as one of its items, whole."""

    type = Boolean()
    name = "holds"
    inherit_cache = True


@compiles(holds, "sqlite")
def _holds_sqlite(element: holds, compiler, **kw) -> str:
    column, value = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXISTS (SELECT 1 FROM json_each({column}) AS item WHERE item.value = {value})"


@compiles(holds, "postgresql")
def _holds_postgresql(element: holds, compiler, **kw) -> str:
    column, value = (compiler.process(clause, **kw) for clause in element.clauses)
    return (
        f"EXISTS (SELECT 1 FROM json_array_elements_text({column}) AS item(value) "
        f"WHERE item.value = {value})"
    )
