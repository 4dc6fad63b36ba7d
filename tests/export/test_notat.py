"""The høringsnotat DOCX: Danish structure, respondents with late ones marked, themes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document

from hoering import config as config_module
from hoering.export.notat import LATE, OTHER, Consultation, danish_date, summary_line
from hoering.export.run import ExportOptions, run_notat
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ, add, parsed
from tests.kit.mails import write_config

CONSULTATION = Consultation(
    "Udkast til OGP-handlingsplan 2017-2019", date(2017, 7, 3), date(2017, 8, 20), TZ
)


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'h.db'}")


def notat(db, tmp_path: Path, **options):
    out = tmp_path / "notat.docx"
    with db() as session:
        run_notat(session, ProposalFilter(), out, ExportOptions("notat", **options), CONSULTATION)
    return Document(str(out))


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def seed(db) -> None:
    add(db, parsed(
        body="Hej\n\nStaten bør offentliggøre flere datasæt som åbne data. Det giver vækst.\n\n"
        "Venlig hilsen\nIda Rasmussen",
        sender_name="Ida Rasmussen", sender_email="ida@gmail.com", message_id="1@x",
    ), key="k1")  # fmt: skip
    add(db, parsed(
        body="Region Sydkyst har ingen yderligere bemærkninger.\n\nMed venlig hilsen\n"
        "Region Sydkyst",
        sender_name="Region Sydkyst", sender_email="post@regionsydkyst.dk", message_id="2@x",
        received_at=datetime.fromisoformat("2017-08-22T09:00:00+02:00"),
    ), key="k2", late=True)  # fmt: skip


def test_notat_has_the_ministry_structure(db, tmp_path: Path) -> None:
    seed(db)
    found = headings(notat(db, tmp_path))
    assert found[0] == "Høringsnotat"
    assert found[1:3] == ["1. Indledning", "Høringsperiode"]
    assert "2. Høringsparter" in found and "3. Høringssvarene" in found
    assert found[-1] == "4. Ændringer i forhold til udkastet"


def test_notat_names_the_period_and_deadline_in_danish(db, tmp_path: Path) -> None:
    seed(db)
    text = "\n".join(p.text for p in notat(db, tmp_path).paragraphs)
    assert (
        "blev sendt i høring den 3. juli 2017 med frist for bemærkninger den 20. august 2017"
        in text
    )
    assert f"Der er modtaget 2 høringssvar, heraf 1 {LATE}" in text


def test_respondent_table_marks_late_replies(db, tmp_path: Path) -> None:
    seed(db)
    parties = notat(db, tmp_path).tables[0]
    rows = [[cell.text for cell in row.cells] for row in parties.rows]
    assert rows[0] == ["Høringspart", "Type", "Modtaget"]
    assert ["Region Sydkyst", "offentlig myndighed", f"22.08.2017 ({LATE})"] in rows
    assert ["Ida Rasmussen", "borger", "10.08.2017"] in rows


def test_replies_are_grouped_per_theme_with_fields_to_fill(db, tmp_path: Path) -> None:
    seed(db)
    doc = notat(db, tmp_path)
    found = headings(doc)
    # "offentliggøre" is a transparency word, "datasæt" and "åbne data" open data.
    assert found[5:8] == [
        "3.1. Transparens og ansvarsplacering", "3.2. Åbne data og open source", f"3.3. {OTHER}"
    ]  # fmt: skip
    theme_table = doc.tables[2]
    assert [c.text for c in theme_table.rows[0].cells] == [
        "Høringspart", "Bemærkning", "Beslutning", "Begrundelse"
    ]  # fmt: skip
    assert [c.text for c in theme_table.rows[1].cells] == [
        "Ida Rasmussen",
        "Staten bør offentliggøre flere datasæt som åbne data.",
        "[udfyldes]",
        "[udfyldes]",
    ]


def test_notat_pseudonymizes_borgere_and_redacts_cpr(db, tmp_path: Path) -> None:
    add(db, parsed(body="Mit CPR-nummer er 010180-1234. Åbne data, tak.\n\nHilsen\nIda Rasmussen",
                   sender_name="Ida Rasmussen", sender_email="ida@gmail.com"))  # fmt: skip
    doc = notat(db, tmp_path, pseudonymize=True)
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Borger 1" in cells and "Ida Rasmussen" not in cells
    assert "010180-1234" not in cells and "[CPR-nummer fjernet]" in cells


def test_danish_date() -> None:
    assert danish_date(date(2017, 8, 20)) == "20. august 2017"


def test_summary_skips_greeting_and_thanks() -> None:
    from hoering.export.record import ExportRecord

    fields = {name: "" for name in ExportRecord.__dataclass_fields__}
    fields.update(id=1, received_at=None, sent_at=None, late=False, themes=(), flags=(),
                  references=(), attachments=())  # fmt: skip
    fields["reply_text"] = (
        "Kære Digitaliseringsstyrelse\nTak for invitationen. Vi ønsker et lobbyregister. Mere."
    )
    assert summary_line(ExportRecord(**fields)) == "Vi ønsker et lobbyregister."


def test_config_reads_the_consultation_title_and_start(tmp_path: Path) -> None:
    extra = 'title = "Høring over OGP"\nstart = 2017-07-03\n'
    cfg = config_module.load_config(write_config(tmp_path, extra))
    assert (cfg.title, cfg.start) == ("Høring over OGP", date(2017, 7, 3))


def test_config_title_defaults_to_the_ogp_action_plan(tmp_path: Path) -> None:
    cfg = config_module.load_config(write_config(tmp_path))
    assert "Open Government Partnership 2017-2019" in cfg.title and cfg.start is None


def test_config_start_must_be_a_date(tmp_path: Path) -> None:
    with pytest.raises(config_module.ConfigError, match=r"\[consultation\] start"):
        config_module.load_config(write_config(tmp_path, 'start = "3. juli"\n'))


def test_summary_skips_the_header_lines_of_a_forwarded_mail() -> None:
    from hoering.export.record import ExportRecord

    fields = {name: "" for name in ExportRecord.__dataclass_fields__}
    fields.update(id=1, received_at=None, sent_at=None, late=False, themes=(), flags=(),
                  references=(), attachments=())  # fmt: skip
    fields["reply_text"] = (
        "Fra: Mette Lund\nDato: 27. juli 2017\nEmne: OGP\n\nVi vil have åbne data."
    )
    assert summary_line(ExportRecord(**fields)) == "Vi vil have åbne data."
