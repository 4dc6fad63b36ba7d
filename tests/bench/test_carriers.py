"""bench.bench_carriers: tune cases sent in another carrier (the real cases of the set)."""

from __future__ import annotations

from bench.bench_carriers import _build_module, as_carrier
from bench.bench_sets import SETS, load_cases

CASES = {case["id"]: case for case in load_cases(SETS / "replies") if case["split"] == "tune"}


def test_a_docx_reply_is_sent_as_pdf_with_its_words_and_labels() -> None:
    case = CASES["r189"]  # a DOCX letter with bold headings
    sent = as_carrier(case, "pdf", _build_module())
    assert sent is not None
    assert [a["kind"] for a in sent["mail"]["attachments"]] == ["pdf"]
    assert sent["mail"]["attachments"][0]["filename"].endswith(".pdf")
    assert sent["label"] == case["label"]
    assert case["mail"]["attachments"][0]["kind"] == "docx"  # the set's case is untouched


def test_an_html_body_is_sent_as_its_text_part() -> None:
    html = next(c for c in CASES.values() if c["mail"]["body_format"] == "html")
    sent = as_carrier(html, "plain", _build_module())
    assert sent is not None and sent["mail"]["body_format"] == "plain"
    assert "<" not in sent["mail"]["body"]


def test_a_case_without_that_carrier_is_left_out() -> None:
    plain = next(c for c in CASES.values() if not c["mail"].get("attachments"))
    assert as_carrier(plain, "pdf", _build_module()) is None
