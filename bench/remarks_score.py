"""General remarks (analysis/remarks.py) scored against a set's labelled `label.remarks`.

The remarks are computed from the exported reply as the notat computes them: its text and
its initiatives' texts. A found sentence is right when at least RIGHT of its words lie in
the reply's labelled remark spans; a labelled remark is found when at least FOUND of its
words are in the found remarks. A reply labelled with no remark that gets one counts as
a reply with remarks where none were labelled.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from hoering.analysis.remarks import general_remarks
from hoering.analysis.summary import sentences

RIGHT = 0.6
FOUND = 0.5


@dataclass
class RemarkTally:
    replies: int = 0
    labelled: int = 0  # labelled remark spans
    found: int = 0  # found remark sentences
    right: int = 0  # found sentences inside a labelled span
    covered: int = 0  # labelled spans the found remarks hold
    unlabelled_replies: int = 0  # replies given remarks where none were labelled

    def add(self, other: RemarkTally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        precision = self.right / self.found if self.found else 1.0
        recall = self.covered / self.labelled if self.labelled else 1.0
        return (
            f"{self.replies:>3} replies {self.labelled:>3} labelled {self.found:>3} sentences "
            f"found precision {precision:.2f} recall {recall:.2f}; remarks where none "
            f"labelled: {self.unlabelled_replies}"
        )


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", text.casefold()))


def _held(part: Counter[str], whole: Counter[str]) -> float:
    total = sum(part.values())
    return sum(min(n, whole[w]) for w, n in part.items()) / total if total else 0.0


def found_remarks(row: dict) -> str:
    initiatives = [item["text"] for item in row.get("initiatives", [])]
    no_comments = "ingen bemærkninger" in row.get("flags", [])
    return general_remarks(row.get("text", ""), initiatives, no_comments)


def score_remarks(row: dict, labels: list[dict]) -> RemarkTally:
    found = found_remarks(row)
    found_sentences = sentences(found) if found else []
    labelled = _words(" ".join(label["text"] for label in labels))
    right = sum(_held(_words(s), labelled) >= RIGHT for s in found_sentences)
    found_words = _words(found)
    covered = sum(_held(_words(label["text"]), found_words) >= FOUND for label in labels)
    return RemarkTally(
        replies=1,
        labelled=len(labels),
        found=len(found_sentences),
        right=right,
        covered=covered,
        unlabelled_replies=int(bool(found_sentences) and not labels),
    )


def remark_details(row: dict, labels: list[dict]) -> list[str]:
    """A tune case's wrong remark sentences and missed labelled remarks, for --verbose."""
    found = found_remarks(row)
    labelled = _words(" ".join(label["text"] for label in labels))
    lines = [
        f"    remark found, not labelled: {s[:110]!r}"
        for s in (sentences(found) if found else [])
        if _held(_words(s), labelled) < RIGHT
    ]
    found_words = _words(found)
    lines += [
        f"    remark labelled, missed: {label['text'][:110]!r}"
        for label in labels
        if _held(_words(label["text"]), found_words) < FOUND
    ]
    return lines
