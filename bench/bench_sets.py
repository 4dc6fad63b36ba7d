"""How well hoering understands replies it was not written from: the independent sets in
bench/sets/ (README there), imported end to end and scored against their frozen labels.

    .venv/bin/python -m bench.bench_sets                 # replies set: tune and sealed figures
    .venv/bin/python -m bench.bench_sets --verbose       # ... and each wrong tune case
    .venv/bin/python -m bench.bench_sets --set grouping  # the grouping set's replies, same scores

Every case is rendered to a real .eml by the set's build.py (DOCX by python-docx, PDF by
LibreOffice), imported with `hoering import` into a fresh SQLite database and read back with
`hoering export --format jsonl`: what a user would get. Details are printed for tune cases
only: the sealed split is for reporting, never for reading while rules are tuned.

The matching rule (issue 18): a found initiative matches a labelled one when it holds every
key word of the label (case-folded, whitespace collapsed) and at least MOST of the label's
words (as a multiset). Matching is one-to-one, best coverage first. Then per group of cases:
precision = matched found / all found; recall = matched labelled / all labelled; exact =
share of replies with exactly the labelled number of initiatives (0 for no proposal).

Respondents: the type is right when it equals the label's; the organisation is right when
the export's organisation (or, for a non-citizen without one, its respondent name) equals
the labelled name or one of its short forms, case-folded; for a citizen, when no
organisation is given. "Citizens read as organisations" counts labelled citizens exported
with another type or with an organisation: that error publishes a citizen's identity.

General remarks (the notat's section 2): bench/remarks_score.py.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.remarks_score import RemarkTally, score_remarks

SETS = Path(__file__).resolve().parent / "sets"
BUILD = SETS / "replies" / "build.py"
MOST = 0.6  # share of a label's words a found initiative must hold
CARRIERS = ("plain", "html", "pdf", "docx")
# Wide enough to take every case in: three replies in the set say only "Høringssvar OGP" or
# "Forslag til OGP-handlingsplan", which the default marker ("OGP-høring") does not fetch.
CONFIG = """[match]
subject_markers = ["OGP"]
[store]
url = "sqlite:///hoering.db"
[consultation]
start = 2017-07-03
deadline = 2017-08-20
timezone = "Europe/Copenhagen"
"""


@dataclass
class Tally:
    replies: int = 0
    labelled: int = 0
    found: int = 0
    matched: int = 0
    exact: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        precision = self.matched / self.found if self.found else 1.0
        recall = self.matched / self.labelled if self.labelled else 1.0
        exact = self.exact / self.replies if self.replies else 0.0
        return (
            f"{self.replies:>3} replies {self.labelled:>3} labelled {self.found:>3} found "
            f"precision {precision:.2f} recall {recall:.2f} exact {exact:.2f}"
        )


@dataclass
class People:
    replies: int = 0
    type_right: int = 0
    organisation_right: int = 0
    citizens: int = 0
    citizens_as_organisation: int = 0
    wrong: list[str] = field(default_factory=list)

    def line(self) -> str:
        share = (lambda n: n / self.replies) if self.replies else (lambda n: 0.0)
        return (
            f"{self.replies:>3} replies: type {share(self.type_right):.2f}, organisation "
            f"{share(self.organisation_right):.2f}, citizens read as organisations "
            f"{self.citizens_as_organisation} of {self.citizens}"
        )


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def flat(text: str) -> str:
    return " ".join(words(text))


def coverage(found: str, label: dict) -> float:
    """Share of the label's words that the found text holds; 0 without every key word."""
    text = flat(found)
    if not all(flat(key) in text for key in label.get("key_words", [])):
        return 0.0
    wanted = Counter(words(label["text"]))
    held = Counter(words(found))
    return sum(min(count, held[word]) for word, count in wanted.items()) / sum(wanted.values())


def score_initiatives(found: Sequence[str], labels: Sequence[dict]) -> Tally:
    pairs = sorted(
        (
            (coverage(text, label), f, j)
            for f, text in enumerate(found)
            for j, label in enumerate(labels)
        ),
        reverse=True,
    )
    used_found: set[int] = set()
    used_labels: set[int] = set()
    for share, f, j in pairs:
        if share >= MOST and f not in used_found and j not in used_labels:
            used_found.add(f)
            used_labels.add(j)
    return Tally(1, len(labels), len(found), len(used_found), int(len(found) == len(labels)))


def same_name(a: str, b: str) -> bool:
    return flat(a) == flat(b) and bool(flat(a))


