"""The høringsnotat DOCX: Danish structure, respondents with late ones marked, themes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from hoering import config as config_module
from hoering.export.notat import (
    Consultation,
    danish_date,
    has_no_comments,
    ranked,
    summary_line,
)
from hoering.export.notat_build import build_notat
from hoering.export.notat_docx import write_notat_docx
from hoering.export.notat_intro import introduction
from hoering.export.notat_model import NotatSettings
from hoering.export.notat_themes import sentence_of
from hoering.export.run import ExportOptions, run_notat
from hoering.export.views import AttachmentView, ReplyView
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
    assert found[:4] == [
        "Høringsnotat", "1. Indledning", "2. Generelle bemærkninger",
        "3. Bemærkninger til de enkelte temaer",
    ]  # fmt: skip
    assert found[-2:] == ["4. Ændringer som følge af høringen", "Bilag"]


def test_notat_names_the_period_and_deadline_in_danish(db, tmp_path: Path) -> None:
    seed(db)
    text = "\n".join(p.text for p in notat(db, tmp_path).paragraphs)
    assert "var i høring fra den 3. juli 2017 til den 20. august 2017, i alt 48 dage" in text
    assert "Der er modtaget 2 høringssvar, heraf 1 efter fristen" in text


def test_bilag_table_marks_late_replies_and_counts_citizens_unnamed(db, tmp_path: Path) -> None:
    seed(db)
    bilag = notat(db, tmp_path).tables[0]
    rows = [[cell.text for cell in row.cells] for row in bilag.rows]
    assert rows == [
        ["Bilag", "Høringspart", "Modtaget"],
        ["1", "Region Sydkyst", "22.08.2017 (efter fristen)"],
        ["2", "Borger", "10.08.2017"],
    ]


def test_a_reply_no_candidate_holds_is_a_paragraph_under_its_first_theme(db, tmp_path) -> None:
    seed(db)
    doc = notat(db, tmp_path)
    # "offentliggøre" is a transparency word, "datasæt" and "åbne data" open data; the
    # reply is under its first theme only, its other theme named.
    assert headings(doc)[4] == "3.1. Transparens og ansvarsplacering"
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("3.1. Transparens og ansvarsplacering")
    assert texts[start + 1 : start + 3] == [
        "En borger bemærker: Staten bør offentliggøre flere datasæt som åbne data. "
        "Bemærkningen vedrører også åbne data og open source.",
        "Ministeriets bemærkninger: [udfyldes]",
    ]


def test_notat_names_no_citizen_and_summarizes_around_a_cpr_number(db, tmp_path: Path) -> None:
    add(db, parsed(body="Mit CPR-nummer er 010180-1234. Åbne data, tak.\n\nHilsen\nIda Rasmussen",
                   sender_name="Ida Rasmussen", sender_email="ida@gmail.com"))  # fmt: skip
    doc = notat(db, tmp_path, pseudonymize=True)
    text = " ".join([p.text for p in doc.paragraphs])
    text += " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Ida Rasmussen" not in text
    # The sentence with the CPR number is no summary, redacted or not (issue 19 item 4).
    assert "010180-1234" not in text and "[CPR-nummer fjernet]" not in text
    assert "Åbne data, tak." in text


def test_danish_date() -> None:
    assert danish_date(date(2017, 8, 20)) == "20. august 2017"


def record(**kw) -> ReplyView:
    fields = {name: "" for name in ReplyView.__dataclass_fields__}
    fields.update(id=1, received_at=None, sent_at=None, late=False, themes=(), flags=(),
                  references=(), attachments=())  # fmt: skip
    fields.update(kw)
    return ReplyView(**fields)


def attachment(text: str, detected_type: str = "pdf", path: str = "svar.pdf") -> AttachmentView:
    return AttachmentView(1, 0, path, path, detected_type, "pdftotext", 10, "", "", text)


def test_summary_skips_greeting_and_thanks() -> None:
    reply = "Kære Digitaliseringsstyrelse\nTak for invitationen. Vi ønsker et lobbyregister. Mere."
    assert summary_line(record(reply_text=reply)) == "Vi ønsker et lobbyregister."


def test_summary_of_a_cover_note_reads_the_attachment() -> None:
    # Sample inbox 17: Outlook's winmail.dat repeats the body; the RTF inside holds the reply.
    body = "Grøn Energi Data A/S sender hermed sit høringssvar."
    files = (
        attachment(body, "tnef", "winmail.dat"),
        attachment(
            "Forslag\n\n1. Åbne energidata: Forbrugsdata bør udgives.", "rtf", "winmail.dat/f.rtf"
        ),
    )
    summary = summary_line(record(reply_text=body, attachments=files))
    assert summary == "(bilag) Åbne energidata: Forbrugsdata bør udgives."


def test_no_comments_reply_reads_ingen_bemaerkninger() -> None:
    summary = summary_line(
        record(reply_text="Vi har ingen bemærkninger.", flags=("ingen bemærkninger",))
    )
    assert summary == "Ingen bemærkninger."


def test_a_reply_flagged_without_comments_reads_ingen_bemaerkninger_whatever_its_text() -> None:
    # The flag is the derived judgement (analysis/no_comments.py, tests/rules/
    # test_no_comments_derived.py): the notat reads it, not the letters again.
    reply = record(
        reply_text="Vedlagt Erhvervsstyrelsens svar på høringen.",
        attachments=(attachment("Erhvervsstyrelsen\nLangelinie Allé 17"),),
        flags=("ingen bemærkninger",),
    )

    assert has_no_comments(reply)
    assert summary_line(reply) == "Ingen bemærkninger."  # not "(intet resumé ...)", no letterhead


def test_a_party_that_proposes_in_another_reply_is_not_listed_without_remarks() -> None:
    # Two offices of one styrelse: one has no comments, the other proposes.
    sdfe = {"organisation": "SDFE", "respondent_type": "offentlig myndighed"}
    replies = [
        record(id=1, reply_text="Ingen bemærkninger.", flags=("ingen bemærkninger",), **sdfe),
        record(id=2, reply_text="Vi foreslår fælles åbne adressedata.", **sdfe),
        record(id=3, reply_text="KL har ingen bemærkninger.", flags=("ingen bemærkninger",),
               organisation="KL", respondent_type="organisation"),
    ]  # fmt: skip
    settings = NotatSettings(title="OGP", today=date(2017, 9, 1), tz=TZ)

    intro = introduction(replies, (), settings).paragraphs

    assert "Følgende høringsparter har ingen bemærkninger: KL." in intro


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Åbne data om offentlige udbud", "Åbne data om offentlige udbud."),
        ("Et register over møder, hvor det…", "Et register over møder, hvor det…"),
        ("Hvorfor ikke et lobbyregister?", "Hvorfor ikke et lobbyregister?"),
    ],
)
def test_a_candidates_title_gets_one_stop_and_none_after_an_ellipsis(title, sentence) -> None:
    assert sentence_of(title) == sentence


def test_parties_are_ordered_authorities_organisations_companies_citizens() -> None:
    kinds = ("borger", "virksomhed", "organisation", "offentlig myndighed")
    records = [record(respondent_type=kind, organisation=kind) for kind in kinds]
    assert [r.respondent_type for r in ranked(records)] == [
        "offentlig myndighed", "organisation", "virksomhed", "borger"
    ]  # fmt: skip


def test_header_names_ministry_journal_number_and_date_footer_numbers_pages(
    tmp_path: Path,
) -> None:
    settings = NotatSettings(
        "OGP", date(2017, 9, 1), TZ, "Digitaliseringsstyrelsen", journal_number="2017-1234"
    )
    notat = build_notat([record(reply_text="Staten bør åbne data.")], [], [], settings)
    write_notat_docx(notat, tmp_path / "n.docx", "Digitaliseringsstyrelsen", None)
    section = Document(str(tmp_path / "n.docx")).sections[0]
    assert section.header.paragraphs[0].text == (
        "Digitaliseringsstyrelsen · J.nr. 2017-1234\t1. september 2017"
    )
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Side" in footer


def test_config_reads_the_consultation_title_and_start(tmp_path: Path) -> None:
    extra = 'title = "Høring over OGP"\nstart = 2017-07-03\n'
    cfg = config_module.load_config(write_config(tmp_path, extra))
    assert (cfg.title, cfg.start) == ("Høring over OGP", date(2017, 7, 3))


def test_config_reads_ministry_and_journal_number(tmp_path: Path) -> None:
    extra = 'ministry = "Digitaliseringsstyrelsen"\njournal_number = "2017-1234"\n'
    cfg = config_module.load_config(write_config(tmp_path, extra))
    assert (cfg.ministry, cfg.journal_number) == ("Digitaliseringsstyrelsen", "2017-1234")


def test_config_title_defaults_to_the_ogp_action_plan(tmp_path: Path) -> None:
    cfg = config_module.load_config(write_config(tmp_path))
    assert "Open Government Partnership 2017-2019" in cfg.title and cfg.start is None


def test_config_start_must_be_a_date(tmp_path: Path) -> None:
    with pytest.raises(config_module.ConfigError, match=r"\[consultation\] start"):
        config_module.load_config(write_config(tmp_path, 'start = "3. juli"\n'))


def test_summary_skips_the_header_lines_of_a_forwarded_mail() -> None:
    from hoering.export.views import ReplyView

    fields = {name: "" for name in ReplyView.__dataclass_fields__}
    fields.update(id=1, received_at=None, sent_at=None, late=False, themes=(), flags=(),
                  references=(), attachments=())  # fmt: skip
    fields["reply_text"] = (
        "Fra: Mette Lund\nDato: 27. juli 2017\nEmne: OGP\n\nVi vil have åbne data."
    )
    assert summary_line(ReplyView(**fields)) == "Vi vil have åbne data."


def test_notat_is_danish_and_names_its_author_and_title(db, tmp_path: Path) -> None:
    seed(db)
    out, ministry = (
        tmp_path / "notat.docx",
        replace(CONSULTATION, ministry="Digitaliseringsstyrelsen"),
    )
    with db() as session:
        run_notat(session, ProposalFilter(), out, ExportOptions("notat"), ministry)
    doc = Document(str(out))
    props = doc.core_properties
    assert props.title == f"Høringsnotat – {CONSULTATION.title}"
    assert props.author == "Digitaliseringsstyrelsen"
    assert "python-docx" not in (props.comments + props.last_modified_by)
    assert props.language == "da-DK"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert lang.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "da-DK"


def test_pseudonyms_are_in_numeric_order() -> None:
    names = ("Borger 10", "Borger 2", "Borger 1")
    records = [record(respondent_type="borger", respondent_name=name) for name in names]
    assert [r.respondent_name for r in ranked(records)] == ["Borger 1", "Borger 2", "Borger 10"]
