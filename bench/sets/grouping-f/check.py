#!/usr/bin/env python3
"""Check grouping set F: schema, verbatim spans, proposal ids, the freeze.

The grouping set's own check (bench/sets/grouping/check.py) with this folder, ids fNNN and
f001-f020 as tune. Standard library only.
Run: python3 bench/sets/grouping-f/check.py   (exit status 1 on any error)
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "grouping"))

import check  # noqa: E402  (the grouping set's check, found through the path above)

if __name__ == "__main__":
    sys.exit(check.main(HERE, letter="f", last_tune=20))
