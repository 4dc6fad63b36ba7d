"""OAuth2: XOAUTH2 against a real Dovecot, and msal's client-credentials flow against a loopback
token service (tests/kit/oauth_stub.py) over real HTTPS; the plain-text warning."""

from __future__ import annotations

import base64
import dataclasses
import logging
import socket

import pytest

from hoering.ingest.imap import ImapAuthError, ImapConnectionError, ImapSettings, connect, logout
from hoering.ingest.imap_auth import ClientCredentials, client_credentials_token
from hoering.ingest.imap_connect import is_loopback
from tests.kit.dovecot import free_ports

SCOPE = "https://outlook.office365.com/.default"


def oauth_settings(box, token: str, **changes) -> ImapSettings:
    base = ImapSettings(
        host=box.host,
        port=box.ssl_port,
        security="ssl",
        username=box.username,
        password=token,
        ca_file=box.ca_file,
        timeout=5.0,
        auth="oauth2",
    )
    return dataclasses.replace(base, **changes)


def credentials(service, secret: str = "app-secret", **changes) -> ClientCredentials:
    base = ClientCredentials(
        tenant="digst.onmicrosoft.com",
        client_id="11111111-2222-3333-4444-555555555555",
        secret=secret,
        scope=SCOPE,
        authority=service.base_url,
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def trust_token_service(token_service, monkeypatch) -> None:
    # requests (under msal) trusts REQUESTS_CA_BUNDLE, as behind an agency's TLS-inspecting proxy.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(token_service.ca_file))


# --- XOAUTH2 against Dovecot ----------------------------------------------------------------


def test_xoauth2_login_with_a_token_the_server_accepts(oauth_mailbox, token_service):
    token = token_service.issue(oauth_mailbox.username)

    client = connect(oauth_settings(oauth_mailbox, token))

    assert client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]
    logout(client)


def test_refused_token_is_an_auth_error_that_does_not_show_the_token(oauth_mailbox, token_service):
    token = "tok-not-issued-7d3f9a"

    with pytest.raises(ImapAuthError, match=r"XOAUTH2 login as .* refused") as excinfo:
        connect(oauth_settings(oauth_mailbox, token))
    assert token not in str(excinfo.value)


def test_token_issued_for_another_user_is_refused(oauth_mailbox, token_service):
    token = token_service.issue("someone-else")

    with pytest.raises(ImapAuthError):
        connect(oauth_settings(oauth_mailbox, token))


def test_password_login_still_works_on_the_oauth2_server(oauth_mailbox):
    settings = oauth_settings(oauth_mailbox, oauth_mailbox.password, auth="password")

    client = connect(settings)
    try:
        assert client.folder_exists("INBOX")  # only a logged-in session may ask
    finally:
        logout(client)


# --- msal: the client-credentials grant ------------------------------------------------------


def test_client_credentials_fetch_a_token_dovecot_accepts(
    oauth_mailbox, token_service, trust_token_service
):
    token_service.register_client("app-ok", "app-secret", oauth_mailbox.username)

    token = client_credentials_token(credentials(token_service, client_id="app-ok"), timeout=5)

    logout(connect(oauth_settings(oauth_mailbox, token)))
    request = token_service.token_requests[-1]
    assert request["grant_type"] == "client_credentials" and request["scope"] == SCOPE


def test_token_request_goes_to_the_tenant_of_the_authority(token_service, trust_token_service):
    token_service.register_client("app-tenant", "app-secret", "x")
    creds = credentials(token_service, client_id="app-tenant", tenant="contoso.onmicrosoft.com")

    client_credentials_token(creds, timeout=5)

    assert token_service.token_paths[-1] == "/contoso.onmicrosoft.com/oauth2/v2.0/token"


def test_wrong_client_secret_is_an_auth_error_naming_the_app_not_the_secret(
    token_service, trust_token_service
):
    token_service.register_client("app-wrong", "right-secret", "x")
    creds = credentials(token_service, secret="wr0ng-s3cret-81", client_id="app-wrong")

    with pytest.raises(ImapAuthError, match="app-wrong: invalid_client: AADSTS7000215") as exc:
        client_credentials_token(creds, timeout=5)
    assert "wr0ng-s3cret-81" not in str(exc.value)


