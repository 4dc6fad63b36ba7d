"""kill -9 of real `hoering poll` processes at random moments, against real Dovecot: every
reply stored exactly once, none lost, nothing half-written. A file of its own so xdist runs
it beside the other fault trials.

The loop is bounded for CI; bench/faults.py runs more trials and prints the same figures.
The figures are printed even without -s (capsys.disabled) so CI logs keep them.
"""

from __future__ import annotations

import pytest

from tests.kit import faults as faultkit

pytestmark = pytest.mark.long

KILL_GROUPS, KILLS_PER_GROUP, KILL_WINDOW = 3, 5, 0.5


def test_kill_9_at_random_moments_loses_and_doubles_nothing(big_box, tmp_path, capsys):
    box, expected = big_box
    figures = faultkit.kill_trials(
        box, tmp_path, expected, KILL_GROUPS, KILLS_PER_GROUP, KILL_WINDOW, faultkit.SEED
    )
    faultkit.report(capsys, figures)
    assert figures.interrupted >= figures.trials // 2, "most kills should land mid-run"
    assert figures.ok, figures.line()
