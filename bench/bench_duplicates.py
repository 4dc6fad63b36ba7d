"""Cost of grouping duplicates in the database: a full rebuild (rules.duplicates.refresh, run
by `duplicates --refresh` and `analyse`) and placing one new reply (place_new, run after
every poll or import), whose cost must not grow with the database. Prints figures.

    .venv/bin/python -m bench.bench_duplicates [--proposals 1000 2000 5000]

Each database gets N proposals, 30 % of them one form letter with a few words of their
own, the rest random Danish word salads of 60-400 words; times one refresh (wall clock:
reading the texts, grouping, writing the groups), then the median of 5 placings of one new
campaign copy each, with the leaders each placing compared it with (at most
rules.duplicates.MAX_COMPARISONS, whatever the size: counted, so a shared machine's load
does not blur it). bench.suite's goal 7 times whole polls of a 3 KB near-twin campaign.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from hoering.analysis import duplicates as analysis
from hoering.rules import duplicates
from hoering.store import models
from hoering.store.db import open_database

WORDS = [
    "borger",
    "data",
    "åbne",
    "offentlig",
    "kommune",
    "forslag",
    "gennemsigtighed",
    "lobby",
    "register",
    "demokrati",
    "whistleblower",
    "indkøb",
    "udbud",
    "kontrakt",
    "minister",
    "kalender",
    "kildekode",
    "deltagelse",
    "inddragelse",
]
LETTER = (
    "Jeg støtter, at handlingsplanen indeholder en lovfæstet whistleblowerordning. "
    "Offentlige kalendere for ministre. Et register over lobbyister. "
    "Åbenhed er forudsætningen for tillid."
)


def fill(sessions, count: int, rng: random.Random, start: int = 0) -> None:
    with sessions.begin() as session:
        for i in range(start, start + count):
            if i % 10 < 3:
                text = f"{LETTER} {' '.join(rng.choices(WORDS, k=8))}."
            else:
                text = " ".join(rng.choices(WORDS, k=rng.randint(60, 400))) + "."
            raw = models.RawMessage(dedup_key=f"k{i}", sha256="0" * 64, size=1, data=b"x")
            session.add(raw)
            session.add(
                models.Proposal(
                    raw_message=raw,
                    reply_text=text,
                    body_text=text,
                    combined_text=text,
                    source_account="bench",
                    source_folder="bench",
                )
            )


class ComparisonCounter:
    """Counts the calls of analysis.is_near (what placing makes per candidate leader) while
    installed: `per_placing` holds one count per `placed()`."""

    def __init__(self) -> None:
        self.real, self.calls, self.per_placing = analysis.is_near, 0, []
        analysis.is_near = self._counted

    def _counted(self, a: frozenset[str], b: frozenset[str]) -> bool:
        self.calls += 1
        return self.real(a, b)

    def placed(self) -> None:
        self.per_placing.append(self.calls)
        self.calls = 0

    def remove(self) -> None:
        analysis.is_near = self.real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, nargs="+", default=[1000, 2000, 5000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.proposals:
            sessions = open_database(f"sqlite:///{Path(folder) / f'bench{count}.db'}")
            fill(sessions, count, random.Random(1))
            start = time.perf_counter()
            with sessions.begin() as session:
                counts = duplicates.refresh(session)
            seconds = time.perf_counter() - start
            placings = []
            compared = ComparisonCounter()
            for extra in range(5):
                fill(sessions, 1, random.Random(extra), start=count + extra)
                begun = time.perf_counter()
                with sessions.begin() as session:
                    duplicates.place_new(session)
                placings.append(time.perf_counter() - begun)
                compared.placed()
            one = statistics.median(placings) * 1000
            print(
                f"{count} proposals: refresh {seconds:.2f} s, {counts.groups} group(s); "
                f"placing one new reply {one:.1f} ms, "
                f"{max(compared.per_placing)} comparison(s) at most"
            )
            compared.remove()


if __name__ == "__main__":
    main()
