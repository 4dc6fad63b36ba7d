"""General remarks: a reply's sentences outside its initiatives that say something."""

from __future__ import annotations

from hoering.analysis.initiatives import Section, split_initiatives
from hoering.analysis.remarks import REMARKS_LIMIT, general_remarks

LETTER = """\
Dansk Oplysningsforbund
Vester Voldgade 7
1552 København V

Høringssvar vedr. OGP-handlingsplan 2017-2019

Kære Digitaliseringsstyrelse

Tak for muligheden for at afgive høringssvar.

Vi bakker generelt op om regeringens arbejde med åbenhed i forvaltningen.
Vi savner dog, at civilsamfundet inddrages tidligere i processen end ved denne høring.

1. Åbne data om offentlige indkøb
Alle kommuner bør offentliggøre deres indkøbsdata som åbne data hvert kvartal.

2. Et lobbyregister
Der bør oprettes et offentligt register over møder mellem ministre og lobbyister.

Med venlig hilsen
Karen Holm
Sekretariatschef
"""


def remarks_of(text: str) -> str:
    initiatives = split_initiatives([Section("brødtekst", text)])
    return general_remarks(text, [i.text for i in initiatives])


def test_support_and_criticism_outside_the_initiatives_are_the_remarks() -> None:
    assert remarks_of(LETTER) == (
        "Vi bakker generelt op om regeringens arbejde med åbenhed i forvaltningen. "
        "Vi savner dog, at civilsamfundet inddrages tidligere i processen end ved denne høring."
    )


def test_the_proposals_themselves_are_no_remark() -> None:
    remarks = remarks_of(LETTER)
    assert "indkøbsdata" not in remarks and "lobbyister" not in remarks


def test_letterhead_greeting_thanks_and_signature_are_left_out() -> None:
    remarks = remarks_of(LETTER)
    for part in ("Vester Voldgade", "Kære", "Tak for", "hilsen", "Karen Holm", "Høringssvar"):
        assert part not in remarks


def test_a_reply_of_remarks_only_keeps_them_all() -> None:
    text = (
        "Hej\n\nJeg synes, at høringsperioden midt i sommerferien er alt for kort til en "
        "ordentlig debat. Næste gang bør høringen ligge uden for ferien.\n\nMvh Ole"
    )
    assert general_remarks(text) == (
        "Jeg synes, at høringsperioden midt i sommerferien er alt for kort til en ordentlig "
        "debat. Næste gang bør høringen ligge uden for ferien."
    )


def test_a_reply_with_no_comments_has_no_remarks() -> None:
    text = "KL har ingen bemærkninger til høringen, men takker for muligheden for at svare."
    assert general_remarks(text, no_comments=True) == ""
    assert general_remarks(text) == ""


def test_a_sentence_with_a_removed_cpr_number_is_left_out() -> None:
    text = "Mit cpr-nummer er [CPR-nummer fjernet], hvis I skal bruge det til noget."
    assert general_remarks(text) == ""


def test_remarks_end_at_a_whole_sentence_within_the_limit() -> None:
    sentence = "Vi støtter i høj grad arbejdet for mere åbenhed i hele den offentlige sektor."
    remarks = general_remarks(" ".join([sentence] * 20))
    assert len(remarks) <= REMARKS_LIMIT and remarks.endswith("sektor.")
    assert remarks.count(sentence) == REMARKS_LIMIT // (len(sentence) + 1)


def test_support_beside_a_pleasantry_is_a_remark_and_an_offer_alone_is_not() -> None:
    text = (
        "Dansk Byggeri støtter overordnet regeringens arbejde med åbenhed og ser frem til "
        "den videre proces.\n\nVi står gerne til rådighed og ønsker jer god arbejdslyst."
    )
    assert general_remarks(text) == (
        "Dansk Byggeri støtter overordnet regeringens arbejde med åbenhed og ser frem til "
        "den videre proces."
    )
