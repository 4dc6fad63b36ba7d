"""`hoering purge --raw-before DATE`: the raw mail of old replies goes, their text, fields
and decisions stay; confirmed like forget, logged, idempotent, and every place that served
the raw bytes says they were purged."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from hoering import config as config_module
from hoering import pipeline
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.cli import run
from tests.kit.mails import make_mail, write_config
from tests.kit.web import make_app

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two replies: one received in July 2017 with an attachment, one in August."""
    tmp_path = tmp_path_factory.mktemp("purge")
    path = write_config(tmp_path)
    old = make_mail(
        body="Gammelt svar om åbne data.\n",
        message_id="<gammel@x.dk>",
        date=datetime(2017, 7, 10, 9, tzinfo=UTC),
        attachments=[("bilag.pdf", "application/pdf", PDF)],
    )
    new = make_mail(
        body="Nyt svar.\n", message_id="<ny@x.dk>", date=datetime(2017, 8, 10, 9, tzinfo=UTC)
    )
    (tmp_path / "gammel.eml").write_bytes(old)
    (tmp_path / "ny.eml").write_bytes(new)
    cfg = config_module.load_config(path)
    assert pipeline.import_paths(cfg, open_database(cfg.store_url), [tmp_path]).stored == 2
    return path


@pytest.fixture
def config(imported: Path, tmp_path: Path) -> Path:
    shutil.copytree(imported.parent, tmp_path / "copy")
    return tmp_path / "copy" / imported.name


def hoering(capsys, monkeypatch, config: Path, *args: str) -> str:
    code, out, err = run(capsys, monkeypatch, *args, "--config", str(config))
    assert code == 0, err
    return out


def raw_rows(config: Path) -> dict[str, models.RawMessage]:
    cfg = config_module.load_config(config)
    with open_database(cfg.store_url)() as session:
        return {row.message_id: row for row in session.scalars(select(models.RawMessage))}


def purge(capsys, monkeypatch, config: Path) -> str:
    return hoering(capsys, monkeypatch, config, "purge", "--raw-before", "2017-08-01", "--yes")


def test_purge_drops_old_raw_mail_and_keeps_text_and_review(capsys, monkeypatch, config) -> None:
    hoering(capsys, monkeypatch, config, "review", "1", "--decision", "optaget")
    out = purge(capsys, monkeypatch, config)
    assert "purged the raw mail of 1 reply received before 2017-08-01" in out
    rows = raw_rows(config)
    assert rows["gammel@x.dk"].data == b"" and rows["gammel@x.dk"].purged_at is not None
    assert rows["gammel@x.dk"].size > 0 and rows["ny@x.dk"].data.startswith(b"From:")
    shown = hoering(capsys, monkeypatch, config, "show", "1")
    assert "Gammelt svar om åbne data." in shown and "Original mail" in shown and "slettet" in shown
    listed = hoering(capsys, monkeypatch, config, "list", "--decision", "optaget")
    assert listed.startswith("1 proposal")  # the decision is kept


def test_purge_is_logged_without_personal_data(capsys, monkeypatch, config) -> None:
    purge(capsys, monkeypatch, config)
    cfg = config_module.load_config(config)
    with open_database(cfg.store_url)() as session:
        (log,) = session.scalars(select(models.PurgeLog))
    assert log.messages == 1 and log.by
    assert log.cutoff == datetime(2017, 7, 31, 22, tzinfo=UTC)  # 2017-08-01 in Copenhagen


def test_purging_again_purges_nothing_and_logs_nothing(capsys, monkeypatch, config) -> None:
    purge(capsys, monkeypatch, config)
    out = purge(capsys, monkeypatch, config)
    assert out.startswith("nothing to purge: no reply received before 2017-08-01")
    cfg = config_module.load_config(config)
    with open_database(cfg.store_url)() as session:
        assert len(session.scalars(select(models.PurgeLog)).all()) == 1


def test_declined_purge_deletes_nothing_and_exits_0(capsys, monkeypatch, config) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    out = hoering(capsys, monkeypatch, config, "purge", "--raw-before", "2017-08-01")
    assert "raw mail of 1 reply received before 2017-08-01" in out
    assert out.rstrip().endswith("nothing deleted")
    assert raw_rows(config)["gammel@x.dk"].purged_at is None


def test_reparse_and_export_attachments_say_the_mail_was_purged(
    capsys, monkeypatch, config, tmp_path
) -> None:
    purge(capsys, monkeypatch, config)
    out = hoering(capsys, monkeypatch, config, "reparse", "--all")
    assert "proposal 1: raw mail purged" in out and "raw mail purged 1, kept as stored" in out
    folder = tmp_path / "bilag"
    out = hoering(capsys, monkeypatch, config, "export-attachments", "-o", str(folder))
    assert "the raw mail of 1 reply (1) was purged" in out
    assert "Gammelt svar" in hoering(capsys, monkeypatch, config, "show", "1")  # text kept


def test_the_desk_says_the_mail_was_purged(capsys, monkeypatch, config) -> None:
    purge(capsys, monkeypatch, config)
    cfg = config_module.load_config(config)
    with TestClient(make_app(cfg)) as client:
        page = client.get("/proposals/1")
        eml = client.get("/proposals/1/mail.eml")
        attachment = client.get("/proposals/1/attachments/1")
        kept = client.get("/proposals/2/mail.eml")
    assert page.status_code == 200 and "mail.eml" not in page.text and "slettet" in page.text
    assert (eml.status_code, attachment.status_code, kept.status_code) == (410, 410, 200)
    assert "slettet (hoering purge)" in eml.text and "bevaret" in attachment.text
