"""The notat's text made from a reply's words elsewhere — a campaign's added sentence, a
candidate's title a reviewer wrote — gets that reply's pseudonym, as the reply's own row
does (export/privacy.text_rule), not only redaction."""

from __future__ import annotations

import pytest
from docx import Document
from sqlalchemy import select

from hoering.config import load_config
from hoering.export.notat import consultation_of
from hoering.export.run import ExportOptions, run_notat
from hoering.pipeline import import_paths
from hoering.rules import candidate_review
from hoering.store import models
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.consultation import CAMPAIGN
from tests.kit.mails import make_mail, write_config

NAME = "Karen Dalsgaard"
ADDED = f"Mit navn er {NAME}, og jeg har selv været whistleblower i en kommune."
SENDERS = (NAME, "Poul Thygesen", "Lise Holm")
# A reply of its own, not in the campaign: its candidate is an entry of section 3.
OWN = ("Niels Bach", "Jeg foreslår, at alle kommuner offentliggør deres postlister hver uge.")


@pytest.fixture(scope="module")
def notat_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("campaign")
    mails = folder / "mails"
    mails.mkdir()
    for n, person in enumerate(SENDERS):
        added = f"\n\n{ADDED}" if n == 0 else ""
        body = f"{CAMPAIGN.strip()}{added}\n\nMed venlig hilsen\n{person}\n"
        sender = f"{person} <borger{n}@borgermail.example>"
        mail = make_mail(body=body, sender=sender, message_id=f"<kampagne-{n}@example>")
        (mails / f"{n}.eml").write_bytes(mail)
    person, text = OWN
    mail = make_mail(
        body=f"Hej\n\n{text}\n\nMed venlig hilsen\n{person}\n",
        sender=f"{person} <niels@borgermail.example>",
        message_id="<egen@example>",
    )
    (mails / "own.eml").write_bytes(mail)
    cfg = load_config(write_config(folder))
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [mails])
    with sessions.begin() as session:
        query = select(models.Initiative).join(models.Proposal)
        own = session.scalars(query.where(models.Proposal.sender_name == OWN[0])).first()
        candidate_review.retitle(session, own.candidate, f"Postlister ({OWN[0]})", "karen")
    out = folder / "notat.docx"
    with sessions() as session:
        options = ExportOptions("notat", pseudonymize=True)
        run_notat(session, ProposalFilter(), out, options, consultation_of(cfg))
    return "\n".join(p.text for p in Document(str(out)).paragraphs)


def test_a_campaigns_added_sentence_gets_its_senders_pseudonym(notat_text: str) -> None:
    assert "har selv været whistleblower i en kommune" in notat_text
    assert "Mit navn er Borger" in notat_text


def test_a_reviewers_candidate_title_gets_its_members_pseudonyms(notat_text: str) -> None:
    assert "Postlister (Borger" in notat_text


def test_no_senders_name_is_in_the_pseudonymized_notat(notat_text: str) -> None:
    assert not [person for person in (*SENDERS, OWN[0]) if person in notat_text]