def test_unreachable_token_service_is_a_connection_error():
    [port] = free_ports(1)
    creds = ClientCredentials("t", "app", "s", SCOPE, f"https://127.0.0.1:{port}")

    with pytest.raises(ImapConnectionError, match="cannot reach the OAuth2 token service"):
        client_credentials_token(creds, timeout=2)


def test_untrusted_token_service_certificate_is_refused(token_service, monkeypatch):
    # No REQUESTS_CA_BUNDLE: the test CA is unknown, so TLS verification must fail.
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)

    with pytest.raises(ImapConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        client_credentials_token(credentials(token_service), timeout=5)


def test_unknown_tenant_is_an_auth_error(token_service, trust_token_service):
    creds = credentials(token_service, tenant="no-such-tenant")

    with pytest.raises(ImapAuthError, match="refused tenant 'no-such-tenant'"):
        client_credentials_token(creds, timeout=5)


def test_client_credentials_repr_hides_the_secret():
    creds = ClientCredentials("t", "app", "hemmelig-hemmelighed", SCOPE, "https://x")

    assert "hemmelig-hemmelighed" not in repr(creds)


# --- security = "plain" ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.8.9.10", "::1", "[::1]"]
)
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["imap.example.org", "10.0.0.1", "128.0.0.1", "localhost.example.org", "::2"]
)
def test_hosts_that_are_not_loopback(host):
    assert not is_loopback(host)


def test_plain_to_loopback_logs_no_warning(mailbox, caplog):
    settings = ImapSettings(
        mailbox.host, mailbox.port, "plain", mailbox.username, mailbox.password, timeout=5
    )

    with caplog.at_level(logging.WARNING):
        logout(connect(settings))

    assert caplog.records == []


def test_plain_to_another_host_warns_before_sending_the_password(mailbox, caplog, monkeypatch):
    # Narrow seam: name resolution. "imap.example.org" resolves to the local Dovecot here.
    real_getaddrinfo = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        return real_getaddrinfo(
            "127.0.0.1" if host == "imap.example.org" else host, *args, **kwargs
        )

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    settings = ImapSettings(
        "imap.example.org", mailbox.port, "plain", mailbox.username, mailbox.password, timeout=5
    )

    with caplog.at_level(logging.WARNING):
        logout(connect(settings))

    [record] = caplog.records
    assert record.levelname == "WARNING" and "without TLS" in record.getMessage()
    assert mailbox.password not in record.getMessage()


# --- secrets in logs ---------------------------------------------------------------------------


def test_token_fetch_logs_neither_secret_nor_token_even_at_debug(
    token_service, trust_token_service, caplog
):
    token_service.register_client("app-log", "S3cr3t-v4lue-19", "x")
    creds = credentials(token_service, secret="S3cr3t-v4lue-19", client_id="app-log")

    with caplog.at_level(logging.DEBUG):
        token = client_credentials_token(creds, timeout=5)

    assert caplog.records  # msal and urllib3 did log
    assert "S3cr3t-v4lue-19" not in caplog.text and token not in caplog.text


def test_xoauth2_login_does_not_log_the_token_even_at_debug(oauth_mailbox, token_service, caplog):
    token = token_service.issue(oauth_mailbox.username)

    with caplog.at_level(logging.DEBUG):
        logout(connect(oauth_settings(oauth_mailbox, token)))

    assert "AUTHENTICATE" in caplog.text  # imapclient logged the exchange, redacted
    sasl = f"user={oauth_mailbox.username}\1auth=Bearer {token}\1\1".encode()
    assert token not in caplog.text and base64.b64encode(sasl).decode() not in caplog.text


def test_xoauth2_refused_by_a_server_without_it_says_so(mailbox):
    # The password-only Dovecot offers AUTH=PLAIN but not XOAUTH2, like a wrong host would.
    with pytest.raises(ImapAuthError, match=r"does not offer AUTH=XOAUTH2"):
        connect(oauth_settings(mailbox, "tok-anything"))


def test_refusal_on_a_server_with_xoauth2_gives_no_mechanism_hint(oauth_mailbox):
    with pytest.raises(ImapAuthError) as excinfo:
        connect(oauth_settings(oauth_mailbox, "tok-anything"))
    assert "does not offer" not in str(excinfo.value)
