"""Config for OAuth2, timeouts and several accounts; reading the new secret sources."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from hoering.config import ConfigError, ImapConfig, load_config
from hoering.ingest.imap_auth import DEFAULT_AUTHORITY, DEFAULT_SCOPE
from hoering.ingest.secrets import SecretError, read_client_secret, read_token_command
from tests.kit.paths import ROOT

STORE = '[store]\nurl = "sqlite:///x.db"\n'
IMAP = '[imap]\nhost = "outlook.office365.com"\nusername = "hoering@digst.dk"\n'
APP = 'auth = "oauth2"\ntenant = "digst.onmicrosoft.com"\nclient_id = "app-id"\n'


def load(tmp_path: Path, text: str):
    path = tmp_path / "hoering.toml"
    path.write_text(STORE + text, encoding="utf-8")
    return load_config(path)


def test_password_is_the_default_auth(tmp_path):
    cfg = load(tmp_path, IMAP + 'password_env = "P"\n')
    assert cfg.imap.auth == "password"


def test_oauth2_with_a_token_command(tmp_path):
    cfg = load(tmp_path, IMAP + 'auth = "oauth2"\ntoken_command = "get-token"\n')
    assert cfg.imap.auth == "oauth2" and cfg.imap.token_command == "get-token"


def test_oauth2_client_credentials_default_to_exchange_online(tmp_path):
    cfg = load(tmp_path, IMAP + APP + 'client_secret_env = "S"\n')
    imap = cfg.imap
    assert (imap.tenant, imap.client_id, imap.client_secret_env) == (
        "digst.onmicrosoft.com",
        "app-id",
        "S",
    )
    assert imap.scope == DEFAULT_SCOPE == "https://outlook.office365.com/.default"
    assert imap.authority == DEFAULT_AUTHORITY == "https://login.microsoftonline.com"


def test_client_secret_file_is_relative_to_the_config(tmp_path):
    cfg = load(tmp_path, IMAP + APP + 'client_secret_file = "secret.txt"\n')
    assert cfg.imap.client_secret_file == tmp_path / "secret.txt"


def test_client_credentials_need_tenant_and_client_id(tmp_path):
    text = IMAP + 'auth = "oauth2"\nclient_id = "app"\nclient_secret_env = "S"\n'
    with pytest.raises(ConfigError, match=r"\[imap\] tenant: is required"):
        load(tmp_path, text)


def test_oauth2_refuses_a_password_source(tmp_path):
    with pytest.raises(ConfigError, match=r'with auth = "oauth2", set exactly one of token_comm'):
        load(tmp_path, IMAP + 'auth = "oauth2"\npassword_env = "P"\n')


def test_password_auth_refuses_a_token_source(tmp_path):
    # Forgetting auth = "oauth2" must not silently try the token as a password.
    with pytest.raises(ConfigError, match=r'with auth = "password", set exactly one of'):
        load(tmp_path, IMAP + 'token_command = "get-token"\n')


def test_two_token_sources_are_refused(tmp_path):
    text = IMAP + APP + 'client_secret_env = "S"\ntoken_command = "t"\n'
    with pytest.raises(ConfigError, match="exactly one of"):
        load(tmp_path, text)


def test_unknown_auth_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"\[imap\] auth: must be one of password, oauth2"):
        load(tmp_path, IMAP + 'auth = "basic"\npassword_env = "P"\n')


def test_authority_must_be_https(tmp_path):
    text = IMAP + APP + 'client_secret_env = "S"\nauthority = "http://login.example"\n'
    with pytest.raises(ConfigError, match=r"\[imap\] authority: must be an https:// URL"):
        load(tmp_path, text)


def test_national_cloud_authority_and_scope(tmp_path):
    text = (
        IMAP
        + APP
        + 'client_secret_env = "S"\nauthority = "https://login.microsoftonline.us"\n'
        + 'scope = "https://outlook.office365.us/.default"\n'
    )
    imap = load(tmp_path, text).imap
    assert imap.authority == "https://login.microsoftonline.us"
    assert imap.scope == "https://outlook.office365.us/.default"


def test_connect_timeout_defaults_to_none_and_must_be_positive(tmp_path):
    assert load(tmp_path, IMAP + 'password_env = "P"\n').imap.connect_timeout is None
    assert (
        load(tmp_path, IMAP + 'password_env = "P"\nconnect_timeout = 5\n').imap.connect_timeout == 5
    )
    with pytest.raises(ConfigError, match=r"\[imap\] connect_timeout: must be positive"):
        load(tmp_path, IMAP + 'password_env = "P"\nconnect_timeout = 0\n')


@pytest.mark.parametrize(
    ("line", "named"),
    [("timeout = -5", r"\[imap\] timeout: must be positive, got -5"),
     ("batch_size = 0", r"\[imap\] batch_size: must be positive, got 0")],
)  # fmt: skip
def test_a_bad_imap_number_names_its_own_key(tmp_path, line: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        load(tmp_path, IMAP + f'password_env = "P"\n{line}\n')


# --- several accounts ---------------------------------------------------------------------------

ACCOUNTS = (
    IMAP
    + 'password_env = "SHARED"\nfolders = ["INBOX", "Høring"]\n'
    + '[[imap.accounts]]\nusername = "hoering@digst.dk"\n'
    + '[[imap.accounts]]\nusername = "ogp@digst.dk"\npassword_file = "ogp.txt"\n'
    + 'folders = ["INBOX"]\n'
)


def test_a_single_imap_table_is_one_account(tmp_path):
    cfg = load(tmp_path, IMAP + 'password_env = "P"\n')
    assert cfg.accounts == (cfg.imap,)


def test_accounts_inherit_the_imap_table(tmp_path):
    first, second = load(tmp_path, ACCOUNTS).accounts
    assert first.host == second.host == "outlook.office365.com"
    assert first.folders == ("INBOX", "Høring") and second.folders == ("INBOX",)
    assert first.password_env == "SHARED"


def test_an_accounts_own_secret_source_replaces_the_inherited_one(tmp_path):
    second = load(tmp_path, ACCOUNTS).accounts[1]
    assert second.password_file == tmp_path / "ogp.txt" and second.password_env is None


def test_imap_is_the_first_account(tmp_path):
    cfg = load(tmp_path, ACCOUNTS)
    assert cfg.imap == cfg.accounts[0]


def test_the_same_account_twice_is_refused(tmp_path):
    text = IMAP + 'password_env = "P"\n[[imap.accounts]]\n[[imap.accounts]]\n'
    with pytest.raises(ConfigError, match=r"\[imap.accounts #2\] username: same account as #1"):
        load(tmp_path, text)


def test_errors_in_an_account_name_its_number(tmp_path):
    text = (
        IMAP
        + 'password_env = "P"\n[[imap.accounts]]\n[[imap.accounts]]\nusername = "b"\nport = "x"\n'
    )
    with pytest.raises(ConfigError, match=r"\[imap.accounts #2\] port: must be a whole number"):
        load(tmp_path, text)


def test_accounts_must_be_tables(tmp_path):
    with pytest.raises(ConfigError, match=r"\[\[imap.accounts\]\]: must be one or more tables"):
        load(tmp_path, IMAP + 'password_env = "P"\naccounts = ["a"]\n')


# --- reading the secrets -------------------------------------------------------------------------


def test_token_command_output_is_the_token(tmp_path):
    imap = load(tmp_path, IMAP + 'auth = "oauth2"\ntoken_command = "echo eyJ0-token"\n').imap
    assert read_token_command(imap) == "eyJ0-token"


def test_failing_token_command_reports_only_its_exit_status(tmp_path):
    command = "echo partial-token-9; echo oops >&2; exit 4"
    imap = load(tmp_path, IMAP + f"auth = \"oauth2\"\ntoken_command = '{command}'\n").imap
    with pytest.raises(SecretError, match="token_command failed with exit status 4") as excinfo:
        read_token_command(imap)
    assert "partial-token-9" not in str(excinfo.value)


def test_failing_token_command_says_how_to_see_why(tmp_path):
    imap = load(tmp_path, IMAP + 'auth = "oauth2"\ntoken_command = "exit 1"\n').imap
    with pytest.raises(SecretError) as excinfo:
        read_token_command(imap)
    assert "run it by hand as the user hoering runs as" in str(excinfo.value)


def test_a_missing_client_secret_file_says_to_create_it(tmp_path):
    # The Entra ID step by step puts the secret in a file made with install -m 600.
    imap = load(tmp_path, IMAP + APP + 'client_secret_file = "client-secret"\n').imap
    with pytest.raises(SecretError) as excinfo:
        read_client_secret(imap)
    path = tmp_path / "client-secret"
    assert str(excinfo.value) == (
        f"cannot read client secret file {path}: No such file or directory; "
        f"create it (install -m 600 /dev/null {path}) or correct the path in the config"
    )


def test_an_unset_variable_reminds_that_cron_has_no_profile(tmp_path, monkeypatch):
    monkeypatch.delenv("HOERING_TEST_CLIENT_SECRET", raising=False)
    imap = load(tmp_path, IMAP + APP + 'client_secret_env = "HOERING_TEST_CLIENT_SECRET"\n').imap
    with pytest.raises(SecretError, match="cron and systemd do not read your shell profile"):
        read_client_secret(imap)


def test_client_secret_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOERING_TEST_CLIENT_SECRET", "abc~123")
    imap = load(tmp_path, IMAP + APP + 'client_secret_env = "HOERING_TEST_CLIENT_SECRET"\n').imap
    assert read_client_secret(imap) == "abc~123"


def test_missing_client_secret_variable_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("HOERING_TEST_CLIENT_SECRET", raising=False)
    imap = load(tmp_path, IMAP + APP + 'client_secret_env = "HOERING_TEST_CLIENT_SECRET"\n').imap
    with pytest.raises(SecretError, match="HOERING_TEST_CLIENT_SECRET is not set"):
        read_client_secret(imap)


def test_world_readable_client_secret_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("abc~123\n")
    secret.chmod(0o644)
    imap = load(tmp_path, IMAP + APP + 'client_secret_file = "secret.txt"\n').imap
    with pytest.raises(SecretError, match="readable by everyone") as excinfo:
        read_client_secret(imap)
    assert "abc~123" not in str(excinfo.value)


def test_private_client_secret_file_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("abc~123\n")
    secret.chmod(0o600)
    imap = load(tmp_path, IMAP + APP + 'client_secret_file = "secret.txt"\n').imap
    assert read_client_secret(imap) == "abc~123"


# --- documentation ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", [f.name for f in fields(ImapConfig)])
def test_example_config_documents_every_imap_key(key):
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    assert re.search(rf"^#? ?{key} = ", text, re.MULTILINE), key
