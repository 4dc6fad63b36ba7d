"""Page load times of the review desk (`hoering serve`) over a filled database. Run on demand.

    .venv/bin/python -m bench.bench_web [--proposals 5000] [--repeat 7]

Fills a SQLite database with N proposals (themes, statuses, assignees, a few audit events,
received over six weeks, 5 % late), then times GET requests in-process through Starlette's
TestClient (server time: routing, queries, templates; no network), median of --repeat after
one warm-up, as wall-clock and as CPU time of the process (the fairer figure on a busy
machine): the list as first opened, a search, two facets, a later page, a reply, the
dashboard.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from starlette.testclient import TestClient

from bench.bench_duplicates import WORDS  # the same Danish vocabulary for made-up replies
from hoering.config import Config
from hoering.store import models
from hoering.store.db import open_database
from hoering.web.app import create_app

THEMES = ("aabne-data", "antikorruption", "transparens", "demokrati", "teknologi")
STATUSES = ("ny", "ny", "under behandling", "behandlet")
START = datetime(2017, 7, 3, 8, tzinfo=UTC)
PAGES = {
    "list": "/",
    "search": "/?q=lobby+register",
    "facets": "/?status=ny&type=borger",
    "page 40": "/?page=40&sort=afsender",
    "reply": "/proposals/2500",
    "dashboard": "/dashboard",
}


def fill(sessions, count: int, rng: random.Random) -> None:
    with sessions.begin() as session:
        for i in range(count):
            text = " ".join(rng.choices(WORDS, k=rng.randint(60, 400))) + "."
            raw = models.RawMessage(dedup_key=f"k{i}", sha256="0" * 64, size=1, data=b"x")
            proposal = models.Proposal(
                raw_message=raw,
                subject=f"OGP-høring: {' '.join(rng.choices(WORDS, k=4))}",
                sender_name=f"Afsender {i}",
                sender_email=f"a{i}@example.dk",
                received_at=START + timedelta(minutes=rng.randint(0, 6 * 7 * 24 * 60)),
                late=rng.random() < 0.05,
                reply_text=text,
                body_text=text,
                combined_text=text,
                search_text=text,
                status=rng.choice(STATUSES),
                assignee=rng.choice(("", "karen", "mette", "lise")),
                respondent_type=rng.choice(("borger", "borger", "virksomhed", "organisation")),
                source_account="bench",
                source_folder="bench",
            )
            for theme in rng.sample(THEMES, rng.randint(0, 3)):
                proposal.themes.append(models.ProposalTheme(theme=theme, label=theme))
            session.add(proposal)
        session.flush()
        for proposal_id in rng.sample(range(1, count + 1), count // 10):
            session.add(
                models.AuditEvent(
                    proposal_id=proposal_id, by="karen", field="status", new_value="behandlet"
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        sessions = open_database(url)
        start = time.perf_counter()
        fill(sessions, args.proposals, random.Random(1))
        print(f"filled {args.proposals} proposals in {time.perf_counter() - start:.1f} s")
        cfg = Config(path=Path(folder) / "hoering.toml", store_url=url)
        app = create_app(
            cfg, sessions, require_login=False, default_reviewer="bench",
            allowed_hosts=["testserver"],
        )  # fmt: skip
        with TestClient(app) as client:
            for name, path in PAGES.items():
                wall, cpu = [], []
                for _ in range(args.repeat + 1):
                    begin, begin_cpu = time.perf_counter(), time.process_time()
                    answer = client.get(path)
                    wall.append(time.perf_counter() - begin)
                    cpu.append(time.process_time() - begin_cpu)
                    assert answer.status_code == 200, (path, answer.status_code)
                print(
                    f"{name:10} GET {path:32} {statistics.median(wall[1:]) * 1000:5.0f} ms wall "
                    f"{statistics.median(cpu[1:]) * 1000:5.0f} ms CPU ({len(answer.content)} bytes)"
                )


if __name__ == "__main__":
    main()
