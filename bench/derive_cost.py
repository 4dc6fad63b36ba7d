"""CPU of the sandbox workers' main task, a new reply's derived fields, in one process.

    .venv/bin/python -m bench.derive_cost [--replies 1000] [--text] [--profile FILE]

Builds goal 7's backlog replies (bench.mailboxes.backlog_mails; `--text`: the suite's text
replies), parses them, then times `derive_task` on each as a worker runs it during an
import (respondent, cleaning, themes, initiatives), in CPU ms per reply: the part of the
workers' CPU that `bench.ingest_phases` prints as one figure. `--profile` writes cProfile
statistics of the timed part. Compare two checkouts by running each in turn, interleaved.
"""

from __future__ import annotations

import argparse
import cProfile
import time
from pathlib import Path

from bench.mailboxes import backlog_mails, text_mails
from hoering.parse.message import parse_message
from hoering.rules.reply_task import DeriveContext, derive_task, parsed_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=1000)
    parser.add_argument("--text", action="store_true", help="the suite's text replies")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    args = parser.parse_args()
    mails = (text_mails if args.text else backlog_mails)(args.replies, "derive")
    inputs = [parsed_inputs(parse_message(data)) for data in mails]
    context = DeriveContext.of(None, None)
    derive_task(inputs[0], context)  # the context unpickled, the regexes compiled
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    start = time.process_time()
    for item in inputs:
        derive_task(item, context)
    spent = time.process_time() - start
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    kind = "text replies" if args.text else "backlog replies"
    print(f"{args.replies} {kind}: {1000 * spent / args.replies:.2f} ms CPU per reply")


if __name__ == "__main__":
    main()
