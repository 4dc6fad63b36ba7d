"""Fault trials on demand, more than the test suite runs; prints lost/doubled figures.

    .venv/bin/python -m bench.faults [--messages 300] [--marked-every 4] [--cuts 40]
                                     [--kill-groups 5] [--kills 5] [--window 0.5] [--seed N]

Starts a Dovecot of its own (as the tests do), delivers the mail once into a Maildir, then
runs the trials of tests/pipeline/test_faults.py with these counts: polls cut by a TCP proxy after N
bytes (N spread over the whole poll's byte stream), and `hoering poll` processes killed with
SIGKILL at random moments after fetching began. Exit status 1 if any message was lost,
doubled or half-written.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from tests.kit import faults as faultkit
from tests.kit.dovecot import Mailbox, find_dovecot, start_dovecot


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--marked-every", type=int, default=4, help="every Nth mail is a reply")
    parser.add_argument("--cuts", type=int, default=40, help="connection-cut trials")
    parser.add_argument("--kill-groups", type=int, default=5, help="fresh databases to kill on")
    parser.add_argument("--kills", type=int, default=5, help="kills per database")
    parser.add_argument("--window", type=float, default=0.5, help="seconds after fetch starts")
    parser.add_argument("--seed", type=int, default=20170820)
    args = parser.parse_args()

    binary = find_dovecot()
    if binary is None:
        print("dovecot is not installed (Debian: apt-get install dovecot-imapd)")
        return 2
    server = start_dovecot(binary)
    try:
        server.add_user("bench")
        box = Mailbox(server, "bench")
        mails, expected = faultkit.corpus(args.messages, args.marked_every)
        faultkit.fill_maildir(box, mails)
        work = Path(tempfile.mkdtemp(prefix="hoering-faults-"))
        total = faultkit.measure_poll_bytes(box, work / "measure")
        print(f"{args.messages} messages, {len(expected)} replies; a full poll carries {total} B")
        rng = random.Random(args.seed)
        limits = [int(total * (k + rng.random()) / args.cuts) for k in range(args.cuts)]
        results = [
            faultkit.cut_trials(box, work, limits, expected),
            faultkit.kill_trials(
                box, work, expected, args.kill_groups, args.kills, args.window, args.seed
            ),
        ]
        box.close()
    finally:
        server.stop()
    for figures in results:
        print(figures.line())
    return 0 if all(figures.ok for figures in results) else 1


if __name__ == "__main__":
    sys.exit(main())
