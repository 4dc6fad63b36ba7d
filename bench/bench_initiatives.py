"""Precision and recall of the initiative splitter on the labelled cases. Prints figures.

    .venv/bin/python -m bench.bench_initiatives [--verbose]

The cases (tests/analysis/initiative_cases.py) are Danish replies with the titles a
reviewer would list; attachments are built as DOCX, ODT or PDF and read by the real
extraction (parse.attachments), the body cleaned by analysis.cleaning as at import.

A predicted initiative matches a labelled one when their titles agree: equal after case
folding, one contained in the other, every word of the labelled title in the predicted one,
or sharing at least half of the longer title's words.
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
from pathlib import Path

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.parse.attachments import extract_attachment
from hoering.parse.message import parse_message
from tests.analysis.initiative_cases import CASES, SAMPLE_LABELS, Case
from tests.kit.initiative_docs import to_docx, to_odt, to_pdf

BUILDERS = {"docx": to_docx, "odt": to_odt, "pdf": to_pdf}
INBOX = Path(__file__).resolve().parents[1] / "examples" / "inbox"


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
    if wa and wb and wb <= wa:  # the predicted title says it all, at greater length
        return True
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


def sample_cases() -> list[Case]:
    """The sample inbox's replies as cases: body and attachments as parse_message reads them."""
    cases = []
    for name, titles in SAMPLE_LABELS.items():
        message = parse_message((INBOX / name).read_bytes())
        cases.append(Case(name, message.subject, message.body_text, titles))
        cases[-1].__dict__["extracted"] = [
            (a.filename or a.path, a.text) for a in message.attachments
        ]
    return cases


def case_sections(case: Case) -> list[Section]:
    extracted = case.__dict__.get("extracted")
    if extracted is None:
        return sections(case)
    body = Section("brødtekst", clean_reply(case.body).content)
    return [body, *(Section(name, text) for name, text in extracted)]


def run(label: str, cases: Sequence[Case], verbose: bool) -> list[Score]:
    scores = []
    for case in cases:
        predicted = split_initiatives(case_sections(case), case.subject)
        result = score(predicted, case.titles)
        scores.append(result)
        right = result.matched == max(result.predicted, result.labelled)
        if verbose or not right:
            print(
                f"{'ok ' if right else 'ERR'} {case.name}: predicted {[i.title for i in predicted]}"
            )
            print(f"    labelled {list(case.titles)}")
    report(label, scores)
    return scores


def report(label: str, scores: Sequence[Score]) -> None:
    predicted = sum(s.predicted for s in scores)
    labelled = sum(s.labelled for s in scores)
    matched = sum(s.matched for s in scores)
    exact = sum(s.exact_count for s in scores)
    precision = matched / predicted if predicted else 1.0
    recall = matched / labelled if labelled else 1.0
    print(
        f"{label}: {len(scores)} replies, {labelled} labelled initiatives, {predicted} predicted, "
        f"precision {precision:.3f}, recall {recall:.3f}, count accuracy {exact / len(scores):.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args(argv)
    written = run("labelled cases", CASES, args.verbose)
    sample = run("sample inbox", sample_cases(), args.verbose)
    report("all", written + sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
