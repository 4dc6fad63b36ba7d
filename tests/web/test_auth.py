"""Logins: none on loopback; anywhere else only with [web.users], argon2 hashes, sessions."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from hoering.config import ConfigError, load_config
from hoering.web import auth
from tests.kit.cli import run
from tests.kit.mails import write_config
from tests.kit.web import make_app, submit

PASSWORD = "korrekt hest batteri"


@pytest.fixture(scope="module")
def users() -> tuple[tuple[str, str], ...]:
    return (("karen", auth.hash_password(PASSWORD)),)


@pytest.fixture
def secured(cfg, users):
    from dataclasses import replace

    from hoering.config import WebConfig

    app = make_app(replace(cfg, web=WebConfig(users)), require_login=True, allowed_hosts=["*"])
    with TestClient(app) as client:
        yield client


def log_in(client: TestClient, password: str = PASSWORD, next_: str = "/"):
    data = {"username": "karen", "password": password, "next": next_}
    return submit(client, "/login", data, page="/login")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_needs_no_users(host: str) -> None:
    assert auth.check_bind(host, ()) is False


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::", "hoering.intra"])
def test_other_addresses_need_users(host: str, users) -> None:
    with pytest.raises(auth.UnsafeBind, match=r"\[web.users\]"):
        auth.check_bind(host, ())
    assert auth.check_bind(host, users) is True


def test_serve_on_all_addresses_without_users_exits_2(tmp_path, capsys, monkeypatch) -> None:
    config = write_config(tmp_path)
    code, _, err = run(capsys, monkeypatch, "serve", "-c", str(config), "--host", "0.0.0.0")
    assert code == 2
    assert err.strip().count("\n") == 0 and "refusing to serve on 0.0.0.0" in err


def test_web_user_prints_an_argon2_hash(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
    code, out, _ = run(capsys, monkeypatch, "web-user", "karen")
    assert code == 0 and out.startswith("[web.users]\n")
    line = out.splitlines()[1]
    assert line.startswith('"karen" = "$argon2id$') and PASSWORD not in out


def test_config_reads_users_and_refuses_plain_passwords(tmp_path, users) -> None:
    config = write_config(tmp_path, f'\n[web.users]\nkaren = "{users[0][1]}"\n')
    assert load_config(config).web.users == users
    plain = write_config(tmp_path, '\n[web.users]\nkaren = "hemmelig"\n')
    with pytest.raises(ConfigError, match="argon2 hash"):
        load_config(plain)


def test_pages_redirect_to_login(secured: TestClient) -> None:
    answer = secured.get("/proposals/1", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Fproposals%2F1"


def test_login_then_the_page_and_the_name_in_the_audit(secured: TestClient) -> None:
    answer = log_in(secured, next_="/proposals/1")
    assert answer.status_code == 200 and str(answer.url).endswith("/proposals/1")
    assert "Logget ind som <strong>karen</strong>" in answer.text


def test_wrong_password_is_401(secured: TestClient) -> None:
    answer = log_in(secured, "forkert")
    assert answer.status_code == 401 and "Forkert brugernavn eller adgangskode" in answer.text
    assert secured.get("/", follow_redirects=False).status_code == 303


def test_login_never_redirects_to_another_site(secured: TestClient) -> None:
    answer = log_in(secured, next_="//evil.example/")
    assert str(answer.url) == "http://testserver/"


def test_logout_needs_csrf_and_ends_the_session(secured: TestClient) -> None:
    log_in(secured)
    assert secured.post("/logout", data={}).status_code == 403
    submit(secured, "/logout", {})
    assert secured.get("/", follow_redirects=False).status_code == 303


def test_session_cookie_is_signed_and_strict(secured: TestClient) -> None:
    answer = log_in(secured)
    cookie = answer.history[0].headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    secured.cookies.clear()
    secured.cookies.set("hoering_session", "eyJ1c2VyIjogImthcmVuIn0=.forged.sig")
    assert secured.get("/", follow_redirects=False).status_code == 303


def test_hoering_serve_answers_on_loopback(cfg) -> None:
    # The real command: config, database, uvicorn; stopped with SIGTERM as Ctrl+C would.
    import urllib.request

    from tests.kit.served import serve

    with serve(cfg.path) as desk:
        page = urllib.request.urlopen(desk.url + "/", timeout=30).read()
        assert b"14 svar" in page
    assert f"serving {desk.url}/" in desk.stderr


def hoering_serve(cfg, *args: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "hoering", "serve", "-c", str(cfg.path), *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_serve_on_a_taken_port_is_one_line_and_exit_2(cfg) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        answer = hoering_serve(cfg, "--port", str(port))
    # Not 3: that is the code for a refused IMAP login, and cron scripts tell them apart.
    assert answer.returncode == 2
    assert answer.stderr.strip().splitlines() == [
        f"hoering: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]


def test_serve_on_a_port_out_of_range_is_one_line_and_exit_2(cfg) -> None:
    answer = hoering_serve(cfg, "--port", "99999")
    assert answer.returncode == 2 and len(answer.stderr.strip().splitlines()) == 1
    assert answer.stderr.startswith("hoering: Invalid value for '--port': '99999' is not a port")


def test_config_reads_trusted_proxies_and_refuses_a_name(tmp_path) -> None:
    config = write_config(tmp_path, '\n[web]\ntrusted_proxies = ["10.20.0.5", "10.30.0.0/24"]\n')
    assert load_config(config).web.trusted_proxies == ("10.20.0.5", "10.30.0.0/24")
    named = write_config(tmp_path, '\n[web]\ntrusted_proxies = ["proxy.agency.dk"]\n')
    with pytest.raises(ConfigError, match="not an IP address"):
        load_config(named)
