"""Speed of the analysis functions over generated replies. Run on demand, prints figures.

    .venv/bin/python -m bench.bench_analysis [--replies 5000] [--campaign 3000]

Builds replies from the sample inbox's texts with a personal sentence each (a campaign of
`--campaign` form letters among them), then times per-reply analysis (clean_reply,
identify_respondent, redact, tag_themes) and find_duplicates over all of them, in CPU
seconds (so a busy machine does not skew them).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.duplicates import find_duplicates
from hoering.analysis.personal_data import redact
from hoering.analysis.respondent import identify_respondent
from hoering.analysis.themes import tag_themes
from hoering.parse.message import parse_message

INBOX = Path(__file__).resolve().parents[1] / "examples" / "inbox"
# fmt: off
WORDS = (
    "åbne", "data", "borgere", "kommune", "gennemsigtighed", "lobbyregister", "demokrati",
    "whistleblowerordning", "selvbetjening", "offentlig", "sektor", "handlingsplan",
    "aktindsigt", "budget", "kildekode", "borgerpanel",
)
# fmt: on


def sample_bodies() -> list[tuple[str, str, str]]:
    """(display name, address, body) of the sample inbox's replies (files 01-11)."""
    messages = [parse_message(path.read_bytes()) for path in sorted(INBOX.glob("*.eml"))[:11]]
    return [(m.sender_name, m.sender_email, m.body_text) for m in messages]


def build(replies: int, campaign: int, rng: random.Random) -> list[tuple[str, str, str]]:
    bodies = sample_bodies()
    letter = bodies[9][2]  # 10-borger-kampagne-a
    built = []
    for n in range(replies):
        personal = " ".join(rng.choices(WORDS, k=rng.randint(5, 25))).capitalize() + "."
        name, address, body = bodies[n % len(bodies)]
        text = letter if n < campaign else body
        built.append((name, address, f"{personal}\n\n{text}"))
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=5000)
    parser.add_argument("--campaign", type=int, default=3000)
    args = parser.parse_args()
    replies = build(args.replies, args.campaign, random.Random(7))

    started = time.process_time()
    contents = []
    for n, (name, address, body) in enumerate(replies):
        cleaned = clean_reply(body)
        identify_respondent(name, address, cleaned.signature)
        redact(cleaned.content)
        tag_themes(cleaned.content)
        contents.append((str(n), cleaned.content))
    per_reply = time.process_time() - started

    started = time.process_time()
    report = find_duplicates(contents)
    grouping = time.process_time() - started
    print(
        f"{len(replies)} replies: clean+respondent+redact+themes {per_reply:.1f} CPU s "
        f"({len(replies) / per_reply:.0f}/s); find_duplicates {grouping:.1f} CPU s; "
        f"raw {report.raw}, distinct {report.distinct}, independent {report.independent}, "
        f"largest group {report.groups[0].size if report.groups else 0}"
    )


if __name__ == "__main__":
    main()