def score_respondent(row: dict, label: dict, people: People, case_id: str) -> None:
    people.replies += 1
    kind = row.get("respondent_type", "")
    organisation = row.get("organisation", "") or (
        row.get("respondent_name", "") if kind != "borger" else ""
    )
    names = [label["organisation"], *label.get("short_forms", [])]
    type_right = kind == label["type"]
    if label["type"] == "borger":
        people.citizens += 1
        organisation_right = not row.get("organisation")
        # A reply the import did not store is wrong, but publishes no one: not counted here.
        people.citizens_as_organisation += int(
            bool(row) and not (type_right and organisation_right)
        )
    else:
        organisation_right = any(same_name(organisation, name) for name in names if name)
    people.type_right += type_right
    people.organisation_right += organisation_right
    if not (type_right and organisation_right):
        people.wrong.append(
            f"{case_id}: got {kind!r} {organisation!r}, "
            f"labelled {label['type']!r} {label['organisation']!r}"
        )


def part(case_id: str) -> str:
    """The set's writers: a/b wrote r001-r064, c wrote r065-r104 (bench/sets/replies/README)."""
    return "a/b" if case_id[0] != "r" or int(case_id[1:]) <= 64 else "c"


def carrier(case: dict) -> str:
    replies = [a for a in case["mail"].get("attachments", []) if a.get("role") == "reply"]
    return replies[0]["kind"] if replies else case["mail"]["body_format"]


def load_cases(folder: Path) -> list[dict]:
    return [tomllib.loads(p.read_text("utf-8")) for p in sorted((folder / "cases").glob("*.toml"))]


def hoering(workdir: Path, *args: str) -> None:
    env = os.environ | {"HOERING_CONFIG": str(workdir / "hoering.toml")}
    subprocess.run(
        [sys.executable, "-m", "hoering", *args], cwd=workdir, env=env, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def imported(folder: Path, workdir: Path) -> dict[str, dict]:
    """Each case's exported reply (JSONL row), keyed by case id."""
    mails = workdir / "mails"
    subprocess.run(
        [sys.executable, str(BUILD), str(mails), "--cases", str(folder / "cases")],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (workdir / "hoering.toml").write_text(CONFIG, encoding="utf-8")
    hoering(workdir, "import", str(mails))
    hoering(workdir, "export", "--output", str(workdir / "replies.jsonl"))
    rows = (json.loads(line) for line in (workdir / "replies.jsonl").open(encoding="utf-8"))
    return {row["message_id"].split("@")[0]: row for row in rows}


def report(cases: Iterable[dict], rows: dict[str, dict], verbose: bool) -> None:
    by_split: dict[str, dict[str, Tally]] = {}
    people: dict[str, People] = {}
    parts: dict[tuple[str, str], People] = {}
    remarks: dict[str, RemarkTally] = {}
    for case in cases:
        split = case["split"]
        row = rows.get(case["id"], {"initiatives": []})
        found = [item["text"] for item in row.get("initiatives", [])]
        labels = case["label"].get("initiatives", [])
        tally = score_initiatives(found, labels)
        by_split.setdefault(split, {}).setdefault(carrier(case), Tally()).add(tally)
        said = score_remarks(row, case["label"].get("remarks", []))
        remarks.setdefault(split, RemarkTally()).add(said)
        score_respondent(row, case["label"]["respondent"], people.setdefault(split, People()),
                         case["id"])  # fmt: skip
        by_part = parts.setdefault((split, part(case["id"])), People())
        score_respondent(row, case["label"]["respondent"], by_part, case["id"])
        if verbose and split == "tune" and tally.matched < max(tally.found, tally.labelled):
            print(f"  {case['id']} ({carrier(case)}): found {tally.found}, labelled "
                  f"{tally.labelled}, matched {tally.matched}")  # fmt: skip
            for item in row.get("initiatives", []):
                print(f"      found: {item['title'][:90]!r}")
            for label in labels:
                print(f"    labelled: {label['title'][:90]!r}")
    for split in ("tune", "sealed"):
        if split not in by_split:
            continue
        print(f"{split}:")
        total = Tally()
        for kind in CARRIERS:
            if kind in by_split[split]:
                print(f"  initiatives {kind:<5} {by_split[split][kind].line()}")
                total.add(by_split[split][kind])
        print(f"  initiatives all   {total.line()}")
        print(f"  respondents       {people[split].line()}")
        for (where, writers), who in sorted(parts.items()):
            if where == split and len({w for s, w in parts if s == split}) > 1:
                print(f"    writers {writers:<9} {who.line()}")
        print(f"  general remarks   {remarks[split].line()}")
        if verbose and split == "tune":
            for wrong in people[split].wrong:
                print(f"    {wrong}")
    missing = [case["id"] for case in cases if case["id"] not in rows]
    if missing:
        print(f"not stored: {', '.join(missing)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["replies", "grouping"], default="replies")
    parser.add_argument("--verbose", action="store_true", help="each wrong tune case")
    args = parser.parse_args(argv)
    folder = SETS / args.set
    cases = load_cases(folder)
    with tempfile.TemporaryDirectory(prefix="hoering-sets-") as work:
        rows = imported(folder, Path(work))
    print(f"set {args.set}: {len(cases)} cases, rule: key words and {MOST:.0%} of the words")
    report(cases, rows, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
