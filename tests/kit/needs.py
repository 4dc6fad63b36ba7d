"""A test that needs a tool or server: skipped on a developer's machine without it, failed in CI.

CI (CI=true) installs everything the tests use, so a missing piece there is a broken CI script,
never a reason to pass quietly.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(reason: str, *, module: bool = False) -> NoReturn:
    """Skip for `reason` locally; fail under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must provide it", pytrace=False)
    pytest.skip(reason, allow_module_level=module)
