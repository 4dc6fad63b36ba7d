"""The CPR detector over every text the parse package gets out of ../shared/corpus.

The corpus is third-party mail and documents, mostly not Danish: every hit is pinned here
and judged, so a change to the detector that finds more (or less) in real text shows.
Takes about a minute (OCR and a 204-page PDF).
"""

from __future__ import annotations

import functools
import multiprocessing
import shutil
from pathlib import Path

import pytest

from hoering.analysis.personal_data import find_cpr
from tests.kit.corpus_texts import manifest_files, texts
from tests.kit.needs import missing
from tests.kit.paths import CORPUS

if not CORPUS.is_dir():
    missing(f"document corpus not found at {CORPUS}", module=True)

pytestmark = [pytest.mark.corpus, pytest.mark.long]  # minutes on two loaded cores

# (file, where in it, the number found): all the CPR numbers the corpus holds.
HITS = {
    # os2ds planted a (test) CPR number as a picture in a letter; OCR reads it, and it goes.
    ("docx/os2ds_embedded-cpr.docx", "os2ds_embedded-cpr.docx", "131016-9996"),
    ("other/os2ds_embedded-cpr.odt", "os2ds_embedded-cpr.odt", "131016-9996"),
    ("eml/os2ds_mail-with-inline-img-and-attached-odt.eml", "cpr.jpg", "131016-9996"),
    ("eml/os2ds_mail-with-inline-img-and-attached-odt.eml", "embedded-cpr.odt", "131016-9996"),
    # A Dutch mobile number ("Telefoonnummer : 0610132318") that reads as 6 Oct 2013: not a
    # CPR number, but a phone number taken out of a published reply harms nobody.
    ("eml/phpmmp_m0009.eml", "body", "0610132318"),
}


def file_hits(path: Path) -> set[tuple[str, str, str]]:
    name = str(path.relative_to(CORPUS))
    return {(name, where, hit.text) for where, text in texts(path) for hit in find_cpr(text)}


@functools.cache
def corpus_hits() -> frozenset[tuple[str, str, str]]:
    # Each file is read on its own and most of the time is OCR and PDF layout: two forked
    # processes read them at once (biggest first), so both cores work. A file's texts and
    # hits are the same in either process.
    files = sorted(manifest_files(), key=lambda path: path.stat().st_size, reverse=True)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return frozenset(set().union(*pool.imap_unordered(file_hits, files)))


def test_manifest_lists_every_corpus_file() -> None:
    on_disk = {p for p in CORPUS.rglob("*") if p.is_file() and p.parent != CORPUS}
    assert set(manifest_files()) == on_disk


def test_cpr_hits_in_the_corpus_are_the_judged_ones() -> None:
    if shutil.which("tesseract") is None:
        missing("tesseract not installed: the planted CPR numbers are pictures")
    assert corpus_hits() == HITS
