"""How well hoering groups initiatives into bruttoliste candidates, end to end, on the
independent grouping sets (bench/sets/grouping, grouping-b, grouping-c, grouping-d and
grouping-e, README in each):

    .venv/bin/python -m bench.bench_candidates                   # all sets, and pooled
    .venv/bin/python -m bench.bench_candidates --set grouping-b  # one set
    .venv/bin/python -m bench.bench_candidates --verbose         # ... and the tune candidates
    .venv/bin/python -m bench.bench_candidates --tune            # tune figures only

--tune is for working on the grouping: the sealed cases are still imported (they are part of
each consultation and may meet tune cases in a candidate) but their figures are not printed,
so that rules are tuned without looking at them.

Each set is imported with `hoering import` into a fresh SQLite database (import -> split ->
group, the incremental path); then `hoering analyse` places everything again and must give
the same grouping. Found initiatives are matched to labelled ones with bench_sets' rule (key
words and MOST of the words, one to one); a found initiative that matches none, and a
labelled one that nothing matches, each count as a singleton. The truth is the labelled
proposal (P01 ..., Q01 ...). Per split, over its initiatives (and pooled over the sets, each
its own consultation): pairwise precision and recall, B-cubed
F1, and the reviewer's work left: moves (an initiative out of a candidate whose majority is
another proposal) plus merges (candidates left of one proposal, beyond the first), per 100
initiatives. Each split is scored over every reply and again over the replies split right
(found initiatives match the labelled ones one to one): issue 19 measures grouping "on
replies whose structure the splitter gets right". Details are printed for tune cases only.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from bench.bench_sets import MOST, SETS, coverage, hoering, imported, load_cases

SET_NAMES = ("grouping", "grouping-b", "grouping-c", "grouping-d", "grouping-e", "grouping-f")


class Item(NamedTuple):
    split: str
    truth: str  # the labelled proposal, or a stand-in of its own for an unmatched one
    found: str  # the candidate, or a stand-in of its own for a label nothing matched
    case: str
    text: str
    split_right: bool  # its reply's found initiatives match the labelled ones one to one


def matches(found: Sequence[str], labels: Sequence[dict]) -> dict[int, int]:
    """Found index -> label index, bench_sets' rule: best coverage first, one to one."""
    pairs = sorted(
        ((coverage(text, label), f, j) for f, text in enumerate(found)
         for j, label in enumerate(labels)),
        reverse=True,
    )  # fmt: skip
    chosen: dict[int, int] = {}
    for share, f, j in pairs:
        if share >= MOST and f not in chosen and j not in chosen.values():
            chosen[f] = j
    return chosen


def grouping(db: Path) -> dict[str, list[tuple[str, int | None]]]:
    """Case id -> its initiatives' (text, candidate id) in order, read from the database."""
    from sqlalchemy import select

    from hoering.store import models
    from hoering.store.db import open_database

    sessions = open_database(f"sqlite:///{db}")
    found: dict[str, list[tuple[str, int | None]]] = {}
    with sessions() as session:
        Ini, P = models.Initiative, models.Proposal
        query = select(P.message_id, Ini.text, Ini.candidate_id).join(P).order_by(P.id, Ini.number)
        for message_id, text, candidate_id in session.execute(query):
            found.setdefault((message_id or "").split("@")[0], []).append((text, candidate_id))
    return found


def items(
    name: str, cases: Sequence[dict], found: dict[str, list[tuple[str, int | None]]]
) -> list[Item]:
    """Every initiative, found or labelled, of set `name`; ids carry the set's name so that
    sets can be pooled."""
    result: list[Item] = []
    for case in cases:
        labels = case["label"].get("initiatives", [])
        mine = found.get(case["id"], [])
        chosen = matches([text for text, _ in mine], labels)
        split, cid = case["split"], case["id"]
        right = len(mine) == len(labels) == len(chosen)
        for f, (text, candidate_id) in enumerate(mine):
            truth = labels[chosen[f]]["proposal"] if f in chosen else f"{cid}-x{f}"
            group = f"{name}:c{candidate_id}"
            result.append(Item(split, f"{name}:{truth}", group, cid, text, right))
        for j, label in enumerate(labels):
            if j not in chosen.values():
                truth, stand_in = f"{name}:{label['proposal']}", f"{name}:{cid}-m{j}"
                result.append(Item(split, truth, stand_in, cid, "(not found)", right))
    return result


