"""The placements' pure work done in the sandbox's workers (Sandbox.map_parts, issue 20): the
same fingerprints and term vectors, in the same order, as in the run's own process, and a
part whose worker dies done in the run's process instead."""

from __future__ import annotations

import os
import random
import signal

from bench.mailboxes import CAMPAIGN_LETTER, WORDS
from hoering.pipeline.sandbox import MAP_PART, Sandbox, SandboxLimits
from hoering.rules.candidates import term_vectors
from hoering.rules.duplicates import fingerprints

TWO = SandboxLimits(timeout_seconds=60, workers=2)
PARENT = os.getpid()


def letters(count: int) -> list[str]:
    """Near-twin campaign letters, letters of their own and empty ones."""
    rng = random.Random(5)
    return [
        CAMPAIGN_LETTER + " ".join(rng.choices(WORDS, k=12))
        if n % 3 else " ".join(rng.choices(WORDS, k=n % 400))
        for n in range(count)
    ]  # fmt: skip


def test_fingerprints_made_in_the_workers_equal_those_made_here() -> None:
    texts = list(enumerate(letters(2 * MAP_PART + 17), start=1))
    with Sandbox(TWO) as sandbox:
        mapped = sandbox.map_parts(fingerprints, texts)
    assert mapped == fingerprints(texts)
    assert any(found.bands for found in mapped) and any(not found.key for found in mapped)


def test_term_vectors_made_in_the_workers_equal_those_made_here() -> None:
    pairs = [(text[:40], text) for text in letters(2 * MAP_PART + 17)]
    with Sandbox(TWO) as sandbox:
        mapped = sandbox.map_parts(term_vectors, pairs)
    assert mapped == term_vectors(pairs)
    assert [list(vector) for vector in mapped] == [list(v) for v in term_vectors(pairs)]


def die_in_a_worker(items: list[int]) -> list[int]:
    """Doubles the items, after killing its worker on the part that holds 0."""
    if os.getpid() != PARENT and 0 in items:
        os.kill(os.getpid(), signal.SIGKILL)
    return [2 * item for item in items]


def test_a_part_whose_worker_dies_is_done_in_the_runs_process() -> None:
    items = list(range(3 * MAP_PART))
    with Sandbox(TWO) as sandbox:
        assert sandbox.map_parts(die_in_a_worker, items) == [2 * item for item in items]
