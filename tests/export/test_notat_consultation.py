"""The høringsnotat of a generated 140-reply consultation (tests/kit/consultation.py),
section by section: title block, contents, Indledning, general remarks, each proposal once
under its theme naming its supporters, the campaign as one entry, changes, bilag; and, in
one LibreOffice run, at most 25 pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from hoering.config_notat import NotatConfig
from hoering.export.notat import consultation_of
from hoering.export.run import ExportOptions, run_notat
from hoering.store.queries import ProposalFilter
from tests.kit.consultation import BODIES, NOT_REPLYING, SUBJECT, imported_consultation
from tests.kit.needs import missing

MAX_PAGES = 25
REMARK = "Digitaliseringsstyrelsens bemærkninger:"
# Who stands behind an entry: named bodies, counted citizens, or the campaign's count.
SUPPORTERS = re.compile(
    r"^(?:[^.]+\. )?(?:En borger|[A-ZÆØÅ0-9][^:]*?) (?:foreslår|bemærker): "
    r"|^\d+ (?:borgere|høringsparter) har sendt enslydende høringssvar"
    # A body's general remark that opens with its name: "KL støtter overordnet ...".
    r"|^(?:" + "|".join(re.escape(name.split(" A/S")[0]) for name, *_ in BODIES) + r") "
)


@pytest.fixture(scope="module")
def consultation(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("consultation")
    cfg, sessions = imported_consultation(folder)
    return folder, cfg, sessions


def write(consultation, name: str = "notat.docx", **notat) -> Path:
    folder, cfg, sessions = consultation
    about = consultation_of(cfg)
    about = replace(about, notat=replace(cfg.notat, **notat)) if notat else about
    out = folder / name
    with sessions() as session:
        run_notat(session, ProposalFilter(), out, ExportOptions("notat"), about)
    return out


@pytest.fixture(scope="module")
def notat(consultation) -> Path:
    return write(consultation)


@pytest.fixture(scope="module")
def doc(notat: Path):
    return Document(str(notat))


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def section(doc, start: str, end: str) -> list[str]:
    lines = texts(doc)
    return lines[lines.index(start) + 1 : lines.index(end)]


def entries(lines: list[str]) -> list[str]:
    """The entry paragraphs: each is followed by the ministry's remark."""
    return [line for line, after in pairwise(lines) if after.startswith(REMARK)]


def headings(doc, level: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == level]


def test_title_block_names_ministry_office_journal_number_and_date(doc) -> None:
    assert texts(doc)[:3] == [
        "Digitaliseringsstyrelsen",
        "Kontor for Offentlig Digitalisering",
        "J.nr. 2017-1234",
    ]
    assert texts(doc)[3].startswith("Dato: ")
    assert headings(doc, "Title") == ["Høringsnotat"]


def test_sections_are_real_headings_in_the_ministry_order(doc) -> None:
    top = headings(doc, "Heading 1")
    assert top == [
        "1. Indledning",
        "2. Generelle bemærkninger",
        "3. Bemærkninger til de enkelte temaer",
        "4. Ændringer som følge af høringen",
        "Bilag",
    ]
    assert all(re.match(r"3\.\d+\. [A-ZÆØÅ]", h) for h in headings(doc, "Heading 2"))


