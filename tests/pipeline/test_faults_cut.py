"""Connections cut after N bytes, against real Dovecot: every reply stored exactly once, none
lost, nothing half-written. A file of its own so xdist runs it beside the other fault trials.

The loop is bounded for CI; bench/faults.py runs more trials and prints the same figures.
The figures are printed even without -s (capsys.disabled) so CI logs keep them.
"""

from __future__ import annotations

import random

import pytest

from tests.kit import faults as faultkit

pytestmark = pytest.mark.long

CUT_TRIALS = 25
# Each trial ends with a full poll of the mailbox, so its size is most of the file's cost. 100
# mails (20 replies) are still two FETCH batches of 50 and a stream that the 25 cuts divide
# into slices of greeting, login, SEARCH, header and body literals; 300 cost three times the
# CPU and reach no other kind of place. bench/faults.py cuts bigger mailboxes.
MESSAGES = 100


def test_connection_cut_after_n_bytes_loses_and_doubles_nothing(big_box, tmp_path, capsys):
    box, expected = big_box
    total = faultkit.measure_poll_bytes(box, tmp_path / "measure")
    rng = random.Random(faultkit.SEED)
    # One cut in each of CUT_TRIALS equal slices of the byte stream, at a random offset.
    limits = [int(total * (k + rng.random()) / CUT_TRIALS) for k in range(CUT_TRIALS)]
    figures = faultkit.cut_trials(box, tmp_path, limits, expected)
    faultkit.report(capsys, figures)
    assert figures.interrupted == CUT_TRIALS
    assert figures.ok, figures.line()
