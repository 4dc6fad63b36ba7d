"""[respondents] registry: more Danish bodies for reading who speaks in a reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoering.config import ConfigError, load_config

STORE = '[store]\nurl = "sqlite:///x.db"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hoering.toml"
    path.write_text(STORE + text, encoding="utf-8")
    return path


def test_a_configured_registry_file_adds_its_bodies(tmp_path: Path) -> None:
    (tmp_path / "more.toml").write_text(
        'organisation = [{ name = "Nordlys Lokalråd", domains = ["nordlys.example"] }]'
    )
    cfg = load_config(write(tmp_path, '[respondents]\nregistry = "more.toml"\n'))
    assert cfg.respondent_registry.by_domain("nordlys.example").name == "Nordlys Lokalråd"
    assert cfg.respondent_registry.by_domain("kl.dk").name == "KL"  # the shipped ones stay


def test_without_the_key_the_shipped_registry_is_used(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, ""))
    assert cfg.respondent_registry.by_name("Aarhus Kommune") is not None


def test_a_registry_file_of_the_wrong_shape_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('firma = [{ name = "X" }]')
    with pytest.raises(ConfigError, match=r"\[respondents\] registry"):
        load_config(write(tmp_path, '[respondents]\nregistry = "bad.toml"\n'))
