"""Precision and recall of the initiative splitter on the labelled cases. Prints figures.

    .venv/bin/python -m bench.bench_initiatives [--verbose]

The cases (tests/analysis/initiative_cases.py) are Danish replies with the titles a
reviewer would list; attachments are built as DOCX, ODT or PDF and read by the real
extraction (parse.attachments), the body cleaned by analysis.cleaning as at import.

A predicted initiative matches a labelled one when their titles agree: equal after case
folding, one contained in the other, or sharing at least half of the longer title's words.
Matching is one-to-one, in order. Then, over all cases:

- precision = matched predicted initiatives / all predicted initiatives
- recall    = matched labelled initiatives / all labelled initiatives
- count accuracy = share of replies split into exactly the labelled number (0 for
  "ingen bemærkninger" replies), which is what a reviewer notices first.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.parse.attachments import extract_attachment
from tests.analysis.initiative_cases import CASES, Case
from tests.kit.initiative_docs import to_docx, to_odt, to_pdf

BUILDERS = {"docx": to_docx, "odt": to_odt, "pdf": to_pdf}


@dataclass(frozen=True)
class Score:
    predicted: int
    labelled: int
    matched: int
    exact_count: bool


def sections(case: Case) -> list[Section]:
    """The case as the store hands it to the splitter: cleaned body, then the attachment."""
    found = [Section("brødtekst", clean_reply(case.body).content)]
    if case.attachment:
        kind, blocks = case.attachment
        name = f"svar.{kind}"
        extracted = extract_attachment(
            name, name, "application/octet-stream", BUILDERS[kind](blocks)
        )
        found.append(Section(name, extracted.text))
    return found


def _words(title: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", title.casefold()))


def same_title(predicted: str, labelled: str) -> bool:
    a, b = predicted.casefold().strip(), labelled.casefold().strip()
    if a == b or (a and b and (a in b or b in a)):
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) * 2 >= max(len(wa), len(wb))


def score(predicted: Sequence[Initiative], labelled: Sequence[str]) -> Score:
    remaining = list(labelled)
    matched = 0
    for initiative in predicted:
        hit = next((t for t in remaining if same_title(initiative.title, t)), None)
        if hit is not None:
            remaining.remove(hit)
            matched += 1
    return Score(len(predicted), len(labelled), matched, len(predicted) == len(labelled))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args(argv)
    totals = [0, 0, 0, 0]
    for case in CASES:
        predicted = split_initiatives(sections(case), case.subject)
        result = score(predicted, case.titles)
        totals = [totals[0] + result.predicted, totals[1] + result.labelled,
                  totals[2] + result.matched, totals[3] + result.exact_count]  # fmt: skip
        if args.verbose or result.matched != max(result.predicted, result.labelled):
            mark = "ok " if result.matched == max(result.predicted, result.labelled) else "ERR"
            print(f"{mark} {case.name}: predicted {[i.title for i in predicted]}")
            print(f"    labelled {list(case.titles)}")
    predicted, labelled, matched, exact = totals
    precision = matched / predicted if predicted else 1.0
    recall = matched / labelled if labelled else 1.0
    print(f"{len(CASES)} replies, {labelled} labelled initiatives, {predicted} predicted")
    print(
        f"precision {precision:.3f}  recall {recall:.3f}  count accuracy {exact / len(CASES):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
