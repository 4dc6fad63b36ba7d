"""The whole store on a real PostgreSQL: pipeline, types, search, export, migrations, races."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, select, text
from sqlalchemy.orm import sessionmaker

from hoering import pipeline
from hoering.config import Config, load_config
from hoering.export.run import ExportOptions, run_export
from hoering.rules import duplicate_joins
from hoering.store import messages as store_messages
from hoering.store import models
from hoering.store.db import MIGRATIONS, open_database
from hoering.store.queries import ProposalFilter, iter_proposals
from hoering.store.search import TRIGRAM_INDEX, include_object
from tests.kit.mails import make_mail
from tests.kit.paths import ROOT, SAMPLE_INBOX
from tests.kit.postgres import PostgresServer
from tests.kit.rows import count


def write_pg_config(directory: Path, url: str) -> Path:
    """Like tests.mails.write_config, with the database on PostgreSQL."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "hoering.toml"
    path.write_text(
        f'[store]\nurl = "{url}"\n\n[consultation]\ndeadline = 2017-08-20\n', encoding="utf-8"
    )
    return path


@pytest.fixture
def cfg(tmp_path: Path, postgres_url: str):
    return load_config(write_pg_config(tmp_path / "pg", postgres_url))


@pytest.fixture
def db(cfg):
    return open_database(cfg.store_url)


def run_import(cfg, db, *paths: Path) -> pipeline.RunReport:
    return pipeline.import_paths(cfg, db, list(paths))


def counts(report: pipeline.RunReport) -> tuple[int, ...]:
    return (report.seen, report.matched, report.stored, report.duplicates, report.failed)


@dataclass
class Imported:
    cfg: Config
    db: sessionmaker
    report: pipeline.RunReport


