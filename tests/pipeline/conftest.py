"""Fixtures of the fault tests (test_faults*.py): one big mailbox per test file.

The fault trials are split over several files so that pytest-xdist (`--dist loadfile`) runs
them on different workers at once; each file fills its own mailbox, so no file sees another
file's \\Seen flags or depends on which ran first.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.kit import faults as faultkit
from tests.kit.dovecot import DovecotServer, Mailbox


@pytest.fixture(scope="module")
def big_box(
    dovecot_server: DovecotServer, request: pytest.FixtureRequest
) -> Iterator[tuple[Mailbox, set[str]]]:
    """One user with the file's MESSAGES mails (faultkit.MESSAGES unless the file sets its own)
    delivered once (Maildir), shared by one file's trials."""
    username = "faults-" + request.module.__name__.rsplit(".", 1)[-1].replace("_", "-")
    dovecot_server.add_user(username)
    box = Mailbox(dovecot_server, username)
    count = getattr(request.module, "MESSAGES", faultkit.MESSAGES)
    mails, expected = faultkit.corpus(count, faultkit.MARKED_EVERY)
    faultkit.fill_maildir(box, mails)
    yield box, expected
    box.close()
