"""The replies set's TUNE cases in another carrier: the same words, labels and layout, sent as
another kind of file, imported and scored as bench.bench_sets scores them.

    .venv/bin/python -m bench.bench_carriers pdf DIR     # DOCX reply attachments as PDF
    .venv/bin/python -m bench.bench_carriers docx DIR    # PDF reply attachments as DOCX
    .venv/bin/python -m bench.bench_carriers plain DIR   # HTML bodies as their text part

A rule written from a DOCX case's styles says nothing of the same letter printed to PDF, and
sealed replies come in every carrier: a case that falls apart here shows a structure the
splitter reads from its carrier's markup rather than from the document. DIR keeps the built
mails (LibreOffice takes a minute); delete it after the set changes. Only tune cases are
built and scored, so the figures may be read while rules change.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from bench.bench_sets import BUILD, PARTS, SETS, imported, load_cases, report

MODES = ("pdf", "docx", "plain")


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("replies_build", BUILD)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {BUILD}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_carrier(case: dict, mode: str, build: ModuleType) -> dict | None:
    """The case sent in the other carrier, or None when it has nothing to change."""
    case = copy.deepcopy(case)
    mail = case["mail"]
    if mode == "plain":
        if mail["body_format"] != "html":
            return None
        mail["body"] = build.html_to_plain(build.wrap_html(mail["mailer"], mail["body"]))
        mail["body_format"] = "plain"
        return case
    source = "docx" if mode == "pdf" else "pdf"
    attachments = [a for a in mail.get("attachments", []) if a["kind"] == source]
    for attachment in attachments:
        attachment["kind"] = mode
        attachment["filename"] = f"{attachment['filename'].rsplit('.', 1)[0]}.{mode}"
    return case if attachments else None


def build_mails(cases: list[dict], out: Path, build: ModuleType) -> None:
    """Each case's mail in `out`, PDFs converted in one LibreOffice run."""
    docs = {
        (case["id"], n): build.build_docx(case, attachment)
        for case in cases
        for n, attachment in enumerate(case["mail"].get("attachments", []))
    }
    kinds = {
        (case["id"], n): attachment["kind"]
        for case in cases
        for n, attachment in enumerate(case["mail"].get("attachments", []))
    }
    pdfs = build.docx_to_pdf({f"{k[0]}_{k[1]}": d for k, d in docs.items() if kinds[k] == "pdf"})
    for case in cases:
        files = {
            n: pdfs[f"{case['id']}_{n}"] if kinds[case["id"], n] == "pdf" else docs[case["id"], n]
            for n in range(len(case["mail"].get("attachments", [])))
        }
        (out / f"{case['id']}.eml").write_bytes(build.build_message(case, files))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("mails", type=Path, help="the built mails are kept here")
    args = parser.parse_args(argv)
    build = _build_module()
    folder = SETS / "replies"
    tune = [case for case in load_cases(folder) if case["split"] == "tune"]
    cases = [c for c in (as_carrier(case, args.mode, build) for case in tune) if c is not None]
    args.mails.mkdir(parents=True, exist_ok=True)
    if not any(args.mails.glob("*.eml")):
        build_mails(cases, args.mails, build)
    with tempfile.TemporaryDirectory(prefix="hoering-carriers-") as work:
        rows = imported(folder, Path(work), args.mails)
    print(f"replies set, tune cases as {args.mode}: {len(cases)} cases")
    report(cases, rows, verbose=True, parts=PARTS["replies"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
