"""Personal data in exports: CPR always out, --redact, --no-redact-cpr, --pseudonymize."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from hoering.export.privacy import Policy
from hoering.export.pseudonymize import replace_names
from hoering.export.run import ExportOptions, privacy_for, records, run_export
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.export import TZ, add, export, parsed

BORGER_BODY = (
    "Hej\n\nJeg foreslår et offentligt lobbyregister. Mit CPR-nr. er 010180-1234, "
    "ring på tlf. 21 43 65 87 eller skriv til ida.rasmussen@gmail.com.\n\n"
    "Venlig hilsen\nIda Rasmussen"
)


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'h.db'}")


def exported(db, tmp_path: Path, **options) -> dict:
    export(db, tmp_path / "svar.jsonl", "jsonl", **options)
    return json.loads((tmp_path / "svar.jsonl").read_text("utf-8").splitlines()[0])


def borger(
    db, key: str = "k1", name: str = "Ida Rasmussen", email: str = "ida.rasmussen@gmail.com"
):
    mid = f"{key}@gmail.com"
    add(db, parsed(body=BORGER_BODY, sender_name=name, sender_email=email, message_id=mid), key=key)


def test_cpr_is_redacted_in_every_export_without_asking(db, tmp_path: Path) -> None:
    borger(db)
    row = exported(db, tmp_path)
    assert "010180-1234" not in json.dumps(row, ensure_ascii=False)
    assert "[CPR-nummer fjernet]" in row["text"]
    # Without --redact the phone number and address stay.
    assert "21 43 65 87" in row["text"] and row["sender_email"] == "ida.rasmussen@gmail.com"


def test_no_redact_cpr_keeps_cpr_numbers(db, tmp_path: Path) -> None:
    borger(db)
    assert "010180-1234" in exported(db, tmp_path, redact_cpr=False)["text"]


def test_redact_removes_phone_numbers_and_addresses_everywhere(db, tmp_path: Path) -> None:
    borger(db)
    row = exported(db, tmp_path, redact=True)
    text = json.dumps(row, ensure_ascii=False)
    assert "21 43 65 87" not in text and "ida.rasmussen@gmail.com" not in text
    assert "[telefonnummer fjernet]" in row["text"] and "[e-mailadresse fjernet]" in row["text"]
    assert row["sender_email"] == ""  # a borger's own address is left out


def test_redact_keeps_an_organisations_sender_address(db, tmp_path: Path) -> None:
    body = "Vi støtter åbne data.\n\nMed venlig hilsen\nDataklar ApS\nCVR-nr. 12345678"
    add(db, parsed(body=body, sender_name="Dataklar ApS", sender_email="post@dataklar.dk"))
    row = exported(db, tmp_path, redact=True)
    assert (row["respondent_type"], row["sender_email"]) == ("virksomhed", "post@dataklar.dk")


def test_pseudonymize_replaces_a_borgers_name_everywhere(db, tmp_path: Path) -> None:
    borger(db)
    row = exported(db, tmp_path, pseudonymize=True)
    assert (row["sender_name"], row["respondent_name"], row["sender_email"]) == (
        "Borger 1", "Borger 1", ""
    )  # fmt: skip
    assert "Ida Rasmussen" not in json.dumps(row, ensure_ascii=False)
    assert row["text"].endswith("Venlig hilsen\nBorger 1")


def test_pseudonyms_are_stable_whatever_the_filter(db, tmp_path: Path) -> None:
    borger(db, "k1", "Ida Rasmussen", "ida.rasmussen@gmail.com")
    borger(db, "k2", "Bo Andersen", "bo.andersen@hotmail.com")
    export(db, tmp_path / "alle.jsonl", "jsonl", pseudonymize=True)
    names = [json.loads(line)["sender_name"] for line in (tmp_path / "alle.jsonl").open()]
    assert names == ["Borger 1", "Borger 2"]
    # Numbering is over the whole database, so a filtered export says the same.
    with db() as session:
        options = ExportOptions("jsonl", pseudonymize=True)
        run_export(session, ProposalFilter(ids=(2,)), tmp_path / "en.jsonl", options, TZ)
    assert json.loads((tmp_path / "en.jsonl").read_text("utf-8"))["sender_name"] == "Borger 2"


def test_pseudonymize_leaves_organisations_named(db, tmp_path: Path) -> None:
    body = "Vi støtter åbne data.\n\nMed venlig hilsen\nDataklar ApS"
    add(db, parsed(body=body, sender_name="Dataklar ApS", sender_email="post@dataklar.dk"))
    assert exported(db, tmp_path, pseudonymize=True)["sender_name"] == "Dataklar ApS"


def test_a_borger_keeps_their_number_when_an_earlier_dated_reply_arrives_later(
    db, tmp_path: Path
) -> None:
    borger(db, "k1", "Ida Rasmussen", "ida.rasmussen@gmail.com")
    export(db, tmp_path / "før.jsonl", "jsonl", pseudonymize=True)
    # Bo's reply was sent before Ida's but reached the database after the first export.
    early = datetime.fromisoformat("2017-08-01T09:00:00+02:00")
    mail = parsed(body=BORGER_BODY, sender_name="Bo Andersen",
                  sender_email="bo.andersen@hotmail.com", message_id="k2@gmail.com",
                  received_at=early, sent_at=early)  # fmt: skip
    add(db, mail, key="k2")
    export(db, tmp_path / "efter.jsonl", "jsonl", pseudonymize=True)
    rows = [json.loads(line) for line in (tmp_path / "efter.jsonl").open(encoding="utf-8")]
    assert [(r["id"], r["sender_name"]) for r in rows] == [(2, "Borger 2"), (1, "Borger 1")]


def test_replace_names_matches_the_name_and_its_parts_in_any_case() -> None:
    text = "Ida Rasmussen skrev; IDA RASMUSSEN igen; Idas Rasmussen-ting; idas"
    assert replace_names(text, ["Ida Rasmussen"], "Borger 1") == (
        "Borger 1 skrev; Borger 1 igen; Borger 1s Borger 1-ting; Borger 1s"
    )


def test_privacy_without_redaction_leaves_text_alone() -> None:
    text = "CPR 010180-1234"
    assert Policy(redact=False, redact_cpr=False).text(text) == text


def test_pseudonymize_removes_the_borgers_address_from_forwarded_text(db, tmp_path) -> None:
    # Outlook's forward header keeps the original sender's name and address in the body.
    body = "Fra: Ida Rasmussen <ida.rasmussen@gmail.com>\nEmne: OGP-høring\n\nÅbne data, tak."
    add(db, parsed(body=body, sender_name="Ida Rasmussen", sender_email="ida.rasmussen@gmail.com"))
    text = exported(db, tmp_path, pseudonymize=True)["text"]
    assert text.startswith("Fra: Borger 1 <[e-mailadresse fjernet]>")


REMARK_BODY = (
    "Hej\n\n1. Et offentligt lobbyregister for alle ministerier.\n"
    "2. Åbne kalendere for ministre.\n\n"
    "Som mor til tre synes jeg, Ida Rasmussen, at åbenhed er vigtig for tilliden til staten.\n\n"
    "Venlig hilsen\nIda Rasmussen"
)


def test_general_remarks_are_read_from_the_text_the_privacy_transform_left(db) -> None:
    mail = parsed(body=REMARK_BODY, sender_name="Ida Rasmussen", sender_email="ida@gmail.com")
    add(db, mail)
    with db() as session:
        plain, hidden = (
            next(records(session, ProposalFilter(), privacy_for(session, options)))
            for options in (ExportOptions(), ExportOptions(pseudonymize=True))
        )
    assert "Ida Rasmussen, at åbenhed er vigtig" in plain.remarks
    assert "Ida" not in hidden.remarks and "Borger 1, at åbenhed er vigtig" in hidden.remarks
