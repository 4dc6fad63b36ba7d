"""bench/corpus_report.py on a tiny corpus of its own, so the script keeps working."""

from __future__ import annotations

from pathlib import Path

from bench.corpus_report import documents, mails, render
from hoering.pipeline.sandbox import Sandbox, SandboxLimits
from tests.kit.mails import make_mail


def test_report_counts_files_text_and_errors_per_format(tmp_path: Path) -> None:
    for folder in ("docx", "pdf", "other", "eml"):
        (tmp_path / folder).mkdir()
    (tmp_path / "other" / "svar.txt").write_bytes("Forslag om åbne data.\n".encode())
    (tmp_path / "pdf" / "brudt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj")
    (tmp_path / "eml" / "svar.eml").write_bytes(make_mail())
    with Sandbox(SandboxLimits(timeout_seconds=20)) as sandbox:
        docs = documents(tmp_path, sandbox)
        messages, attached = mails(tmp_path, sandbox)
    assert (docs["text"].files, docs["text"].with_text) == (1, 1)
    assert (docs["pdf"].files, docs["pdf"].with_text, sum(docs["pdf"].errors.values())) == (1, 0, 1)
    assert (messages.files, messages.with_text, attached) == (1, 1, {})
    lines = render("Documents", docs)
    assert lines[0] == "Documents"
    assert any(line.startswith("pdf            1     0") for line in lines)
