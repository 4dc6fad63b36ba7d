"""Search at scale (issue 18 item 5): top-20 searches and the desk's list with facets over a
database of made-up replies. Run on demand.

    .venv/bin/python -m bench.bench_search [--replies 50000] [--backend postgresql|sqlite]

Fills a fresh database (PostgreSQL: a throwaway server from tests/kit, with the pg_trgm index
of migration 0014; SQLite: the trigram FTS5 table) with N replies of 60-400 words drawn from
a Zipf-weighted vocabulary of 5,000 made-up words, into which Danish words are planted at
known rates: "lobbyregistret" in 0.2 % of the replies (the selective query), "sygehusene" in
5 % and "data" in 60 %. Then times, median of --repeat after one warm-up, wall clock:
`search` top 20 (store.search.search, with snippets) and the desk's list page with facets
(GET / through Starlette's TestClient, in-process: routing, queries, template).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from starlette.testclient import TestClient

from hoering.config import Config
from hoering.store import models
from hoering.store.db import open_database
from hoering.store.search import TRIGRAM_INDEX, search
from hoering.web.app import create_app

START = datetime(2017, 7, 3, 8, tzinfo=UTC)
PLANTED = {"lobbyregistret": 0.002, "sygehusene": 0.05, "data": 0.6}
SEARCHES = ("lobbyregister", "lobby register", "sygehus", "data")
PAGES = ("/?q=lobbyregister", "/?q=sygehus", "/?q=data", "/?q=sygehus&status=ny&type=borger")
BATCH = 2000
MAKE_INDEX = f"CREATE INDEX {TRIGRAM_INDEX} ON proposals USING gin (search_text gin_trgm_ops)"


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    syllables = ["for", "slag", "ning", "hed", "be", "stem", "mel", "sé", "kom", "rå", "dø"]
    syllables += ["und", "er", "vis", "tal", "pla", "lov", "ret", "bo", "ka", "ti", "gen"]
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size)]


def reply_text(rng: random.Random, words: list[str], weights: list[float]) -> str:
    chosen = rng.choices(words, weights=weights, k=rng.randint(60, 400))
    for word, rate in PLANTED.items():
        if rng.random() < rate:
            chosen.insert(rng.randrange(len(chosen)), word)
    return " ".join(chosen) + "."


def fill(sessions, count: int, rng: random.Random) -> None:
    words = vocabulary(rng)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    statuses = ("ny", "ny", "under behandling", "behandlet")
    for first in range(0, count, BATCH):
        raws, replies = [], []
        for i in range(first, min(first + BATCH, count)):
            text = reply_text(rng, words, weights)
            raws.append({"id": i + 1, "dedup_key": f"k{i}", "sha256": "0" * 64, "size": 1})
            replies.append(
                {
                    "raw_message_id": i + 1,
                    "subject": "OGP-høring",
                    "sender_name": f"Afsender {i}",
                    "sender_email": f"a{i}@example.dk",
                    "received_at": START + timedelta(minutes=rng.randint(0, 60_000)),
                    **dict.fromkeys(("body_text", "combined_text", "reply_text"), text),
                    "search_text": f"ogp-høring afsender {i} a{i}@example.dk {text}",
                    "status": rng.choice(statuses),
                    "respondent_type": rng.choice(("borger", "borger", "virksomhed")),
                    "source_account": "bench",
                    "source_folder": "bench",
                }
            )
        with sessions.begin() as session:
            session.execute(insert(models.RawMessage), [{**r, "data": b"x"} for r in raws])
            session.execute(insert(models.Proposal), replies)


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    from tests.kit.postgres import find_postgres, start_postgres

    bindir = find_postgres()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed")
    server = start_postgres(bindir)
    try:
        yield server.create_database("bench_search")
    finally:
        server.stop()


def run(sessions, statement: str) -> None:
    with sessions.begin() as session:
        session.connection().exec_driver_sql(statement)


def timed(action: Callable[[], object], repeat: int) -> tuple[str, object]:
    """Median wall-clock ms after one warm-up, and this process's CPU ms (the database
    server's CPU is not in it), as text; and the last result."""
    wall, cpu, result = [], [], None
    for _ in range(repeat + 1):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        result = action()
        wall.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    ms = statistics.median(wall[1:]) * 1000
    return f"{ms:6.0f} ms wall {statistics.median(cpu[1:]) * 1000:5.0f} ms CPU", result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, database(args.backend, Path(folder)) as url:
        sessions = open_database(url)
        begin = time.perf_counter()
        postgres = args.backend == "postgresql"
        if postgres:  # a GIN index is built far faster at once than row by row
            run(sessions, f"DROP INDEX {TRIGRAM_INDEX}")
        fill(sessions, args.replies, random.Random(1))
        print(
            f"{args.backend}: filled {args.replies} replies in {time.perf_counter() - begin:.0f} s"
        )
        if postgres:
            begin = time.perf_counter()
            run(sessions, MAKE_INDEX)
            run(sessions, "ANALYZE proposals")
            print(f"built {TRIGRAM_INDEX} in {time.perf_counter() - begin:.0f} s", flush=True)
        for query in SEARCHES:
            with sessions() as session:
                ms, hits = timed(lambda q=query: search(session, q, limit=20), args.repeat)
            print(f"search top 20  {query!r:40} {ms}  ({len(hits)} shown)", flush=True)
        cfg = Config(path=Path(folder) / "hoering.toml", store_url=url)
        app = create_app(
            cfg, sessions, require_login=False, default_reviewer="bench",
            allowed_hosts=["testserver"],
        )  # fmt: skip
        with TestClient(app) as client:
            for path in PAGES:
                ms, answer = timed(lambda p=path: client.get(p), args.repeat)
                if answer.status_code != 200:  # the desk's 5 s limit: 503
                    print(f"list + facets  {path:40} {ms}  (status {answer.status_code})")
                    continue
                total = answer.text.split('class="total" role="status">')[1].split("<")[0]
                print(f"list + facets  {path:40} {ms}  ({' '.join(total.split())})", flush=True)


if __name__ == "__main__":
    main()
