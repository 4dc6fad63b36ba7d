"""--pseudonymize tried as a newcomer would (round 11): citizens' replies written for this
test, with issue 20's pieces planted the ways people write them, imported as mail and
exported in every format. Each of these survived before: a relative named in a sentence,
a one-line signature parted by commas, a street after "bor på", half of a double surname,
initials, and ordinary-word names spelt in ASCII in file names."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from hoering.config import load_config
from hoering.export.notat import Consultation
from hoering.export.pseudonymize import people_named, pseudonymize_text
from hoering.export.run import ExportOptions, run_export, run_notat
from hoering.pipeline import import_paths
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ
from tests.kit.mails import make_mail, write_config

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def gone(piece: str, text: str) -> bool:
    return not re.search(rf"(?<![^\W_]){re.escape(piece)}", text, re.IGNORECASE)


def _pseudonymized(text: str, sender: str, address: str = "x@gmail.com") -> str:
    return pseudonymize_text(text, people_named([sender], [text]), "Borger 4", address)


def test_a_relative_named_in_a_sentence_goes() -> None:
    text = "Jeg skriver også på vegne af min mand, Torben Ravnsholt.\n\nVenlig hilsen\nKirsten Dam"
    result = _pseudonymized(text, "Kirsten Dam")
    assert gone("Torben", result) and gone("Ravnsholt", result) and "min mand" in result


def test_a_relative_is_a_person_not_an_association() -> None:
    text = "Jeg har talt med min nabo Foreningen Bakkely om det."
    assert people_named(["Kirsten Dam"], [text]) == ["Kirsten Dam"]


def test_names_joined_to_the_senders_by_og_go() -> None:
    text = "Vi, Henriette og Kasper Bundgaard, foreslår det. Jeg og Danske Regioner er enige."
    result = _pseudonymized(text, "Henriette Bundgaard")
    assert gone("Kasper", result) and gone("Henriette", result), result
    assert "Danske Regioner" in result  # joined to no known name ("Jeg og ...")


def test_a_surname_that_is_the_own_domain_reads_as_the_name() -> None:
    text = "Mvh. Ole B. Kragh\nSe kragh.dk"
    names = people_named(["Ole Bjørn Kragh"], [text])
    result = pseudonymize_text(text, names, "Borger 9", "obk@kragh.dk")
    assert result == "Mvh. Borger 9 B. Borger 9\nSe [e-mailadresse fjernet]", result


def test_a_one_line_signature_parted_by_commas() -> None:
    text = "Jeg foreslår et register.\n\nJens Ole Hviid, Slotsholmen 4, 1. tv., 22334455"
    result = _pseudonymized(text, "Jens Ole Hviid")
    assert result.endswith("Borger 4, [adresse fjernet], [telefonnummer fjernet]"), result


def test_the_name_before_a_signature_lines_address_is_a_signer() -> None:
    # From held only the address: the name is read from "Jonna Kvist Thrane · Egebæksvej 3".
    text = (
        "Jonna Kvist Thrane foreslår også en app.\n\nMvh Jonna\n\n"
        "Jonna Kvist Thrane · Egebæksvej 3 · 2233 4455"
    )
    result = _pseudonymized(text, "")
    assert all(gone(p, result) for p in ("Jonna", "Kvist", "Thrane", "Egebæksvej", "2233"))


def test_a_street_after_bor_paa_goes_in_running_text() -> None:
    text = "Jeg hedder Anne Bech og bor på Slotsholmen 4. Adresse: Overgaden 11, 2. th."
    result = _pseudonymized(text, "Anne Bech")
    assert gone("Slotsholmen", result) and gone("Overgaden", result), result
    assert result.startswith("Jeg hedder Borger 4 og bor på [adresse fjernet].")


def test_living_in_a_town_or_for_years_is_no_address() -> None:
    text = "Jeg bor i Holbæk Kommune og har boet i 12 år på landet."
    assert _pseudonymized(text, "Anne Bech") == text


def test_each_half_of_a_double_surname_and_initials_go() -> None:
    text = "Familien Aagaard har drøftet det.\nSKG 2017\nHOLM"
    result = pseudonymize_text(
        text, ["Henriette Aagaard-Holm", "Søren Kjær Grønbech"], "Borger 1", "h@gmail.com"
    )
    assert gone("Aagaard", result) and gone("SKG", result) and gone("HOLM", result), result


def test_ordinary_word_names_spelt_in_ascii_go_and_the_words_stay() -> None:
    names = ["Lærke Søndergaard", "Søren Kjær"]
    result = pseudonymize_text(
        "laerkes_forslag.txt soren_kjaer.docx En lærke synger, jeg vil gerne have svar.",
        names,
        "Borger 3",
        "l@hotmail.com",
    )
    assert gone("laerke", result) and gone("kjaer", result), result
    assert "En lærke synger, jeg vil gerne have svar." in result


def _letter(paragraphs: list[str]) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


MAILS = [
    make_mail(
        "OGP-høring: vores forslag",
        "Hej\n\nVedhæftet vores forslag. Familien Aagaard har drøftet det længe.\n\n"
        "Mvh\nHenriette\n",
        sender="Henriette Aagaard-Holm <henriette.ah@gmail.com>",
        message_id="<20170801.4711@post.aagaardholm.dk>",
        attachments=[
            (
                "forslag fra henriette og kasper.docx",
                DOCX,
                _letter(
                    [
                        "Henriette Aagaard-Holm og Kasper Bundgaard",
                        "Åboulevarden 45, st. th.",
                        "Tlf. 20 45 67 89",
                        "Vi foreslår borgerbudgetter i alle kommuner.",
                        "Med venlig hilsen",
                        "Henriette og Kasper",
                    ]
                ),
            )
        ],
    ),
    make_mail(
        "OGP-høring",
        "Til rette vedkommende\n\nJeg foreslår, at staten offentliggør alle aktindsigter.\n\n"
        "Jens Ole Hviid, Slotsholmen 4, 1. tv., 22334455\n",
        sender="Jens Ole Hviid <joh@hviid-consult.dk>",
        message_id="<CAF1234@mail.gmail.com>",
    ),
    make_mail(
        "SV: OGP-høring",
        "Lærke Søndergaard\nSkovbrynet 7\n5700 Svendborg\nTelefon 61 23 45 67\n"
        "Jeg synes at man skal lave et lobbyregister for Folketinget.\n\nVenlig hilsen\nLærke\n",
        sender="laerke.s@hotmail.com",
        message_id="<a1b2c3@hotmail.com>",
        attachments=[
            (
                "laerkes_forslag_soendergaard.txt",
                "text/plain",
                "Lærke Søndergaard\nSkovbrynet 7\n\nForslag: Lobbyregister\n".encode(),
            )
        ],
    ),
    make_mail(
        "OGP-høring",
        "Hej\n\nMit forslag: Kommunerne bør offentliggøre budgetter som åbne data.\n"
        "Jonna Kvist Thrane foreslår også en app.\n\nMvh Jonna\n\n"
        "Jonna Kvist Thrane · Egebæksvej 3 · 2233 4455\n",
        sender="jkt1961@mail.dk",
        message_id="<20170801.0815@jkt.mail.dk>",
    ),
    make_mail(
        "OGP-høring: Anne-Maries forslag",
        "Kære alle\n\nJeg hedder Anne-Marie Bech og bor på Slotsholmen 4.\n\n"
        "Forslag 1: Åbne data om trafik\nAnne-Marie Bechs første forslag er åbne trafikdata.\n\n"
        "Forslag 2: Borgerpanel\nEt fast borgerpanel om digitalisering.\n\n"
        "Hilsen\nAnne-Marie Bech og Poul Bech\n",
        sender="Anne-Marie Bech <amb@bech-familien.dk>",
        message_id="<abc.123@bech-familien.dk>",
    ),
    make_mail(
        "OGP-høring",
        "Kære Digitaliseringsstyrelse\n\nJeg skriver også på vegne af min mand, Torben "
        "Ravnsholt.\n\nVi foreslår, at kommunerne svarer borgerne inden for 14 dage.\n\n"
        "Venlig hilsen\nKirsten Dam\nHybenvænget 9\n4000 Roskilde\n",
        sender="Kirsten Dam <kirsten.dam@outlook.dk>",
        message_id="<kdam@outlook.dk>",
    ),
]
PLANTED = [
    "Henriette", "Aagaard", "Kasper", "Bundgaard", "Åboulevarden", "20 45 67 89", "aagaardholm",
    "Hviid", "Slotsholmen", "22334455", "CAF1234", "Lærke", "laerke", "Søndergaard",
    "soendergaard", "Skovbrynet", "61 23 45 67", "Jonna", "Kvist", "Thrane", "Egebæksvej",
    "2233 4455", "Anne-Marie", "Poul", "bech-familien", "Torben", "Ravnsholt", "Kirsten",
    "Hybenvænget", "Roskilde",
]  # fmt: skip


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The six replies imported from .eml files and exported with --pseudonymize."""
    folder = tmp_path_factory.mktemp("plants")
    (folder / "mails").mkdir()
    for number, mail in enumerate(MAILS, 1):
        (folder / "mails" / f"svar-{number}.eml").write_bytes(mail)
    cfg = load_config(write_config(folder, '[match]\nsubject_markers = ["OGP-høring"]\n'))
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [folder / "mails"])
    texts: dict[str, str] = {}
    with sessions() as session:
        for name, fmt, per in (
            ("svar.csv", "csv", "reply"), ("svar.jsonl", "jsonl", "reply"),
            ("svar.xlsx", "xlsx", "reply"), ("initiativer.csv", "csv", "initiative"),
            ("kandidater.csv", "csv", "candidate"), ("parter.csv", "csv", "party"),
        ):  # fmt: skip
            options = ExportOptions(fmt, "excel", pseudonymize=True, per=per)
            run_export(session, ProposalFilter(), folder / name, options, TZ)
            texts[name] = _text(folder / name)
        notat = ExportOptions("notat", pseudonymize=True)
        consultation = Consultation("OGP", None, None, TZ)
        run_notat(session, ProposalFilter(), folder / "n.docx", notat, consultation)
        doc = Document(str(folder / "n.docx"))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        texts["notat"] = "\n".join([p.text for p in doc.paragraphs] + cells)
    for side in folder.glob("*-fulltekst/*.txt"):
        texts[side.name] = side.read_text("utf-8")
    return texts


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return "\n".join(str(c.value) for s in book for row in s.iter_rows() for c in row)
    text = path.read_text("utf-8-sig")
    if path.suffix == ".jsonl":
        return json.dumps([json.loads(line) for line in text.splitlines()], ensure_ascii=False)
    return text


@pytest.mark.parametrize("piece", PLANTED)
def test_no_planted_piece_survives_any_export(exported: dict[str, str], piece: str) -> None:
    leaks = [name for name, text in exported.items() if not gone(piece, text)]
    assert not leaks, f"{piece!r} in {leaks}"


def test_the_replies_stay_readable(exported: dict[str, str]) -> None:
    text = exported["svar.jsonl"]
    assert re.search(r"Jeg hedder Borger \d og bor på \[adresse fjernet\]\.", text)
    assert re.search(r"Borger \d, \[adresse fjernet\], \[telefonnummer fjernet\]", text)
    assert re.search(r"på vegne af min mand, Borger \d\.", text)
