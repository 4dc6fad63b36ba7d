"""Normalized proposals on the sample inbox: respondents, cleaned replies, flags, themes and
the campaign group, computed at import; reparse refreshes them but keeps reviewer choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hoering.config import load_config
from hoering.pipeline import import_paths, reparse
from hoering.rules.derive import normalize_proposal
from hoering.store import models
from hoering.store.db import open_database
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("sample")
    cfg = load_config(write_config(folder))
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [SAMPLE_INBOX])
    with sessions() as session:
        rows = session.scalars(select(models.Proposal).order_by(models.Proposal.id)).unique().all()
        by_email = {p.sender_email: p for p in rows}
        for p in rows:
            _ = p.themes
        groups = session.scalars(select(models.DuplicateGroup)).all()
        members = [sorted(by_id_email(rows, m.proposal_id) for m in g.members) for g in groups]
    return by_email, members


def by_id_email(rows, proposal_id: int) -> str:
    return next(p.sender_email for p in rows if p.id == proposal_id)


@pytest.mark.parametrize(
    ("email", "type_", "organisation"),
    [
        ("mette.lund@borgernet.example", "borger", ""),
        ("sekretariat@dfdd.example", "organisation", "Dansk Forening for Digital Demokrati"),
        ("jonas.bech@dataklar.example", "virksomhed", "Dataklar ApS"),
        ("hm@nordlys-software.example", "virksomhed", "Nordlys Software A/S"),
        ("pvi@nordby.dk", "offentlig myndighed", "Nordby Kommune"),
        ("anne.kjaer@regionsydkyst.example", "offentlig myndighed", "Region Sydkyst"),
        ("kontakt@gennemsigtighednu.example", "organisation", "Foreningen Gennemsigtighed Nu"),
    ],
)
def test_respondent_type_and_organisation(sample, email: str, type_: str, organisation) -> None:
    proposal = sample[0][email]
    assert (proposal.respondent_type, proposal.respondent_organisation) == (type_, organisation)
    assert proposal.respondent_rule and proposal.respondent_type_source == "auto"


@pytest.mark.parametrize(
    "email",
    [
        "mette.lund@borgernet.example",  # file 01: the reply attached as an .eml
        "sekretariat@dfdd.example",  # file 03: an Outlook "VS: VS:" chain below the note
    ],
)
def test_forwarded_replies_are_flagged(sample, email: str) -> None:
    assert sample[0][email].forwarded


def test_unforwarded_reply_is_not_flagged(sample) -> None:
    assert not sample[0]["hm@nordlys-software.example"].forwarded


def test_forwarded_eml_is_the_replys_content(sample) -> None:
    # File 01: the body is a cover note; the proposals are in the attached mail.
    reply = sample[0]["mette.lund@borgernet.example"].reply_text
    assert "Jeg videresender det derfor her" in reply
    assert "budgetter og regnskaber som åbne data" in reply
    assert "Dato:" not in reply and "Skovvej 12" not in reply  # header lines, signature


def test_foreningen_aaben_kommune_is_an_organisation(sample) -> None:
    proposal = sample[0]["formand@aabenkommune.example"]
    assert proposal.respondent_type == "organisation"
    assert proposal.respondent_organisation == "Foreningen Åben Kommune"


def test_library_sending_a_citizens_scanned_letter(sample) -> None:
    # File 15: Nordby Bibliotek sends Grethe Villadsen's scanned letter.
    proposal = sample[0]["bibliotek@nordby.dk"]
    assert (proposal.respondent_name, proposal.respondent_type) == ("Grethe Villadsen", "borger")
    assert proposal.respondent_organisation == ""


def test_company_rule_is_shown(sample) -> None:
    assert sample[0]["jonas.bech@dataklar.example"].respondent_rule_id == "company-form"


def test_campaign_letters_form_one_group(sample) -> None:
    # Files 10 and 11: the same form letter, each with a sentence of its own.
    assert sample[1] == [["bo.andersen@eksempel.dk", "ida.rasmussen@borgernet.example"]]


def test_themes_record_their_triggers_and_version(sample) -> None:
    themes = {t.theme: t for t in sample[0]["hm@nordlys-software.example"].themes}
    assert "open source" in themes["aabne-data"].words
    assert themes["aabne-data"].codebook_version == "ogp-2017-1"


def test_attachment_only_reply_is_flagged(sample) -> None:
    # File 13: the body is only "Se vedhæftede høringssvar."; the reply is in the PDF.
    proposal = sample[0]["aoe@groenenergidata.example"]
    assert proposal.points_to_attachment and proposal.language == "da"


def test_cleaned_reply_keeps_the_original_beside_it(sample) -> None:
    # File 02: an Outlook reply quoting the call below a signature.
    proposal = sample[0]["soeren.joergensen@borgernet.example"]
    assert len(proposal.reply_text) < len(proposal.body_text)
    assert proposal.reply_text.strip() in proposal.body_text


def one_mail_db(tmp_path: Path, body: str):
    cfg = load_config(write_config(tmp_path))
    sessions = open_database(cfg.store_url)
    path = tmp_path / "svar.eml"
    path.write_bytes(make_mail(body=body, sender="Lone Berg <lb@gmail.com>"))
    import_paths(cfg, sessions, [path])
    return cfg, sessions


def test_no_comments_and_references_are_kept(tmp_path: Path) -> None:
    body = "Hej\n\nIngen bemærkninger.\n\nVenlig hilsen\nLone Berg\nVores ref.: 2017-4711\n"
    _, sessions = one_mail_db(tmp_path, body)
    with sessions() as session:
        proposal = session.scalars(select(models.Proposal)).one()
    assert proposal.no_comments
    assert proposal.reference_numbers == ("Vores ref.: 2017-4711",)


def test_reparse_keeps_the_reviewers_type(tmp_path: Path) -> None:
    cfg, sessions = one_mail_db(tmp_path, "Vi foreslår åbne data om alle kommunale indkøb.\n")
    with sessions.begin() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        proposal.respondent_type, proposal.respondent_type_source = "virksomhed", "reviewer"
        proposal.reply_text = "stale"
    reparse.reparse(cfg, sessions, reparse.Selection(all=True))
    with sessions() as session:
        proposal = session.scalars(select(models.Proposal)).one()
    assert (proposal.respondent_type, proposal.respondent_type_source) == (
        "virksomhed",
        "reviewer",
    )
    assert proposal.reply_text.startswith("Vi foreslår")  # auto fields were refreshed


def test_retagging_keeps_reviewer_rows(tmp_path: Path) -> None:
    _, sessions = one_mail_db(tmp_path, "Vi foreslår åbne data om alle kommunale indkøb.\n")
    with sessions.begin() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        proposal.themes.append(
            models.ProposalTheme(theme="demokrati", label="d", source="reviewer", active=True)
        )
        next(t for t in proposal.themes if t.theme == "aabne-data").source = "reviewer"
        next(t for t in proposal.themes if t.theme == "aabne-data").active = False
    with sessions.begin() as session:
        proposal = session.scalars(select(models.Proposal)).one()
        normalize_proposal(proposal)
    with sessions() as session:
        themes = {t.theme: t.active for t in session.scalars(select(models.ProposalTheme))}
    assert themes == {"demokrati": True, "aabne-data": False}
