"""--pseudonymize reads lines before they are joined (issue 20 item 4): co-signers, name
parts in any case and ASCII spelling, ordinary Danish words that stay, contact blocks, own
mail domains, hashed Message-IDs, titles joined from letterhead lines, offices' names."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from hoering.export.privacy import Policy, apply
from hoering.export.pseudonymize import pseudonymize_text, signers
from hoering.export.run import ExportOptions, run_attachment_export, run_export
from hoering.export.views import InitiativeView, ReplyView
from hoering.glossary import ORIGINALS
from hoering.store.db import open_database
from hoering.store.pseudonyms import respondent_key
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ, add, parsed

POLICY = Policy(pseudonymize=True)


def gone(piece: str, text: str) -> bool:
    return not re.search(rf"(?<![^\W_]){re.escape(piece)}(?![^\W_])", text, re.IGNORECASE)


def test_co_signers_in_the_closing_are_named_everywhere() -> None:
    text = (
        "Poul Erik har siddet i kommunalbestyrelsen i to perioder.\n\nMed venlig hilsen\n\n"
        "Karen Dalsgaard og Poul Erik Thygesen\nRibe"
    )
    names = ["Karen Dalsgaard", *signers(text)]
    result = pseudonymize_text(text, names, "Borger 2", "karen.dalsgaard@mail.dk")
    assert all(gone(p, result) for p in ("Karen", "Dalsgaard", "Poul", "Erik", "Thygesen"))
    assert "kommunalbestyrelsen" in result and "Ribe" in result


def test_a_shared_surname_goes_to_each_signer_and_the_verb_stays() -> None:
    text = "Vi vil gerne have lov at bidrage.\n\nMange hilsner\nLene og Torben Have\nEgevænget 3"
    assert signers(text) == ["Lene Have", "Torben Have"]
    result = pseudonymize_text(text, ["Lene Have", *signers(text)], "Borger 3", "lt@hotmail.com")
    assert "gerne have lov" in result
    assert all(gone(p, result) for p in ("Lene", "Torben", "Egevænget 3"))
    assert not re.search(r"\bHave\b", result)


def test_file_names_lose_name_parts_in_ascii_spelling_and_lower_case() -> None:
    names = ["Søren Grønbech", "Kirsten Bak Holm"]
    for name in ("Hoeringssvar_Soeren_Groenbech.pdf", "kirsten bak holm - ogp forslag.docx"):
        result = pseudonymize_text(name, names, "Borger 4", "x@jubii.dk")
        assert all(gone(p, result) for p in ("Soeren", "Groenbech", "kirsten", "bak", "holm"))
        assert result.endswith((".pdf", "ogp forslag.docx")), result


def test_ordinary_words_stay_in_running_text() -> None:
    text = "Skovrejsning og en bakke med skov.\n\nMvh\nMette Skov"
    result = pseudonymize_text(text, ["Mette Skov"], "Borger 5", "metteskov71@icloud.com")
    assert "Skovrejsning og en bakke med skov." in result and gone("Skov", result.split("\n")[-1])


def test_street_lines_and_bare_numbers_in_a_signature_block_go() -> None:
    text = (
        "Forslag 2\nAlle kommuner bør svare.\n\nMed venlig hilsen\nRasmus Dal\n"
        "Dæmningen 31, 1. th.\n40125577"
    )
    result = pseudonymize_text(text, ["Rasmus Dal"], "Borger 6", "rasmus.dal@outlook.dk")
    assert all(gone(p, result) for p in ("Dæmningen", "40125577", "Rasmus"))
    assert result.startswith("Forslag 2\n")


def test_a_private_senders_own_domain_goes_and_webmail_stays() -> None:
    text = "Niels Aagesen\nwww.aagesen.dk\nSkrevet med gmail.com"
    result = pseudonymize_text(text, ["Niels Aagesen"], "Borger 8", "niels@aagesen.dk")
    assert gone("aagesen.dk", result) and "gmail.com" in result
    webmail = pseudonymize_text(text, ["Niels Aagesen"], "Borger 8", "niels@gmail.com")
    assert "gmail.com" in webmail


def view(**fields) -> ReplyView:
    base = dict(
        id=1, received_at=None, sent_at=None, late=False, sender_name="Hanne Berg",
        sender_email="hanne@hberg.dk", respondent_name="Hanne Berg", organisation="",
        respondent_type="borger", respondent_rule="", subject="OGP", themes=(), status="ny",
        decision="", reason="", notes="", assignee="", duplicate_group="", language="da",
        flags=(), references=(), attachments=(), message_id="000$@hberg.dk", source="",
        reply_text="", text="",
    )  # fmt: skip
    return ReplyView(**(base | fields))


def test_a_borgers_message_id_is_hashed() -> None:
    shown = apply(view(), POLICY, {respondent_key("hanne@hberg.dk"): 3})
    assert shown.sender_name == "Borger 3" and "hberg" not in shown.message_id
    assert shown.message_id.startswith("sha256:")


def test_a_title_joined_from_letterhead_lines_is_redacted_line_by_line() -> None:
    text = "Hanne Berg\nLærkevej 5\n7400 Herning\nTelefon 97 12 34 56\n\nTak for invitationen."
    item = InitiativeView(
        "1.1", 1, "Lærkevej 5 7400 Herning Telefon 97 12 34 56 Tak for invitationen", text, (),
        (), "", "", "ny", "", "", "", "", "auto", "single", "brødtekst",
    )  # fmt: skip
    (shown,) = apply(view(initiatives=(item,)), POLICY, {}).initiatives
    assert all(gone(p, shown.title) for p in ("Lærkevej", "7400", "Herning", "97 12 34 56"))


def test_the_office_that_sent_a_letter_on_keeps_its_name() -> None:
    letter = (
        "Vi sender den videre.\n\nMed venlig hilsen\nBorgerservice Aarhus\n\n"
        "Fra: Yusuf Demir\n\nVenlig hilsen\nYusuf Demir\nGudrunsvej 40, 3. mf."
    )
    office = view(sender_name="Borgerservice Aarhus", sender_email="borgerservice@aarhus.dk",
                  respondent_name="Borgerservice Aarhus", text=letter)  # fmt: skip
    shown = apply(office, POLICY, {})
    assert shown.sender_name == "Borgerservice Aarhus"
    assert "Med venlig hilsen\nBorgerservice Aarhus\n" in shown.text
    assert gone("Yusuf", shown.text) and gone("Gudrunsvej", shown.text)


def test_a_pseudonymized_manifest_names_no_search_term(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'h.db'}")
    add(db, parsed(body="Tak.\n\nMvh\nIda Rasmussen", sender_name="Ida Rasmussen",
                   sender_email="ida@gmail.com"))  # fmt: skip
    with db() as session:
        flt = ProposalFilter(search="Rasmussen")
        options = ExportOptions("jsonl", pseudonymize=True)
        result = run_export(session, flt, tmp_path / "svar.jsonl", options, TZ)
    manifest = json.loads(result.manifest.read_text("utf-8"))
    assert manifest["filters"] == {"search": "[udeladt]"} and "Rasmussen" not in json.dumps(
        manifest
    )


def test_the_attachments_manifest_says_the_originals_hold_personal_data(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'h.db'}")
    with db() as session:
        result = run_attachment_export(session, ProposalFilter(), tmp_path / "bilag")
    assert json.loads(result.manifest.read_text("utf-8"))["notice"] == ORIGINALS


def test_views_are_frozen() -> None:
    assert dataclasses.is_dataclass(ReplyView) and ReplyView.__dataclass_params__.frozen


def test_a_title_within_its_first_line_is_left_as_it_is() -> None:
    text = "Borgerdeltagelse: Når staten sender lovforslag i høring, bør alle svar offentliggøres."
    item = InitiativeView(
        "1.1", 1, "Borgerdeltagelse", text, (), (), "", "", "ny", "", "", "", "", "auto",
        "list", "brødtekst",
    )  # fmt: skip
    (shown,) = apply(view(initiatives=(item,)), POLICY, {}).initiatives
    assert shown.title == "Borgerdeltagelse"


LINES = (
    "Kommunalbestyrelsens møder bør kunne følges på internettet\n"
    "og på biblioteket, og referaterne skal skrives i et klart sprog."
)
CUT = "Kommunalbestyrelsens møder bør kunne følges på internettet og på biblioteket, og…"


def test_a_cut_title_over_two_lines_without_personal_data_stays_as_stored() -> None:
    item = InitiativeView(
        "1.1", 1, CUT, LINES, (), (), "", "", "ny", "", "", "", "", "auto", "list", "brødtekst",
    )  # fmt: skip
    (shown,) = apply(view(initiatives=(item,)), POLICY, {}).initiatives
    assert shown.title == CUT


def test_a_cut_title_whose_lines_name_the_sender_stays_cut() -> None:
    # The pseudonym is shorter than the name: the redacted lines fit in the title's length,
    # and the title must still stop where it stopped, not run on to the lines' end.
    name = "Anne-Marie Christiansen-Bergholt"
    lines = (
        f"{name} foreslår: Kommunalbestyrelsens møder bør kunne følges\n"
        "på internettet og på biblioteket."
    )
    title = f"{name} foreslår: Kommunalbestyrelsens møder bør kunne følges på…"
    item = InitiativeView(
        "1.1", 1, title, lines, (), (), "", "", "ny", "", "", "", "", "auto", "list", "brødtekst",
    )  # fmt: skip
    sender = view(sender_name=name, respondent_name=name, text=lines)
    (shown,) = apply(dataclasses.replace(sender, initiatives=(item,)), POLICY, {}).initiatives
    assert gone("Bergholt", shown.title) and shown.title.endswith("…")
    assert len(shown.title) <= len(title)
