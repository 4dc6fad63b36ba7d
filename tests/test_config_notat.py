"""[notat]: office, published at, the høringsliste (fed to the respondent registry too),
citizens named or counted, and the ministry's Word template."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from hoering.config import ConfigError, load_config
from tests.kit.mails import write_config


def test_notat_keys_are_read(tmp_path: Path) -> None:
    Document().save(tmp_path / "skabelon.docx")
    extra = (
        '[notat]\noffice = "Kontor for Digital Forvaltning"\n'
        'published_at = "Høringsportalen"\nname_citizens = true\ntemplate = "skabelon.docx"\n'
    )
    notat = load_config(write_config(tmp_path, extra)).notat
    assert (notat.office, notat.published_at, notat.name_citizens) == (
        "Kontor for Digital Forvaltning",
        "Høringsportalen",
        True,
    )
    assert notat.template == tmp_path / "skabelon.docx"


def test_without_notat_section_citizens_are_counted_and_no_list(tmp_path: Path) -> None:
    notat = load_config(write_config(tmp_path)).notat
    assert (notat.name_citizens, notat.hearing_list, notat.template) == (False, (), None)


def test_hearing_list_parties_join_the_respondent_registry(tmp_path: Path) -> None:
    (tmp_path / "liste.csv").write_text("Foreningen Åben Forvaltning;aabenforvaltning.dk\n")
    cfg = load_config(write_config(tmp_path, '[notat]\nhearing_list = "liste.csv"\n'))
    assert [p.name for p in cfg.notat.hearing_list] == ["Foreningen Åben Forvaltning"]
    body = cfg.respondent_registry.by_domain("post.aabenforvaltning.dk")
    assert body is not None and body.name == "Foreningen Åben Forvaltning"


def test_a_malformed_hearing_list_names_the_key_and_line(tmp_path: Path) -> None:
    (tmp_path / "liste.csv").write_text("KL;kl.dk;kommune\n")
    with pytest.raises(ConfigError, match=r"\[notat\] hearing_list: .*line 1"):
        load_config(write_config(tmp_path, '[notat]\nhearing_list = "liste.csv"\n'))


def test_a_missing_template_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[notat\] template"):
        load_config(write_config(tmp_path, '[notat]\ntemplate = "mangler.docx"\n'))
