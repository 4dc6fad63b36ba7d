"""Headers, downloads and paths: what a hostile mail or a curious URL can and cannot do."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.kit.web import HOSTILE_ID


def test_every_page_forbids_inline_script(client: TestClient) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-store"
    assert "<script>" not in page.text.replace('<script src="/static/htmx.min.js" defer>', "")


def test_attachment_is_a_download_never_rendered(client: TestClient) -> None:
    answer = client.get(f"/proposals/{HOSTILE_ID}/attachments/1")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/octet-stream"
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    # The sender's "../../etc/passwd.html" is reduced to a plain file name.
    assert "/" not in answer.headers["content-disposition"].split("filename=")[1].split(";")[0]
    assert answer.content == b"<script>alert(2)</script>"


def test_original_mail_downloads_as_eml(client: TestClient) -> None:
    answer = client.get("/proposals/1/mail.eml")
    assert answer.headers["content-disposition"].startswith('attachment; filename="svar-1.eml"')
    assert b"Subject:" in answer.content


@pytest.mark.parametrize(
    "path",
    [
        "/proposals/1/attachments/9",
        "/proposals/../../hoering.toml",
        "/proposals/1%2F..%2F2",
        "/proposals/-1",
        "/static/../hoering.db",
        "/static/..%2F..%2Fconfig.py",
        "/static/%2e%2e/app.py",
        "/proposals/1/attachments/..%2F1",
    ],
)
def test_no_way_out_through_ids_or_names(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert b"[store]" not in answer.content and b"SQLite format" not in answer.content


def test_a_foreign_host_header_is_refused_without_logins(client: TestClient) -> None:
    # DNS rebinding: evil.example re-resolved to 127.0.0.1 must not read the replies.
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"])
def test_this_machines_names_are_accepted(cfg, host: str) -> None:
    from tests.kit.web import make_app

    with TestClient(make_app(cfg, allowed_hosts=None)) as client:
        assert client.get("/", headers={"host": host}).status_code == 200


def test_static_files_are_served_with_nosniff(client: TestClient) -> None:
    script = client.get("/static/htmx.min.js")
    assert script.status_code == 200 and script.headers["x-content-type-options"] == "nosniff"
