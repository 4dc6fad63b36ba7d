#!/usr/bin/env python3
"""Check the labelled replies of set-replies-i, r305-r344 (standard library only).

    python3 bench/sets/replies/check_i.py           # all 40 cases
    python3 bench/sets/replies/check_i.py --tune    # only r305-r324

Runs writer f's check_f.check on this range: check.py's per-case validation through check_d.py's
read_cases (schema, allowed values, late flag against the date, every span verbatim in the body's
visible text or a `reply` attachment, key words in their span, the split by id range r305-r324
tune / r325-r344 sealed, check_c.py's span uniqueness and overlap), every file present, the reply
carriers per half fixed before writing (7 docx, 6 html, 4 pdf, 3 plain) and, once frozen, that
FROZEN-i.sha256 still matches. Prints check_d.py's counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_f import check  # noqa: E402  (writer f's: the same plan per half)

if __name__ == "__main__":
    sys.exit(check(sys.argv[1:], 305, HERE / "FROZEN-i.sha256"))
