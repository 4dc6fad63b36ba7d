"""[themes] codebook in the config, and the shipped examples/codebook.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from hoering.analysis.themes import DEFAULT_CODEBOOK, codebook_from_mapping
from hoering.config import ConfigError, load_config
from tests.kit.mails import write_config
from tests.kit.paths import ROOT

EXAMPLE = ROOT / "examples" / "codebook.toml"


def test_shipped_codebook_file_is_the_default() -> None:
    # If this fails after a change to analysis/themes.py, write the file again from
    # DEFAULT_CODEBOOK (and give the codebook a new version).
    assert codebook_from_mapping(tomllib.loads(EXAMPLE.read_text("utf-8"))) == DEFAULT_CODEBOOK


def test_without_themes_section_the_default_codebook_is_used(tmp_path: Path) -> None:
    assert load_config(write_config(tmp_path)).codebook == DEFAULT_CODEBOOK


def test_config_reads_a_codebook_file_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "tema.toml").write_text(
        'version = "lokal-1"\n[[themes]]\nkey = "cykler"\nlabel = "cykelstier"\n'
        'keywords = ["cykelsti"]\n',
        encoding="utf-8",
    )
    config = load_config(write_config(tmp_path, '\n[themes]\ncodebook = "tema.toml"\n'))
    assert config.codebook.version == "lokal-1"
    assert [theme.key for theme in config.codebook.themes] == ["cykler"]


def test_missing_codebook_file_names_the_key(tmp_path: Path) -> None:
    config = write_config(tmp_path, '\n[themes]\ncodebook = "findes-ikke.toml"\n')
    with pytest.raises(ConfigError, match=r"\[themes\] codebook: cannot read"):
        load_config(config)


def test_malformed_codebook_names_the_codebook_key(tmp_path: Path) -> None:
    (tmp_path / "tema.toml").write_text('version = "1"\nthemes = []\n', encoding="utf-8")
    config = write_config(tmp_path, '\n[themes]\ncodebook = "tema.toml"\n')
    with pytest.raises(ConfigError, match=r"tema.toml: themes: must be a non-empty list"):
        load_config(config)
