"""The bruttoliste in the terminal (`hoering candidates`)."""

from __future__ import annotations

from hoering.store import models
from hoering.store.candidates import CandidateView, Supporter
from hoering.ui.views_candidates import supporters_cell


def test_a_party_with_several_replies_in_a_candidate_is_named_once() -> None:
    # Tune import: Dansk Erhverv sent four replies behind one candidate, and the cell read
    # "Dansk Erhverv, ..., Dansk Erhverv, ..., Dansk Erhverv".
    supporters = (
        Supporter("Dansk Erhverv", "organisation", 3),
        Supporter("KL", "offentlig myndighed", 5),
        Supporter("Dansk Erhverv", "organisation", 30),
    )
    view = CandidateView(models.Candidate(title="Åbne udbudsdata"), (), supporters)

    assert supporters_cell(view, ()) == "Dansk Erhverv, KL"
