"""The [extract] section: sandbox, archive and OCR limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hoering.config import ConfigError, ExtractConfig, load_config
from hoering.parse.limits import MIB, ExtractLimits
from hoering.pipeline.sandbox import Sandbox
from tests.kit.paths import ROOT

STORE = '[store]\nurl = "sqlite:///x.db"\n'


def load(tmp_path: Path, extract: str):
    path = tmp_path / "hoering.toml"
    path.write_text(STORE + "[extract]\n" + extract, encoding="utf-8")
    return load_config(path)


def test_defaults_without_the_section(tmp_path: Path) -> None:
    path = tmp_path / "hoering.toml"
    path.write_text(STORE, encoding="utf-8")
    cfg = load_config(path)
    assert cfg.extract == ExtractConfig()
    assert (cfg.extract.timeout_seconds, cfg.extract.memory_mb) == (60.0, 1024)
    assert cfg.extract.limits == ExtractLimits()


def test_example_config_documents_the_defaults() -> None:
    cfg = load_config(ROOT / "config.example.toml")
    assert cfg.extract == ExtractConfig()


def test_every_key_is_read(tmp_path: Path) -> None:
    cfg = load(
        tmp_path,
        "timeout_seconds = 5\nmemory_mb = 300\nmax_attachment_mb = 2.5\nworkers = 3\n"
        "archive_total_mb = 10\narchive_entries = 20\nnesting_depth = 2\n"
        "compression_ratio = 50\nocr = false\nocr_pages = 4\n"
        'ocr_languages = "dan"\nocr_page_seconds = 7\n'
        "max_text_chars = 1000\nmax_message_text_chars = 3000\n",
    )
    assert (cfg.extract.timeout_seconds, cfg.extract.memory_mb) == (5.0, 300)
    assert cfg.extract.max_attachment_mb == 2.5
    assert cfg.extract.workers == 3
    assert cfg.extract.limits == ExtractLimits(
        archive_total_bytes=10 * MIB,
        archive_entries=20,
        nesting_depth=2,
        compression_ratio=50,
        ocr=False,
        ocr_pages=4,
        ocr_languages="dan",
        ocr_page_seconds=7.0,
        text_chars=1000,
        message_text_chars=3000,
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("timeout_seconds = 0", r"\[extract\] timeout_seconds: must be positive"),
        ('memory_mb = "1 GiB"', r"\[extract\] memory_mb: must be a whole number"),
        ("archive_entries = -1", r"\[extract\] archive_entries: must be positive"),
        ("max_text_chars = 0", r"\[extract\] max_text_chars: must be positive"),
        ('ocr = "yes"', r"\[extract\] ocr: must be true or false"),
        ('ocr_languages = "dan eng"', r"\[extract\] ocr_languages: must be like"),
        ("workers = -1", r"\[extract\] workers: must be 0 \(one per core\) or more, got -1"),
        ("workers = 1.5", r"\[extract\] workers: must be a whole number"),
    ],
)
def test_invalid_value_names_file_and_key(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"hoering\.toml: " + message):
        load(tmp_path, line + "\n")


def test_workers_default_to_one_per_usable_core(tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    assert load(tmp_path, "").extract.workers == 0
    assert Sandbox.from_config(load(tmp_path, "").extract).workers == cores
    assert Sandbox.from_config(load(tmp_path, "workers = 0\n").extract).workers == cores
    assert Sandbox.from_config(load(tmp_path, "workers = 3\n").extract).workers == 3
