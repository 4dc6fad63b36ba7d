"""Export buttons: the CLI's export and notat, with the list's filters, as downloads."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import httpx2 as httpx
import openpyxl
from docx import Document
from starlette.testclient import TestClient

from hoering.export.run import ExportOptions, run_export
from hoering.store.db import open_database
from hoering.store.queries import ProposalFilter
from tests.kit.web import make_app, running, submit

MARKER = re.compile(r"\[… afkortet; hele teksten: ([^\]]+)\]")


def people_csv(answer) -> str:
    """The people CSV of a download: the file itself, or the one CSV in its ZIP."""
    if answer.headers["content-type"] != "application/zip":
        return answer.content.decode("utf-8-sig")
    with zipfile.ZipFile(io.BytesIO(answer.content)) as bundle:
        (name,) = [n for n in bundle.namelist() if n.endswith(".csv")]
        return bundle.read(name).decode("utf-8-sig")


def test_xlsx_of_the_filtered_list(client: TestClient) -> None:
    answer = submit(client, "/export", {"format": "xlsx", "type": "virksomhed"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith('attachment; filename="hoeringssvar-')
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).worksheets[0]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(ids) == [4, 5, 13]


def test_csv_with_the_search_and_the_rfc4180_profile(client: TestClient) -> None:
    wanted = {"format": "csv", "profile": "rfc4180", "q": "lobbyister"}
    answer = submit(client, "/export", wanted)
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))
    assert sorted(int(row["id"]) for row in rows) == [9, 10]


def test_cpr_never_leaves_and_redact_hides_addresses(client: TestClient) -> None:
    plain = people_csv(submit(client, "/export", {"format": "csv"}))
    redacted = people_csv(submit(client, "/export", {"format": "csv", "redact": "1"}))
    assert "010180-1234" not in plain  # the sample's CPR number, in reply 2
    address = "soeren.joergensen@borgernet.example"
    assert redacted.count(address) < plain.count(address)


def test_notat_is_a_docx(client: TestClient) -> None:
    answer = submit(client, "/export", {"format": "notat"})
    assert answer.headers["content-disposition"].endswith('.docx"')
    document = Document(io.BytesIO(answer.content))
    assert any("Høringsnotat" in p.text for p in document.paragraphs)


def test_unknown_format_is_400(client: TestClient) -> None:
    assert submit(client, "/export", {"format": "pdf"}).status_code == 400


def test_a_people_csv_with_cut_cells_comes_with_its_full_texts_in_a_zip(cfg) -> None:
    with running(make_app(cfg)) as url, httpx.Client(base_url=url, timeout=60) as desk:
        answer = submit(desk, "/export", {"format": "csv"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    assert re.search(
        r'filename="hoeringssvar-\d{4}-\d\d-\d\d\.zip"', answer.headers["content-disposition"]
    )
    with zipfile.ZipFile(io.BytesIO(answer.content)) as bundle:
        names = set(bundle.namelist())
        rows = list(csv.DictReader(io.StringIO(people_csv(answer)), delimiter=";"))
        cut = [(cell, MARKER.search(cell)) for row in rows for cell in row.values()]
        cut = [(cell, found) for cell, found in cut if found]
        assert cut, "the sample has replies longer than a people cell"
        for cell, found in cut:
            assert found.group(1) in names  # every marker names a file of the ZIP
            whole = bundle.read(found.group(1)).decode("utf-8")
            assert whole.startswith(cell[: found.start()].rstrip()[:200])


def test_the_party_overview_is_the_clis_per_party_xlsx_under_its_own_name(
    client: TestClient, cfg, tmp_path
) -> None:
    listing = client.get("/").text
    assert 'value="parter"' in listing and ">Hent høringsparter (XLSX)</button>" in listing
    answer = submit(client, "/export", {"format": "parter", "pseudonymize": "1"})
    assert answer.status_code == 200
    assert re.search(
        r'filename="hoeringsparter-\d{4}-\d\d-\d\d\.xlsx"', answer.headers["content-disposition"]
    )
    downloaded = openpyxl.load_workbook(io.BytesIO(answer.content)).worksheets[0]
    cli = tmp_path / "parter.xlsx"
    options = ExportOptions("xlsx", pseudonymize=True, per="party")
    with open_database(cfg.store_url)() as session:
        run_export(session, ProposalFilter(), cli, options, cfg.timezone)
    written = openpyxl.load_workbook(cli).worksheets[0]
    assert downloaded.title == written.title == "Høringsparter"
    assert list(downloaded.values) == list(written.values)
    assert "Borger 1" in {row[0] for row in downloaded.values}


def test_the_initiative_view_offers_no_party_overview(client: TestClient) -> None:
    assert 'value="parter"' not in client.get("/?vis=initiativer").text
