"""`hoering review --respondent-name/--organisation`: audited, shown, exported, and kept
through `hoering analyse`, through the real entry point on the sample inbox."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from hoering.config import load_config
from hoering.store import models
from hoering.store.db import _alembic_config, make_engine, open_database
from tests.kit.cli import run
from tests.ui.test_review import NORDLYS, config, proposal, template  # noqa: F401


def test_a_reviewers_respondent_survives_analyse_and_is_exported(
    config: Path,  # noqa: F811
    capsys,
    monkeypatch,
    tmp_path: Path,
) -> None:
    code, out, _ = run(
        capsys, monkeypatch, "review", "--config", str(config), str(NORDLYS),
        "--respondent-name", "Henrik Møller", "--organisation", "", "--type", "borger",
        "--by", "karen",
    )  # fmt: skip
    assert code == 0 and "1 of 1 proposal changed by karen" in out
    assert run(capsys, monkeypatch, "analyse", "--config", str(config))[0] == 0
    row = proposal(config, NORDLYS)
    assert (row.respondent_name, row.respondent_organisation, row.respondent_type) == (
        "Henrik Møller",
        "",
        "borger",
    )
    target = tmp_path / "out.jsonl"
    run(capsys, monkeypatch, "export", "--config", str(config), "--output", str(target))
    exported = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert not any("Nordlys" in (r.get("organisation") or "") for r in exported)


def test_each_respondent_field_is_audited(config: Path, capsys, monkeypatch) -> None:  # noqa: F811
    run(
        capsys, monkeypatch, "review", "--config", str(config), str(NORDLYS),
        "--organisation", "Nordlys Software", "--by", "karen",
    )  # fmt: skip
    with open_database(load_config(config).store_url)() as session:
        events = session.scalars(
            select(models.AuditEvent).where(models.AuditEvent.field == "organisation")
        ).all()
    assert [(e.by, e.old_value, e.new_value) for e in events] == [
        ("karen", "Nordlys Software A/S", "Nordlys Software")
    ]
    _code, out, _ = run(capsys, monkeypatch, "show", "--config", str(config), str(NORDLYS))
    assert "Nordlys Software (sat af sagsbehandler)" in out


def test_the_respondent_is_not_set_on_an_initiative(config: Path, capsys, monkeypatch) -> None:  # noqa: F811
    code, _, err = run(
        capsys, monkeypatch, "review", "--config", str(config), f"{NORDLYS}.1",
        "--organisation", "X",
    )  # fmt: skip
    assert code != 0 and "replies" in err


def test_a_database_at_0011_is_upgraded_with_empty_reviewer_columns(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0011")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO raw_messages (id, dedup_key, sha256, size, data, first_seen_at)"
            " VALUES (1, 'mid:a@x', ?, 1, x'00', '2017-08-01 10:00:00')",
            ("a" * 64,),
        )
    engine.dispose()
    open_database(url)
    columns = {c["name"] for c in inspect(make_engine(url)).get_columns("proposals")}
    assert {"reviewed_respondent_name", "reviewed_organisation"} <= columns