def test_contents_is_a_toc_field_word_updates_on_opening(doc) -> None:
    instructions = [e.text for e in doc.element.body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC ") for text in instructions)
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_document_is_danish_with_author_and_title(doc) -> None:
    props = doc.core_properties
    assert (props.language, props.author) == ("da-DK", "Digitaliseringsstyrelsen")
    assert props.title.startswith("Høringsnotat – Udkast til Danmarks handlingsplan")


def test_indledning_names_period_in_days_and_where_it_was_published(doc) -> None:
    text = " ".join(section(doc, "1. Indledning", "2. Generelle bemærkninger"))
    assert "var i høring fra den 3. juli 2017 til den 20. august 2017, i alt 48 dage." in text
    assert "Høringen blev offentliggjort på Høringsportalen (hoeringsportalen.dk)." in text


def test_indledning_counts_replies_late_ones_and_the_campaign(doc) -> None:
    text = " ".join(section(doc, "1. Indledning", "2. Generelle bemærkninger"))
    assert "Der er modtaget 140 høringssvar, heraf 3 efter fristen." in text
    assert "14 af svarene er enslydende høringssvar fordelt på 1 kampagne." in text


def test_indledning_says_who_on_the_hearing_list_replied_and_who_did_not(doc) -> None:
    text = " ".join(section(doc, "1. Indledning", "2. Generelle bemærkninger"))
    assert "hos 27 høringsparter på høringslisten, og 22 af dem har afgivet høringssvar" in text
    silent = text.split("har ikke afgivet høringssvar: ")[1]
    assert all(name in silent for name, _, _ in NOT_REPLYING)


def test_indledning_names_bodies_alphabetically_and_counts_citizens(doc) -> None:
    text = " ".join(section(doc, "1. Indledning", "2. Generelle bemærkninger"))
    authorities = text.split("Myndigheder: ")[1].split(".")[0]
    assert authorities == (
        "Aarhus Kommune, Datatilsynet, Erhvervsstyrelsen, Københavns Kommune, Odense Kommune "
        "og Rigsarkivet"
    )
    assert "Desuden har 116 borgere afgivet høringssvar." in text


def test_indledning_lists_the_parties_without_remarks(doc) -> None:
    lines = section(doc, "1. Indledning", "2. Generelle bemærkninger")
    [line] = [x for x in lines if x.startswith("Følgende høringsparter har ingen bemærkninger")]
    assert line.endswith(
        "Danske Advokater, Danske Medier, Datatilsynet, Erhvervsstyrelsen, Landbrug & "
        "Fødevarer, Rigsarkivet og Septima ApS."
    )


def general(doc) -> list[str]:
    return entries(
        section(doc, "2. Generelle bemærkninger", "3. Bemærkninger til de enkelte temaer")
    )


def test_general_remarks_hold_the_replies_without_a_proposal(doc) -> None:
    assert sum(e.startswith("En borger bemærker: ") for e in general(doc)) == 8


def test_general_remarks_hold_what_bodies_say_beside_their_proposals(doc) -> None:
    found = general(doc)
    assert (
        "KL støtter overordnet udkastet, men savner konkrete mål for de enkelte initiativer."
        in found
    )
    # Authorities, organisations, companies, then citizens: the order of section 1.
    assert found[0].startswith("Aarhus Kommune") and found[-1].startswith("En borger")


def test_a_reply_decision_is_the_ministrys_remark(doc) -> None:
    lines = texts(doc)
    at = next(i for i, line in enumerate(lines) if "Høringsfristen midt i sommerferien" in line)
    assert lines[at + 1] == f"{REMARK} Forslaget er ikke optaget. Høringen varede syv uger."


def test_the_campaign_is_one_entry_with_organiser_and_additions(doc) -> None:
    [entry] = [t for t in texts(doc) if "har sendt enslydende høringssvar" in t]
    assert entry.startswith(
        "14 borgere har sendt enslydende høringssvar, organiseret af Foreningen Åben Forvaltning."
    )
    # Three replies add the same sentence, one each adds theirs: the common one first.
    added = entry.split("Nogle af svarene tilføjer: ")[1]
    assert added.startswith("“Det bør også gælde de selvejende institutioner")
    assert sum("Foreningen Åben Forvaltning" in t for t in texts(doc)) == 1


def test_a_candidate_decision_is_the_remark_on_its_paragraph(doc) -> None:
    lines = texts(doc)
    # The campaign's letter names the ordning too; the candidate is the one KL-style entry.
    at = next(
        i
        for i, t in enumerate(lines)
        if "whistleblowerordning" in t and " foreslår: " in t and "enslydende" not in t
    )
    assert lines[at + 1] == (
        f"{REMARK} Forslaget er optaget. Initiativ 2.1 i handlingsplanen indfører ordningen."
    )


def test_undecided_entries_are_to_be_filled_in(doc) -> None:
    assert f"{REMARK} [udfyldes]" in texts(doc)


def test_every_entry_names_its_supporters(doc) -> None:
    found = entries(texts(doc))
    assert len(found) > 20
    assert [e for e in found if not SUPPORTERS.search(e)] == []


def test_each_candidate_is_one_paragraph_naming_bodies_and_counting_citizens(doc) -> None:
    found = entries(texts(doc))
    assert len(found) == len(set(found))
    assert any(
        re.match(r"KL, Københavns Kommune, Open Knowledge Danmark og \d+ borgere", e) for e in found
    )


def test_a_candidates_other_themes_are_named_in_its_paragraph(doc) -> None:
    assert any("Forslaget vedrører også " in e for e in entries(texts(doc)))


def test_no_theme_section_is_empty(doc) -> None:
    lines = texts(doc)
    themes = headings(doc, "Heading 2")
    ends = [*themes[1:], "4. Ændringer som følge af høringen"]
    for heading, following in zip(themes, ends, strict=True):
        assert entries(lines[lines.index(heading) : lines.index(following) + 1]), heading


def test_an_english_reply_is_quoted_and_marked_in_a_danish_paragraph(doc) -> None:
    paragraph = next(p for p in doc.paragraphs if "(citat på engelsk)" in p.text)
    assert paragraph.text.startswith("En borger foreslår: (citat på engelsk) “We propose")
    quoted = next(run for run in paragraph.runs if run.text.startswith("“We propose"))
    assert quoted._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_no_summary_has_a_greeting_subject_or_cpr_placeholder(doc) -> None:
    for entry in entries(texts(doc)):
        assert not re.search(r"Kære|Hej\b|Til rette vedkommende|Med venlig hilsen", entry)
        assert SUBJECT not in entry and "fjernet]" not in entry


def test_no_summary_ends_in_a_cut_word(consultation, doc) -> None:
    folder = consultation[0]
    words = {
        word.strip(".,:;“”")
        for mail in (folder / "mails").glob("*.eml")
        for word in mail.read_text("utf-8", errors="replace").split()
    }
    cut = [e for e in entries(texts(doc)) if "…" in e]
    assert [e for e in cut if e.split("…")[0].split()[-1].strip(".,:;“”") not in words] == []


def test_changes_list_what_was_adopted(doc) -> None:
    lines = section(doc, "4. Ændringer som følge af høringen", "Bilag")
    assert any(line.endswith("(optaget)") for line in lines)
    assert any(line.endswith("(delvist optaget)") for line in lines)


def test_bilag_numbers_every_reply_once_with_the_campaign_as_one_row(doc) -> None:
    table = doc.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Bilag", "Høringspart", "Modtaget"]
    numbers = []
    for number, *_ in rows[1:]:
        first, _, last = number.partition("–")
        numbers += range(int(first), int(last or first) + 1)
    assert numbers == list(range(1, 141))
    assert ["127–140", "14 enslydende høringssvar", ""] in rows


def test_bilag_header_row_repeats_on_every_page(doc) -> None:
    header = doc.tables[-1].rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None


def test_citizens_are_named_when_configured(consultation) -> None:
    named = Document(str(write(consultation, "named.docx", name_citizens=True)))
    assert "Anne Hansen" in " ".join(texts(named))


def test_a_ministry_template_gives_its_header_and_styles(consultation, tmp_path: Path) -> None:
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Digitaliseringsstyrelsen – logo"
    template.add_paragraph("Skabelonens eksempeltekst")
    template.save(tmp_path / "skabelon.docx")
    out = write(consultation, "template.docx", template=tmp_path / "skabelon.docx")
    written = Document(str(out))
    assert written.sections[0].header.paragraphs[0].text == "Digitaliseringsstyrelsen – logo"
    assert "Skabelonens eksempeltekst" not in texts(written)
    assert headings(written, "Heading 1")[0] == "1. Indledning"


def test_notat_of_140_replies_is_at_most_25_pages_in_libreoffice(notat: Path) -> None:
    absent = [tool for tool in ("soffice", "pdfinfo") if shutil.which(tool) is None]
    if absent:
        missing(f"not installed: {absent} (apt install libreoffice-writer-nogui poppler-utils)")
    profile = (notat.parent / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(notat.parent), str(notat)],
        check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    info = subprocess.run(
        ["pdfinfo", str(notat.with_suffix(".pdf"))],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    assert pages <= MAX_PAGES


def test_notat_config_defaults_keep_the_notat_whole(consultation) -> None:
    # No [notat] section: no office line, no høringsliste sentence, still every section.
    plain = Document(str(write(consultation, "plain.docx", **vars(NotatConfig()))))
    assert "Kontor for Offentlig Digitalisering" not in texts(plain)
    assert not any("høringslisten" in t for t in texts(plain))
    assert headings(plain, "Heading 1")[-1] == "Bilag"
