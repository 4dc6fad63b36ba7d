"""How well hoering understands replies it was not written from: the independent sets in
bench/sets/ (README there), imported end to end and scored against their frozen labels.

    .venv/bin/python -m bench.bench_sets                 # replies set: tune and sealed figures
    .venv/bin/python -m bench.bench_sets --verbose       # ... and each wrong tune case
                                                         #     (initiatives, general remarks)
    .venv/bin/python -m bench.bench_sets --set grouping  # the grouping set's replies, same scores
    .venv/bin/python -m bench.bench_sets --mails DIR     # build the .eml files once, reuse them
    .venv/bin/python -m bench.bench_sets --tune-only     # no sealed figures: for tuning rules

Each split is reported per writer part (replies set: a+b wrote r001-r064, c r065-r104,
d r105-r144, e r145-r184, f r185-r224, g r225-r264, h r265-r304) and pooled, so a new
writer's structures are not hidden in the older parts' figures.

Every case is rendered to a real .eml by the set's build.py (DOCX by python-docx, PDF by
LibreOffice), imported with `hoering import` into a fresh SQLite database and read back with
`hoering export --format jsonl`: what a user would get. Details are printed for tune cases
only: the sealed split is for reporting, never for reading while rules are tuned. With
`--mails DIR` the folder holds every case's mail, the sealed ones too (`--tune-only` builds
and imports them all and scores the tune cases only): do not open it while tuning.

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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.remarks_score import RemarkTally, remark_details, score_remarks

SETS = Path(__file__).resolve().parent / "sets"
BUILD = SETS / "replies" / "build.py"
MOST = 0.6  # share of a label's words a found initiative must hold
CARRIERS = ("plain", "html", "pdf", "docx")
# Writer parts of a set: (name, first case number, last case number), by the cases' ids.
PARTS = {
    "replies": (
        ("a+b", 1, 64),
        ("c", 65, 104),
        ("d", 105, 144),
        ("e", 145, 184),
        ("f", 185, 224),
        ("g", 225, 264),
        ("h", 265, 304),
        ("i", 305, 344),
    )
}
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
        leak = bool(row.get("respondent_type")) and not (type_right and organisation_right)
        people.citizens_as_organisation += int(leak)
    else:
        organisation_right = any(same_name(organisation, name) for name in names if name)
    people.type_right += type_right
    people.organisation_right += organisation_right
    if not (type_right and organisation_right):
        people.wrong.append(
            f"{case_id}: got {kind!r} {organisation!r}, "
            f"labelled {label['type']!r} {label['organisation']!r}"
        )


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


def imported(folder: Path, workdir: Path, mails: Path | None = None) -> dict[str, dict]:
    """Each case's exported reply (JSONL row), keyed by case id. `mails`: a folder the built
    messages are kept in and reused from (the cases are frozen, so a build stays right)."""
    if mails is None or not any(mails.glob("*.eml")):
        mails = mails or workdir / "mails"
        subprocess.run(
            [sys.executable, str(BUILD), str(mails), "--cases", str(folder / "cases")],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    (workdir / "hoering.toml").write_text(CONFIG, encoding="utf-8")
    hoering(workdir, "import", str(mails))
    hoering(workdir, "export", "--output", str(workdir / "replies.jsonl"))
    rows = (json.loads(line) for line in (workdir / "replies.jsonl").open(encoding="utf-8"))
    return {row["message_id"].split("@")[0]: row for row in rows}


@dataclass
class Scores:
    """One group of cases (a split, or a writer part of it): initiatives per carrier,
    respondents and general remarks."""

    carriers: dict[str, Tally] = field(default_factory=dict)
    people: People = field(default_factory=People)
    remarks: RemarkTally = field(default_factory=RemarkTally)

    def print(self, indent: str, verbose: bool) -> None:
        total = Tally()
        for kind in CARRIERS:
            if kind in self.carriers:
                print(f"{indent}initiatives {kind:<5} {self.carriers[kind].line()}")
                total.add(self.carriers[kind])
        print(f"{indent}initiatives all   {total.line()}")
        print(f"{indent}respondents       {self.people.line()}")
        print(f"{indent}general remarks   {self.remarks.line()}")
        if verbose:
            for wrong in self.people.wrong:
                print(f"{indent}  {wrong}")


def part_of(case_id: str, parts: Sequence[tuple[str, int, int]]) -> str:
    """The writer part a case belongs to ("a+b", "c", "d", "e", "f"), by the number in its id."""
    number = int(re.sub(r"\D", "", case_id) or 0)
    return next((name for name, first, last in parts if first <= number <= last), "")


def score_case(case: dict, row: dict, groups: Sequence[Scores]) -> Tally:
    """Score one case into every group it belongs to; its initiative tally."""
    found = [item["text"] for item in row.get("initiatives", [])]
    labels = case["label"].get("initiatives", [])
    tally = score_initiatives(found, labels)
    said = score_remarks(row, case["label"].get("remarks", []))
    for group in groups:
        group.carriers.setdefault(carrier(case), Tally()).add(tally)
        group.remarks.add(said)
        score_respondent(row, case["label"]["respondent"], group.people, case["id"])
    return tally


def print_case(case: dict, row: dict, tally: Tally) -> None:
    """A wrong tune case: what was found beside what was labelled (titles only)."""
    print(f"  {case['id']} ({carrier(case)}): found {tally.found}, labelled "
          f"{tally.labelled}, matched {tally.matched}")  # fmt: skip
    for item in row.get("initiatives", []):
        print(f"      found: {item['title'][:90]!r}")
    for label in case["label"].get("initiatives", []):
        print(f"    labelled: {label['title'][:90]!r}")


def report(
    cases: Sequence[dict],
    rows: dict[str, dict],
    verbose: bool,
    parts: Sequence[tuple[str, int, int]] = (),
) -> None:
    """Per split: each writer part, then all parts pooled. Case details for tune only."""
    pooled: dict[str, Scores] = {}
    by_part: dict[str, dict[str, Scores]] = {}
    for case in cases:
        split = case["split"]
        row = rows.get(case["id"], {"initiatives": []})
        groups = [pooled.setdefault(split, Scores())]
        if parts:
            part = part_of(case["id"], parts)
            groups.append(by_part.setdefault(split, {}).setdefault(part, Scores()))
        tally = score_case(case, row, groups)
        if verbose and split == "tune" and tally.matched < max(tally.found, tally.labelled):
            print_case(case, row, tally)
        if verbose and split == "tune":  # remarks too: tune cases only, as above
            details = remark_details(row, case["label"].get("remarks", []))
            if details:
                print(f"  {case['id']} ({carrier(case)}): general remarks", *details, sep="\n")
    for split in ("tune", "sealed"):
        if split not in pooled:
            continue
        print(f"{split}:")
        for name, _, _ in parts:
            if name in by_part.get(split, {}):
                print(f"  part {name}:")
                by_part[split][name].print("    ", verbose and split == "tune")
        if parts:
            print("  pooled:")
        # Wrong respondents are listed once: under their part, or here when there are none.
        pooled[split].print("    " if parts else "  ", verbose and split == "tune" and not parts)
    missing = [case["id"] for case in cases if case["id"] not in rows]
    if missing:
        print(f"not stored: {', '.join(missing)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["replies", "grouping"], default="replies")
    parser.add_argument("--verbose", action="store_true", help="each wrong tune case")
    parser.add_argument(
        "--mails", type=Path, help="build the .eml files here once and reuse them (no LibreOffice)"
    )
    parser.add_argument(
        "--tune-only", action="store_true", help="score the tune split only, while rules change"
    )
    args = parser.parse_args(argv)
    folder = SETS / args.set
    cases = [c for c in load_cases(folder) if c["split"] == "tune" or not args.tune_only]
    with tempfile.TemporaryDirectory(prefix="hoering-sets-") as work:
        rows = imported(folder, Path(work), args.mails)
    print(f"set {args.set}: {len(cases)} cases, rule: key words and {MOST:.0%} of the words")
    report(cases, rows, args.verbose, PARTS.get(args.set, ()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
