"""Unknown sections and keys in hoering.toml are errors, with a "did you mean" when one is close."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hoering.config import KNOWN_KEYS, ConfigError, load_config
from tests.kit.cli import run
from tests.kit.paths import ROOT

STORE = '[store]\nurl = "sqlite:///x.db"\n'
IMAP = '[imap]\nhost = "imap.example.org"\nusername = "u@digst.dk"\npassword_env = "X"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hoering.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "path", [ROOT / "config.example.toml", ROOT / "examples" / "hoering.toml"], ids=lambda p: p.name
)
def test_shipped_configs_load(path: Path) -> None:
    load_config(path)


def test_misspelt_deadline_is_an_error_naming_file_section_and_key(tmp_path: Path) -> None:
    # It used to be ignored: every late flag off, exit 0.
    path = write(tmp_path, STORE + "[consultation]\ndeadlin = 2017-08-20\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: [consultation] deadlin: unknown key; did you mean `deadline`?"
    )


def test_folder_for_folders_is_an_error(tmp_path: Path) -> None:
    # It used to poll INBOX, and doctor said all checks passed.
    path = write(tmp_path, STORE + IMAP + 'folder = "Høringssvar"\n')
    with pytest.raises(ConfigError, match=r"\[imap\] folder: unknown key; did you mean `folders`"):
        load_config(path)


def test_unknown_key_in_an_account_table_is_named_with_its_number(tmp_path: Path) -> None:
    text = STORE + IMAP + '[[imap.accounts]]\nusername = "a@x.dk"\n[[imap.accounts]]\nhots = "h"\n'
    with pytest.raises(ConfigError, match=r"\[imap.accounts #2\] hots: unknown key; did you mean"):
        load_config(write(tmp_path, text))


def test_unknown_section_suggests_the_close_one(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"\[consultaton\]: unknown section; did you mean `\[consultation\]`"
    ):
        load_config(write(tmp_path, STORE + "[consultaton]\ndeadline = 2017-08-20\n"))


def test_far_off_names_get_no_guess(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, STORE + "[match]\nxyzzy = 1\n"))
    assert str(caught.value).endswith("[match] xyzzy: unknown key")


def test_wrong_type_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[extract\] ocr: must be true or false, got 'yes'"):
        load_config(write(tmp_path, STORE + '[extract]\nocr = "yes"\n'))


def test_cli_prints_one_line_and_exits_2(tmp_path: Path, capsys, monkeypatch) -> None:
    path = write(tmp_path, STORE + "[consultation]\ndeadlin = 2017-08-20\n")
    code, out, err = run(capsys, monkeypatch, "list", "--config", str(path))
    assert (code, out) == (2, "")
    assert (
        err == f"hoering: {path}: [consultation] deadlin: unknown key; did you mean `deadline`?\n"
    )


IMAP = '[imap]\nhost = "imap.example.dk"\nusername = "u"\npassword_env = "P"\n'


@pytest.mark.parametrize(
    ("section", "line"),
    [
        ("imap", 'ca_file = ""'),
        ("themes", 'codebook = " "'),
        ("poll", 'lock_file = ""'),
    ],
)
def test_an_empty_file_name_is_a_config_error(tmp_path: Path, section: str, line: str) -> None:
    # An empty path meant the config's own folder: `poll` then died with IsADirectoryError.
    config = tmp_path / "empty.toml"
    extra = IMAP + (line + "\n" if section == "imap" else f"\n[{section}]\n{line}\n")
    config.write_text('[store]\nurl = "sqlite:///h.db"\n\n' + extra, encoding="utf-8")
    key = line.split(" =")[0]
    with pytest.raises(ConfigError, match=rf"\[{section}\] {key}: is empty"):
        load_config(config)


def example_keys() -> set[tuple[str, str]]:
    """(section, key) of every key config.example.toml shows, commented out or not."""
    found: set[tuple[str, str]] = set()
    section = ""
    for line in (ROOT / "config.example.toml").read_text(encoding="utf-8").splitlines():
        text = line.lstrip("# ").rstrip()
        if heading := re.fullmatch(r"\[\[?([a-z_.]+)\]\]?", text):
            section = heading.group(1).split(".")[0]
        elif key := re.match(r"([a-z_]+) = ", text):
            found.add((section, key.group(1)))
    return found


def test_the_example_config_shows_every_key_hoering_reads_and_no_other() -> None:
    # An administrator configures from config.example.toml alone.
    read = {
        (section, key)
        for section, keys in KNOWN_KEYS.items()
        for key in keys
        if (section, key) not in {("imap", "accounts"), ("web", "users")}  # tables of their own
    }
    assert example_keys() == read
