"""One measured operation in a process of its own, for bench.suite: prints one JSON line
with its wall seconds (start-up excluded) and the process's peak RSS.

    python -m bench.measure poll|reparse|analyse CONFIG
    python -m bench.measure import CONFIG PATH...   (`hoering import` of mbox/Maildir/.eml)
    python -m bench.measure fetch CONFIG            (raw imapclient fetch of every message)
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from imapclient import IMAPClient

from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline import reparse as reparse_module
from hoering.pipeline.rederive import rederive
from hoering.store.db import open_database


def raw_fetch(config: Path) -> dict:
    """What the server delivers: SEARCH, then BODY.PEEK[] in batches of hoering's size
    (hoering also fetches the subject headers first: the ratio is the stricter for it)."""
    account = load_config(config).accounts[0]
    password = Path(account.password_file).read_text().strip()
    started = time.perf_counter()
    client = IMAPClient(account.host, account.port, ssl=False)
    client.login(account.username, password)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    count = 0
    for start in range(0, len(uids), account.batch_size):
        batch = uids[start : start + account.batch_size]
        count += len(client.fetch(batch, ["BODY.PEEK[]"]))
    client.logout()
    return {"seconds": time.perf_counter() - started, "messages": count}


def run(operation: str, config: Path, paths: list[Path]) -> dict:
    if operation == "fetch":
        return raw_fetch(config)
    cfg = load_config(config)
    sessions = open_database(cfg.store_url)
    started, cpu_started = time.perf_counter(), time.process_time()
    if operation == "poll":
        report = pipeline.poll(cfg, sessions)
        result = {"stored": report.stored, "seen": report.seen}
    elif operation == "import":
        report = pipeline.import_paths(cfg, sessions, paths)
        result = {"stored": report.stored, "seen": report.seen}
    elif operation == "reparse":
        done = reparse_module.reparse(cfg, sessions, reparse_module.Selection(all=True))
        result = {"checked": done.checked}
    elif operation == "analyse":
        result = {"analysed": rederive(cfg, sessions).analysed}
    else:
        raise SystemExit(f"unknown operation {operation}")
    result["seconds"] = time.perf_counter() - started
    # This process's CPU seconds for the operation alone: what it cost, whatever the load.
    result["cpu_op_seconds"] = time.process_time() - cpu_started
    return result


def main() -> None:
    result = run(sys.argv[1], Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # extraction workers, OCR
    result["rss_mb"] = own.ru_maxrss / 1024
    # CPU seconds over wall seconds: the cores the run got, on a shared machine.
    result["cpu_seconds"] = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    print(json.dumps(result))


if __name__ == "__main__":
    main()