def scores(group: Sequence[Item]) -> str:
    same_truth = same_found = both = 0
    for (_, t1, f1, *_), (_, t2, f2, *_) in itertools.combinations(group, 2):
        same_truth += t1 == t2
        same_found += f1 == f2
        both += t1 == t2 and f1 == f2
    precision = both / same_found if same_found else 1.0
    recall = both / same_truth if same_truth else 1.0
    if not group:
        return "  0 initiatives"
    truth_size = Counter(item.truth for item in group)
    found_size = Counter(item.found for item in group)
    overlap = Counter((item.truth, item.found) for item in group)
    b_p = sum(overlap[(i.truth, i.found)] / found_size[i.found] for i in group) / len(group)
    b_r = sum(overlap[(i.truth, i.found)] / truth_size[i.truth] for i in group) / len(group)
    f1 = 2 * b_p * b_r / (b_p + b_r) if b_p + b_r else 0.0
    per_100 = work(overlap, found_size) * 100 / len(group)
    return (
        f"{len(group):>3} initiatives: pairwise precision {precision:.2f} recall {recall:.2f}; "
        f"B-cubed F1 {f1:.2f}; moves+merges per 100 {per_100:.1f}"
    )


def work(overlap: Counter[tuple[str, str]], found_size: Counter[str]) -> int:
    """Moves out of each candidate's majority, then merges of what one proposal keeps apart."""
    majority: dict[str, str] = {}
    for found in found_size:
        best = max((n, t) for (t, f), n in overlap.items() if f == found)
        majority[found] = best[1]
    moves = sum(size - overlap[(majority[f], f)] for f, size in found_size.items())
    kept = Counter(majority.values())
    return moves + sum(n - 1 for n in kept.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=(*SET_NAMES, "all"), default="all", dest="name")
    parser.add_argument("--verbose", action="store_true", help="the tune candidates")
    parser.add_argument("--tune", action="store_true", help="tune figures only, not sealed")
    args = parser.parse_args(argv)
    names = SET_NAMES if args.name == "all" else (args.name,)
    splits = ("tune",) if args.tune else ("tune", "sealed")
    pooled: list[Item] = []
    for name in names:
        found = measure(name, splits)
        pooled += found
        if args.verbose:
            show_tune(found)
    if len(names) > 1:
        print(f"pooled: {', '.join(names)}")
        figures(pooled, splits)
    return 0


def figures(found: Sequence[Item], splits: Sequence[str]) -> None:
    """Per split: over every reply, then over the replies the splitter got right (issue 19
    measures grouping "on replies whose structure the splitter gets right")."""
    for split in splits:
        mine = [item for item in found if item.split == split]
        print(f"  {split:<6} {scores(mine)}")
        right = [item for item in mine if item.split_right]
        replies = f"{len({i.case for i in right})}/{len({i.case for i in mine})}"
        print(f"  {split:<6} {scores(right)}  (replies split right: {replies})")


def measure(name: str, splits: Sequence[str]) -> list[Item]:
    """Import set `name` (incremental placement), print its figures per split and whether
    `hoering analyse` places them again the same; its items."""
    folder = SETS / name
    cases = load_cases(folder)
    with tempfile.TemporaryDirectory(prefix="hoering-candidates-") as work_dir:
        workdir = Path(work_dir)
        imported(folder, workdir)
        incremental = grouping(workdir / "hoering.db")
        hoering(workdir, "analyse")
        again = grouping(workdir / "hoering.db")
    found = items(name, cases, incremental)
    print(f"set {name}: {len(cases)} cases; import -> split -> group (incremental)")
    figures(found, splits)
    same = _partition(again) == _partition(incremental)
    print(f"  analyse places them again: {'same grouping' if same else 'DIFFERENT grouping'}")
    return found


def show_tune(found: Sequence[Item]) -> None:
    """Each candidate of the tune cases with its members' proposals, cases and texts; never
    a sealed case."""
    tune = sorted((item for item in found if item.split == "tune"), key=lambda i: i.found)
    for group, members in itertools.groupby(tune, key=lambda item: item.found):
        print(f"    {group}:")
        for item in members:
            print(f"      {item.truth:<18} {item.case} {' '.join(item.text.split())[:110]}")


def _partition(found: dict[str, list[tuple[str, int | None]]]) -> set[frozenset[str]]:
    """The grouping without the candidates' ids: which initiatives share a candidate."""
    groups: dict[int | None, set[str]] = {}
    for case_id, rows in found.items():
        for number, (_, candidate_id) in enumerate(rows):
            groups.setdefault(candidate_id, set()).add(f"{case_id}.{number}")
    return {frozenset(members) for members in groups.values()}


if __name__ == "__main__":
    sys.exit(main())
