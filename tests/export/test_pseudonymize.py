"""--pseudonymize holds: nothing exported identifies a citizen.

Realistic Danish signatures and letterheads as citizens write them (Outlook, Gmail, iPhone,
typed letters read by OCR), each with what must not survive; then the sample inbox exported
in every format, searched for the citizens' names, addresses and numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from hoering.config import load_config
from hoering.export.notat import Consultation
from hoering.export.pseudonymize import pseudonymize_text
from hoering.export.run import ExportOptions, run_export, run_notat
from hoering.pipeline import import_paths
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ
from tests.kit.mails import write_config
from tests.kit.paths import SAMPLE_INBOX

# (text, names known for the sender, sender address, strings that must be gone)
SIGNATURES = [
    ("Mvh\nSøren\n\n-- \nSøren Ærø Jørgensen\nTlf. 11 22 33 44",
     ["Søren Ærø Jørgensen"], "soeren@borgernet.example", ["Søren", "Jørgensen", "11 22 33 44"]),
    ("Venlig hilsen\nGrethe Villadsen\nEngtoften 3\n9999 Nordby",
     ["Grethe Villadsen"], "bibliotek@nordby.dk", ["Grethe", "Villadsen", "Engtoften", "9999"]),
    ("Hermed høringssvar fra Grethe Villadsen, som har bedt biblioteket om at sende det.",
     ["Grethe Villadsen"], "bibliotek@nordby.dk", ["Grethe", "Villadsen"]),
    ("Med venlig hilsen\n\nMette Lund\nSkovvej 12, 9999 Nordby\nmette.lund@borgernet.example",
     ["Mette Lund"], "mette.lund@borgernet.example", ["Mette", "Lund", "Skovvej", "borgernet"]),
    ("Kh Bo\n\nSendt fra min iPhone", ["Bo Andersen"], "bo@eksempel.dk", ["Bo"]),
    ("Bedste hilsner\nKirsten Holm\nLærkevænget 21\n5000 Odense C\nMobil: +45 20 30 40 50",
     ["Kirsten Holm"], "kh@gmail.com",
     ["Kirsten", "Holm", "Lærkevænget", "Odense", "+45 20 30 40 50"]),
    ("Hilsen Peter\nPeter Vinther Madsen, Nørregade 7, 2. th., 8000 Aarhus C, tlf. 86 12 34 56",
     ["Peter Vinther Madsen"], "pvm@hotmail.com",
     ["Peter", "Vinther", "Nørregade", "Aarhus", "86 12 34 56"]),
    ("Anne-Marie Kjær\nGammel Kongevej 12A, st. tv.\n1610 København V",
     ["Anne-Marie Kjær"], "amk@mail.dk", ["Anne-Marie", "Kjær", "Kongevej", "1610"]),
    ("Med venlig hilsen\nJens Peter Hansen\nH.C. Andersens Boulevard 27, 1. sal\n1553 København V",
     ["Jens Peter Hansen"], "jph@jubii.dk", ["Jens", "Hansen", "Boulevard 27", "1553"]),
    ("Lone Berg · Åvej 2 · 7100 Vejle · lone.berg@outlook.dk · 2233 4455",
     ["Lone Berg"], "lone.berg@outlook.dk", ["Lone", "Berg", "Åvej", "Vejle", "2233 4455"]),
    ("Jeg er enig med min nabo. Hilsen fra Birkely 4, 4000 Roskilde.\nMvh Ole",
     ["Ole Sørensen"], "ole@stofanet.dk", ["Ole", "Birkely", "Roskilde"]),
    ("Venlig hilsen\nFatima El-Amin\nVestergade 3, 3. tv\nDK-5000 Odense\n(+45) 31 31 31 31",
     ["Fatima El-Amin"], "fatima@gmail.com", ["Fatima", "El-Amin", "Vestergade", "31 31 31 31"]),
    ("Emne: Høringssvar fra Karen Marie Bech\nKaren Maries forslag følger her.",
     ["Karen Marie Bech"], "kmb@yahoo.dk", ["Karen", "Marie", "Bech"]),
    ("Vh. Lars\n\nLars Ulrik Nielsen\nPostboks 123\n9999 Nordby",
     ["Lars Ulrik Nielsen"], "lun@youmail.dk", ["Lars", "Nielsen", "Postboks 123", "Nordby"]),
    ("Med venlig hilsen / Best regards\nERIK SCHMIDT\nVed Stranden 10\n1061 København K",
     ["Erik Schmidt"], "erik.schmidt@gmail.com", ["ERIK", "SCHMIDT", "Stranden", "1061"]),
    ("Høringssvar_Ida_Rasmussen.pdf", ["Ida Rasmussen"], "ida@gmail.com", ["Ida", "Rasmussen"]),
    ("Dbh\nSara Lykke Poulsen\nSkolebakken 5, 1. mf.\n8600 Silkeborg\nsara.poulsen@live.dk",
     ["Sara Lykke Poulsen"], "slp@live.dk",
     ["Sara", "Poulsen", "Skolebakken", "Silkeborg", "sara.poulsen@live.dk"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "address", "gone"), SIGNATURES)
def test_signature_and_letterhead_leave_nothing_identifying(
    text: str, names: list[str], address: str, gone: list[str]
) -> None:
    result = pseudonymize_text(text, names, "Borger 7", address)
    for piece in gone:
        assert not re.search(rf"(?<![^\W_]){re.escape(piece)}(?![^\W_])", result), (piece, result)
    assert "Borger 7" in result or "[adresse fjernet]" in result


def test_pseudonymizing_keeps_the_proposal_readable() -> None:
    text = "Jeg foreslår, at 98 kommuner i 2017 offentliggør budgetter som åbne data."
    assert pseudonymize_text(text, ["Ida Rasmussen"], "Borger 1", "ida@gmail.com") == text


# The citizens of the sample inbox and what identifies them (examples/inbox/README.md).
CITIZENS = [
    "Mette Lund", "Mette", "Skovvej", "mette.lund",
    "Søren", "Jørgensen", "11 22 33 44", "soeren",
    "Ida Rasmussen", "ida.rasmussen", "Bo Andersen", "bo.andersen",
    "Grethe", "Villadsen", "Engtoften",
]  # fmt: skip


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample inbox exported with --pseudonymize in every format, as text."""
    folder = tmp_path_factory.mktemp("pseudo")
    cfg = load_config(write_config(folder))
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [SAMPLE_INBOX])
    options = {"pseudonymize": True}
    texts: dict[str, str] = {}
    with sessions() as session:
        for fmt, profile in (
            ("csv", "excel"),
            ("csv", "rfc4180"),
            ("xlsx", "excel"),
            ("jsonl", "excel"),
        ):
            out = folder / f"svar-{profile}.{fmt}"
            run_export(session, ProposalFilter(), out, ExportOptions(fmt, profile, **options), TZ)
            texts[out.name] = _text_of(out)
        consultation = Consultation("OGP", None, None, TZ)
        run_notat(
            session,
            ProposalFilter(),
            folder / "n.docx",
            ExportOptions("notat", **options),
            consultation,
        )
        doc = Document(str(folder / "n.docx"))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        texts["notat"] = "\n".join([p.text for p in doc.paragraphs] + cells)
    for side_file in folder.glob("*-fulltekst/*.txt"):
        texts[side_file.name] = side_file.read_text("utf-8")
    return texts


def _text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return "\n".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    text = path.read_text("utf-8-sig")
    return (
        json.dumps([json.loads(line) for line in text.splitlines()], ensure_ascii=False)
        if path.suffix == ".jsonl"
        else text
    )


@pytest.mark.parametrize("piece", CITIZENS)
def test_no_citizen_is_identifiable_in_any_export_of_the_sample_inbox(
    exports: dict[str, str], piece: str
) -> None:
    leaks = [name for name, text in exports.items() if piece in text]
    assert not leaks, f"{piece!r} in {leaks}"


def test_organisations_stay_named(exports: dict[str, str]) -> None:
    # The notat counts citizens and names none; the other exports show their pseudonyms.
    assert "Nordlys Software A/S" in exports["notat"] and "Borger 1" in exports["svar-excel.csv"]
