"""How the placements hand pure per-item work (a text's MinHash fingerprint, an initiative's
term vector) to other processes: a Mapper applies a function to a list of items, in parts,
and gives the results back in the items' order.

A run places during its message loop and after it (pipeline/placing.py) and passes the
sandbox's mapper (pipeline/sandbox.py, Sandbox.map_parts), so this work shares the workers
with the derivation; every other caller (`analyse`, tests, benchmarks) places in its own
process. The function must be a
picklable top-level one whose result depends on its items alone, so where it ran changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PartFunction = Callable[[list[Any]], list[Any]]  # items -> one result per item, in order
Mapper = Callable[[PartFunction, list[Any]], list[Any]]


def in_process(function: PartFunction, items: list[Any]) -> list[Any]:
    """The Mapper of a caller without workers: `function` over all items, here."""
    return function(items)
