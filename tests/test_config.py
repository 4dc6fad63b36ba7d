"""Loading and validating hoering.toml."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from hoering.config import ConfigError, load_config, resolve_config_path
from hoering.ingest.secrets import SecretError, read_password
from tests.kit.paths import ROOT

IMAP = """
[imap]
host = "imap.example.org"
username = "rumth@digst.dk"
password_env = "HOERING_TEST_PASSWORD"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hoering.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_is_valid() -> None:
    cfg = load_config(ROOT / "config.example.toml")
    assert cfg.imap is not None and cfg.imap.security == "ssl" and cfg.imap.port == 993
    assert cfg.subject_markers == ("OGP-høring",)
    assert cfg.deadline == date(2017, 8, 20)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: config file not found"):
        load_config(tmp_path / "nope.toml")


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"hoering\.toml: not valid TOML"):
        load_config(write(tmp_path, "[store\nurl="))


def test_missing_store_section_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[store\]: section is missing"):
        load_config(write(tmp_path, "[match]\n"))


def test_wrong_type_names_section_and_key(tmp_path: Path) -> None:
    text = '[store]\nurl = "sqlite:///x.db"\n' + IMAP + 'port = "993"\n'
    with pytest.raises(ConfigError, match=r"\[imap\] port: must be a whole number"):
        load_config(write(tmp_path, text))


def test_unknown_security_mode_is_refused(tmp_path: Path) -> None:
    text = '[store]\nurl = "sqlite:///x.db"\n' + IMAP + 'security = "tls"\n'
    with pytest.raises(ConfigError, match=r"\[imap\] security"):
        load_config(write(tmp_path, text))


def test_deadline_must_be_a_date(tmp_path: Path) -> None:
    text = '[store]\nurl = "sqlite:///x.db"\n[consultation]\ndeadline = "20-08-2017"\n'
    with pytest.raises(ConfigError, match=r"\[consultation\] deadline"):
        load_config(write(tmp_path, text))


def test_two_password_sources_are_refused(tmp_path: Path) -> None:
    text = '[store]\nurl = "sqlite:///x.db"\n' + IMAP + 'password_file = "pw"\n'
    with pytest.raises(ConfigError, match="exactly one of"):
        load_config(write(tmp_path, text))


def test_relative_sqlite_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, '[store]\nurl = "sqlite:///data/h.db"\n'))
    assert cfg.store_url == f"sqlite:///{tmp_path.resolve()}/data/h.db"


def test_absolute_sqlite_and_other_urls_are_kept(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, '[store]\nurl = "sqlite:////var/lib/h.db"\n'))
    assert cfg.store_url == "sqlite:////var/lib/h.db"
    url = "postgresql+psycopg://u@db/hoering"
    assert load_config(write(tmp_path, f'[store]\nurl = "{url}"\n')).store_url == url


def test_port_defaults_to_143_for_starttls(tmp_path: Path) -> None:
    text = '[store]\nurl = "sqlite:///x.db"\n' + IMAP + 'security = "starttls"\n'
    imap = load_config(write(tmp_path, text)).imap
    assert imap is not None and imap.port == 143


def test_config_path_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOERING_CONFIG", "/etc/hoering.toml")
    assert resolve_config_path(None) == Path("/etc/hoering.toml")
    assert resolve_config_path(Path("x.toml")) == Path("x.toml")
    monkeypatch.delenv("HOERING_CONFIG")
    assert resolve_config_path(None) == Path("hoering.toml")


def _imap(tmp_path: Path, line: str):
    text = '[store]\nurl = "sqlite:///x.db"\n' + IMAP.replace(
        'password_env = "HOERING_TEST_PASSWORD"', line
    )
    imap = load_config(write(tmp_path, text)).imap
    assert imap is not None
    return imap


def test_password_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOERING_TEST_PASSWORD", "s3cret")
    assert read_password(_imap(tmp_path, 'password_env = "HOERING_TEST_PASSWORD"')) == "s3cret"


def test_unset_password_variable_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("HOERING_TEST_PASSWORD", raising=False)
    with pytest.raises(SecretError, match="HOERING_TEST_PASSWORD is not set"):
        read_password(_imap(tmp_path, 'password_env = "HOERING_TEST_PASSWORD"'))


def test_password_file_relative_to_config(tmp_path: Path) -> None:
    secret = tmp_path / "imap.pw"
    secret.write_text("fil-kode\n")
    os.chmod(secret, 0o600)
    assert read_password(_imap(tmp_path, 'password_file = "imap.pw"')) == "fil-kode"


def test_world_readable_password_file_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "imap.pw"
    secret.write_text("fil-kode\n")
    os.chmod(secret, 0o644)
    with pytest.raises(SecretError, match="readable by everyone") as excinfo:
        read_password(_imap(tmp_path, 'password_file = "imap.pw"'))
    assert "fil-kode" not in str(excinfo.value)


def test_password_command(tmp_path: Path) -> None:
    assert read_password(_imap(tmp_path, "password_command = \"echo 'kommando-kode'\"")) == (
        "kommando-kode"
    )


def test_failing_password_command_does_not_echo_its_output(tmp_path: Path) -> None:
    imap = _imap(tmp_path, 'password_command = "echo leaked-secret; exit 3"')
    with pytest.raises(SecretError, match="exit status 3") as excinfo:
        read_password(imap)
    assert "leaked-secret" not in str(excinfo.value)