@pytest.fixture(scope="module")
def pg_sample(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Imported:
    """The sample inbox imported once into its own PostgreSQL database, for this module's
    tests that read it (and the one that imports it again, which must change nothing)."""
    url = postgres_server.create_database("sample_inbox")
    cfg = load_config(write_pg_config(tmp_path_factory.mktemp("pg-sample"), url))
    db = open_database(cfg.store_url)
    return Imported(cfg, db, run_import(cfg, db, SAMPLE_INBOX))


@pytest.fixture
def sqlite_twin(sample_imported: Path):
    """The sample inbox imported into SQLite: the reference PostgreSQL must agree with."""
    return open_database(load_config(sample_imported).store_url)


def write_mail(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def test_sample_inbox_imports_the_marked_replies_once(pg_sample: Imported) -> None:
    assert counts(pg_sample.report) == (17, 14, 13, 1, 0)
    assert count(pg_sample.db, models.Proposal) == 13


def test_second_import_stores_nothing_new(pg_sample: Imported) -> None:
    db = pg_sample.db
    again = run_import(pg_sample.cfg, db, SAMPLE_INBOX)
    assert (again.stored, again.already_stored, again.duplicates) == (0, 13, 1)
    assert (count(db, models.Proposal), count(db, models.RawMessage)) == (13, 13)


def test_raw_bytes_round_trip_exactly(cfg, db, tmp_path: Path) -> None:
    # bytea must keep NUL, 8-bit and bare CR/LF bytes that a text column would mangle.
    data = make_mail(body="Forslag med alle bytes.\n") + bytes(range(256)) + b"\r\n\x00\xff"
    data = data.replace(b"Subject: ", b"Subject: OGP-h\xf8ring \xe6\xf8\xe5 ", 1)  # raw Latin-1
    report = run_import(cfg, db, write_mail(tmp_path, "alle-bytes.eml", data))
    assert report.stored == 1
    with db() as session:
        raw = session.scalars(select(models.RawMessage)).one()
    assert (raw.data, raw.size) == (data, len(data))


def test_nul_in_a_header_does_not_stop_the_run(cfg, db, tmp_path: Path) -> None:
    # Broken mailers and spam put NUL bytes in headers; Python decodes them as "\x00".
    subject = "OGP-hoering: forslag om data"
    bad = make_mail(subject, message_id="<nul@x>").replace(b"forslag om", b"forslag\x00om", 1)
    good = make_mail(message_id="<good@x>")
    report = run_import(
        cfg, db, write_mail(tmp_path, "1-nul.eml", bad), write_mail(tmp_path, "2-good.eml", good)
    )
    assert report.stored == 2
    with db() as session:
        raw = session.scalars(select(models.RawMessage).where(models.RawMessage.size == len(bad)))
        assert raw.one().data == bad


def test_received_at_comes_back_timezone_aware_and_equal(tmp_path: Path, postgres_url) -> None:
    # A session time zone far from UTC and Copenhagen: the instant must survive, not the zone.
    url = postgres_url + "?options=" + quote("-c timezone=Pacific/Chatham")
    cfg = load_config(write_pg_config(tmp_path, url))
    db = open_database(url)
    received = b"Received: from mx by mx.digst.dk; Sun, 20 Aug 2017 23:59:30 +0200\r\n"
    run_import(cfg, db, write_mail(tmp_path, "sent.eml", received + make_mail()))
    with db() as session:
        proposal = session.scalars(select(models.Proposal)).one()
    assert proposal.received_at == datetime.fromisoformat("2017-08-20T21:59:30+00:00")
    assert proposal.received_at.tzinfo == UTC
    assert proposal.late is False  # 23:59:30 in Copenhagen is still the deadline day


def message_ids(db, flt: ProposalFilter) -> list[str | None]:
    with db() as session:
        return [p.message_id for p in iter_proposals(session, flt)]


def test_search_folds_danish_letters_as_on_sqlite(pg_sample: Imported, sqlite_twin) -> None:
    db, reference = pg_sample.db, sqlite_twin
    for needle in ("ÅBNE DATA", "ÆNDRING", "åbenhed", "GENNEMSIGTIGHED"):
        found = message_ids(db, ProposalFilter(search=needle))
        assert found and found == message_ids(reference, ProposalFilter(search=needle)), needle


def test_search_takes_percent_and_underscore_literally(cfg, db, tmp_path: Path) -> None:
    mails = {
        "<a@x>": "Mindst 50% af data_sæt skal være åbne.\n",
        "<b@x>": "Mindst 500 af dataxsæt skal være åbne.\n",
    }
    paths = [
        write_mail(tmp_path, f"{i}.eml", make_mail(message_id=mid, body=body))
        for i, (mid, body) in enumerate(mails.items())
    ]
    run_import(cfg, db, *paths)
    # Signs count only in a quoted phrase: outside quotes a query is words.
    assert message_ids(db, ProposalFilter(search='"50%"')) == ["a@x"]
    assert message_ids(db, ProposalFilter(search='"DATA_SÆT"')) == ["a@x"]


def export(db, path: Path, tz) -> bytes:
    path.parent.mkdir(exist_ok=True)  # an export does not create its folder
    with db() as session:
        rows = run_export(session, ProposalFilter(), path, ExportOptions(), tz).rows
    assert rows == 13
    return path.read_bytes()


def test_csv_export_of_postgres_rows_equals_sqlite(
    pg_sample: Imported, sqlite_twin, tmp_path: Path
) -> None:
    db, reference, cfg = pg_sample.db, sqlite_twin, pg_sample.cfg
    # The same file name: cut cells name their full-text file, so the names must match.
    pg_csv = export(db, tmp_path / "out-pg" / "svar.csv", cfg.timezone)
    assert pg_csv == export(reference, tmp_path / "out-sqlite" / "svar.csv", cfg.timezone)


def test_migrations_reach_head_and_match_the_models(db) -> None:
    alembic_cfg = AlembicConfig()
    alembic_cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(alembic_cfg).get_current_head()
    with db() as session:
        assert session.scalars(text("SELECT version_num FROM alembic_version")).all() == [head]
        # include_object: the trigram index of 0014 is made by hand, not by a model.
        context = MigrationContext.configure(
            session.connection(), opts={"include_object": include_object}
        )
        assert compare_metadata(context, models.Base.metadata) == []
        indexes = session.scalars(text("SELECT indexname FROM pg_indexes")).all()
        assert TRIGRAM_INDEX in indexes


def test_opening_twice_changes_nothing(postgres_url: str) -> None:
    with open_database(postgres_url).begin() as session:
        store_messages.add_raw_message(session, "sha256:x", "x" * 64, None, b"data", None)
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        sessions = open_database(postgres_url)
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    ddl = [s for s in statements if re.match(r"\s*(CREATE|ALTER|DROP|INSERT|UPDATE)", s, re.I)]
    assert ddl == []
    with sessions() as session:
        assert session.scalar(select(models.RawMessage.data)) == b"data"


def test_lost_insert_race_counts_as_a_duplicate(cfg, db, tmp_path, monkeypatch) -> None:
    # Another poller commits the message between our lookup and our insert: the unique
    # constraint refuses ours, and the retry must find theirs.
    path = write_mail(tmp_path, "svar.eml", make_mail())
    run_import(cfg, db, path)
    for name in ("find_raw_message", "find_raw_message_by_sha256"):  # both miss it once
        real_find = getattr(store_messages, name)
        lookups = iter([None])
        monkeypatch.setattr(
            store_messages,
            name,
            lambda session, key, lookups=lookups, real=real_find: (
                next(lookups, None) or real(session, key)
            ),
        )
    again = run_import(cfg, db, path)
    # The same bytes, stored by the other poller: already stored, not a new duplicate.
    assert (again.stored, again.already_stored, again.duplicates) == (0, 1, 0)
    assert count(db, models.RawMessage) == 1


def write_mails(directory: Path, number: int) -> set[str]:
    """`number` distinct replies in `directory`; returns their Message-IDs."""
    directory.mkdir()
    ids = {f"svar-{i}@borgernet.example" for i in range(number)}
    for mid in sorted(ids):
        write_mail(directory, f"{mid}.eml", make_mail(message_id=f"<{mid}>", body=f"{mid}\n"))
    return ids


def import_concurrently(tmp_path: Path, url: str, folder: Path) -> list[tuple[int, str]]:
    """Two `hoering import` processes at once, each with its own config (so its own lock)."""
    env = {k: v for k, v in os.environ.items() if k != "HOERING_CONFIG"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "hoering", "import", "--config", str(config), str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for config in (write_pg_config(tmp_path / name, url) for name in ("a", "b"))
    ]
    return [(p.wait(timeout=60), p.communicate()[0]) for p in processes]


def assert_each_stored_once(db, ids: set[str], results: list[tuple[int, str]]) -> None:
    assert all(code == 0 for code, _ in results) or sorted(c for c, _ in results) == [0, 6], results
    with db() as session:
        stored = session.scalars(select(models.Proposal.message_id)).all()
        assert sorted(stored) == sorted(ids)
    assert count(db, models.RawMessage) == len(ids)
    summaries = [re.search(r"matched \d+, stored (\d+)", out) for code, out in results]
    stored_by_runs = [int(m.group(1)) for m in summaries if m]
    assert sum(stored_by_runs) == len(ids), results


def test_two_concurrent_imports_store_each_message_once(tmp_path: Path, postgres_url) -> None:
    ids = write_mails(tmp_path / "mails", 30)
    db = open_database(postgres_url)  # schema first: this test is about the rows
    results = import_concurrently(tmp_path, postgres_url, tmp_path / "mails")
    assert_each_stored_once(db, ids, results)


def open_when_both_migrate(url: str, barrier) -> None:
    """In a child process: open the database, waiting at the first CREATE TABLE for the other."""
    waited = False

    def meet(_conn, _cursor, statement, *_args) -> None:
        nonlocal waited
        if statement.lstrip().startswith("CREATE TABLE") and not waited:
            waited = True
            with contextlib.suppress(threading.BrokenBarrierError):  # a lock made the other wait
                barrier.wait()

    event.listen(Engine, "before_cursor_execute", meet)
    open_database(url)  # DatabaseError -> exit code 1


def test_two_first_opens_of_an_empty_database_both_succeed(postgres_url: str) -> None:
    # Two pollers set up at the same moment. The barrier holds each before creating tables
    # until both have found no schema: the interleaving that otherwise depends on luck.
    # Processes, not threads: Alembic's `context` and `op` are module globals.
    forked = multiprocessing.get_context("fork")
    barrier = forked.Barrier(2, timeout=2)
    children = [
        forked.Process(target=open_when_both_migrate, args=(postgres_url, barrier))
        for _ in range(2)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=30)
    assert [child.exitcode for child in children] == [0, 0]


def index_rows(sessions) -> tuple[list, list, list]:
    """The duplicate index, its LSH band rows and the candidates' index terms."""
    Index, Band, Term = models.DuplicateIndex, models.DuplicateBand, models.CandidateTerm
    with sessions() as session:
        return (
            sorted(session.execute(select(Index.proposal_id, Index.text_key, Index.leader))),
            sorted(session.execute(select(Band.proposal_id, Band.key))),
            sorted(session.execute(select(Term.candidate_id, Term.term))),
        )


def test_index_rows_copied_into_postgres_equal_sqlite(pg_sample: Imported, sqlite_twin) -> None:
    # On PostgreSQL they go in by COPY (store/bulk.py), on SQLite by executemany.
    pg_rows = index_rows(pg_sample.db)
    assert all(pg_rows)
    assert pg_rows == index_rows(sqlite_twin)


def child_rows(sessions) -> tuple[list, list]:
    """Every theme tag and initiative row, without ids and timestamps."""
    tables = [models.ProposalTheme.__table__, models.Initiative.__table__]
    with sessions() as session:
        return tuple(
            sorted(
                tuple(v for k, v in row._mapping.items() if k != "id" and not k.endswith("_at"))
                for row in session.execute(select(table))
            )
            for table in tables
        )


def test_theme_and_initiative_rows_written_into_postgres_equal_sqlite(
    pg_sample: Imported, sqlite_twin
) -> None:
    # A run writes them as plain rows (store.derived_rows.insert_children): the list
    # columns go in as JSON on both.
    pg_rows = child_rows(pg_sample.db)
    assert all(pg_rows)
    assert pg_rows == child_rows(sqlite_twin)


def test_a_large_groups_member_rows_copied_into_postgres_equal_sqlite(
    cfg, db, tmp_path: Path, monkeypatch
) -> None:
    # A large group's new member rows go in by COPY (rules/duplicate_joins.py).
    monkeypatch.setattr(duplicate_joins, "RECOMPUTE_UP_TO", 2)
    letter = (
        "Vi støtter forslaget om et åbent lobbyregister for alle ministerier. Registret bør "
        "vise møder, deltagere og emner inden for en uge, så borgerne kan se hvem der påvirker "
        "lovgivningen og hvornår det sker."
    )
    folder = tmp_path / "campaign"
    folder.mkdir()
    for n, own in enumerate(["Borgere", "Data og demokrati", "Kommune", "Aktindsigt nu", ""]):
        body = f"{own} {n}.\n\n{letter}" if own else letter
        write_mail(folder, f"{n}.eml", make_mail(body=body, message_id=f"<c{n}@borgernet.dk>"))
    sqlite = open_database(f"sqlite:///{tmp_path / 'twin.db'}")
    members = []
    for sessions in (db, sqlite):
        run_import(cfg, sessions, folder)
        with sessions() as session:
            (group,) = session.scalars(select(models.DuplicateGroup)).all()
            rows = session.scalars(
                select(models.DuplicateMember).order_by(models.DuplicateMember.proposal_id)
            ).all()
            described = [(m.proposal_id, m.similarity, m.added_text, m.omitted_text) for m in rows]
            members.append((group.size, group.distinct, group.common_text, described))
    assert members[0][0] == 5
    assert members[0] == members[1]
