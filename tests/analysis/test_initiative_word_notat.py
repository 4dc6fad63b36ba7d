"""The splitter on Word notater: chapters with typed numbers ("1. Indledning", "2.
Regionens forslag", "3. Videre proces") over one sub-heading per proposal. Real DOCX
files (python-docx) through the extractor."""

from __future__ import annotations

from tests.analysis.test_initiative_word import split_docx
from tests.kit.initiative_docs import Block

PROPOSALS: list[Block] = [
    ("h1", "2. Regionens forslag"),
    ("h2", "2.1 Åbne data om den kollektive trafik"),
    ("p", "Trafikselskaberne bør udstille realtidsdata om afgange i et fælles, åbent format."),
    ("h2", "2.2 Offentlige dagsordener for regionale udvalg"),
    ("p", "Regionen foreslår en fælles standard for dagsordener og bilag i alle fem regioner."),
]


def test_a_notat_s_closing_chapter_on_the_process_is_no_proposal() -> None:
    found = split_docx(
        [
            ("h1", "1. Indledning"),
            ("p", "Regionen har koncentreret sig om områder, hvor regionerne har egne opgaver."),
            *PROPOSALS,
            ("h1", "3. Videre proces"),
            ("p", "Regionen vil drøfte handlingsplanen i regionsrådet i efteråret."),
        ]
    )
    assert [i.title for i in found] == [
        "Åbne data om den kollektive trafik",
        "Offentlige dagsordener for regionale udvalg",
    ]


def test_a_heading_after_the_proposals_with_nothing_under_it_but_the_closing_is_none() -> None:
    found = split_docx(
        [
            *PROPOSALS,
            ("h1", "3. Yderligere oplysninger"),
            ("p", "Regionen uddyber gerne forslagene ved et møde."),
        ]
    )
    assert len(found) == 2
