"""`hoering poll` with auth = "oauth2": the real command line (one test as a process of its
own, the others in-process through `hoering_here`), a real Dovecot checking XOAUTH2 tokens,
and the loopback token service standing in for Entra ID."""

from __future__ import annotations

from pathlib import Path

from tests.kit.dovecot import free_ports
from tests.kit.mails import make_mail
from tests.test_cli_poll import hoering, poll_config, proposal_count

SECRET_ENV = "HOERING_TEST_CLIENT_SECRET"


def token_command_config(tmp_path: Path, box, token: str) -> Path:
    token_file = tmp_path / "token.txt"
    token_file.write_text(token + "\n")
    return poll_config(
        tmp_path,
        box,
        auth="oauth2",
        token_command=f"cat {token_file}",
        password_env=None,
    )


def client_credentials_config(tmp_path: Path, box, service, client_id: str) -> Path:
    return poll_config(
        tmp_path,
        box,
        auth="oauth2",
        tenant="digst.onmicrosoft.com",
        client_id=client_id,
        client_secret_env=SECRET_ENV,
        authority=service.base_url,
        password_env=None,
    )


def run_poll(config: Path, service, secret: str = "app-secret", *, run=hoering):
    """`hoering poll` as a child process, or through `run` (the `hoering_here` fixture)."""
    # requests (under msal) trusts the test CA through REQUESTS_CA_BUNDLE.
    env = {SECRET_ENV: secret, "REQUESTS_CA_BUNDLE": str(service.ca_file)}
    return run("poll", "--config", str(config), env=env)


def test_poll_logs_in_with_the_token_from_token_command(oauth_mailbox, token_service, tmp_path):
    oauth_mailbox.append("INBOX", make_mail())
    config = token_command_config(
        tmp_path, oauth_mailbox, token_service.issue(oauth_mailbox.username)
    )

    result = run_poll(config, token_service)

    assert result.returncode == 0, result.stderr
    assert proposal_count(tmp_path) == 1


def test_refused_token_exits_3_with_one_line_and_no_token(
    oauth_mailbox, token_service, tmp_path, hoering_here
):
    token = "tok-expired-5c1e0b"
    config = token_command_config(tmp_path, oauth_mailbox, token)

    result = run_poll(config, token_service, run=hoering_here)

    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "XOAUTH2 login as" in result.stderr
    assert token not in result.stderr + result.stdout


def test_poll_fetches_an_app_token_from_entra_id_with_msal(
    oauth_mailbox, token_service, tmp_path, hoering_here
):
    token_service.register_client("cli-app", "app-secret", oauth_mailbox.username)
    oauth_mailbox.append("INBOX", make_mail())
    config = client_credentials_config(tmp_path, oauth_mailbox, token_service, "cli-app")

    result = run_poll(config, token_service, run=hoering_here)

    assert result.returncode == 0, result.stderr
    assert proposal_count(tmp_path) == 1
    assert token_service.token_requests[-1]["client_id"] == "cli-app"


def test_wrong_client_secret_exits_3_without_the_secret(
    oauth_mailbox, token_service, tmp_path, hoering_here
):
    token_service.register_client("cli-app-2", "app-secret", oauth_mailbox.username)
    config = client_credentials_config(tmp_path, oauth_mailbox, token_service, "cli-app-2")

    result = run_poll(config, token_service, secret="Forkert~Hemmelighed.42", run=hoering_here)

    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "invalid_client" in result.stderr
    assert "Forkert~Hemmelighed.42" not in result.stderr + result.stdout


def test_unreachable_entra_id_is_one_line_that_names_the_proxy_settings(
    oauth_mailbox, tmp_path, hoering_here
):
    # urllib3 under msal warns of each retry; the `hoering:` line already says it all.
    [closed] = free_ports(1)
    config = poll_config(
        tmp_path,
        oauth_mailbox,
        auth="oauth2",
        tenant="digst.onmicrosoft.com",
        client_id="cli-app-3",
        client_secret_env=SECRET_ENV,
        authority=f"https://127.0.0.1:{closed}",
        password_env=None,
    )

    result = hoering_here("poll", "--config", str(config), env={SECRET_ENV: "app-secret-77"})

    assert result.returncode == 4
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("hoering: cannot reach the OAuth2 token service")
    assert result.stderr.rstrip().endswith("(HTTPS_PROXY, REQUESTS_CA_BUNDLE)")
    assert "app-secret-77" not in result.stderr + result.stdout
