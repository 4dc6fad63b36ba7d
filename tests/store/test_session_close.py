"""Sessions close with the cyclic garbage collector paused (store/db._GcSafeSession): on
CPython 3.11 a collection during the close's detaching of loaded objects could free an
object's attribute values under it (SIGSEGV in `hoering export`)."""

from __future__ import annotations

import gc
from pathlib import Path

from sqlalchemy import event, text

from hoering.store.db import open_database


def test_a_session_closes_with_the_collector_paused_and_restores_it(tmp_path: Path) -> None:
    factory = open_database(f"sqlite:///{tmp_path / 'h.db'}")
    session = factory()
    during_close: list[bool] = []
    event.listen(session, "after_transaction_end", lambda *_: during_close.append(gc.isenabled()))
    session.execute(text("SELECT 1"))  # a transaction for close() to end
    session.close()
    assert during_close == [False]
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused(tmp_path: Path) -> None:
    factory = open_database(f"sqlite:///{tmp_path / 'h.db'}")
    gc.disable()
    try:
        with factory() as session:
            session.execute(text("SELECT 1"))
        assert not gc.isenabled()
    finally:
        gc.enable()
