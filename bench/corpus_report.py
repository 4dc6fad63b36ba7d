"""Per-format extraction results over the third-party corpus, through the real sandbox.

    .venv/bin/python -m bench.corpus_report [--corpus ../shared/corpus]

Every document (docx/, pdf/, other/) is extracted in the sandbox with the default
[extract] limits, as `hoering poll` would; every mail (eml/) goes through parse_message
with the same sandbox. Prints, per detected format: files, files with text, errors by
reason, and the slowest file with its time; then the same for the mails.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from hoering.config import ExtractConfig
from hoering.parse.message import UnparseableMessage, parse_message
from hoering.parse.model import Attachment, AttachmentInput
from hoering.pipeline.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT_FOLDERS = ("docx", "pdf", "other")


@dataclass
class Tally:
    """Results for one format (or for the mails)."""

    files: int = 0
    with_text: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, str] | None = None  # None: not timed one by one

    def add(self, name: str, seconds: float | None, has_text: bool, errors: list[str]) -> None:
        self.files += 1
        self.with_text += has_text
        self.errors.update(errors)
        if seconds is not None:
            self.slowest = max(self.slowest or (0.0, ""), (seconds, name))


def documents(corpus: Path, sandbox: Sandbox) -> dict[str, Tally]:
    """Each document through the sandbox, tallied by the type sniffed from its bytes."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for folder in DOCUMENT_FOLDERS:
        for path in sorted((corpus / folder).iterdir()):
            if not path.is_file():
                continue
            payload = path.read_bytes()
            item = AttachmentInput(path.name, path.name, "application/octet-stream", payload)
            start = time.perf_counter()
            found = sandbox(item)
            seconds = time.perf_counter() - start
            tallies[found[0].detected_type].add(
                path.name, seconds, any(a.text.strip() for a in found), _errors(found)
            )
    return dict(tallies)


def mails(corpus: Path, sandbox: Sandbox) -> tuple[Tally, dict[str, Tally]]:
    """Each mail parsed with its attachments in the sandbox: the mails, and their
    attachments (forwarded mails and archive members included) by sniffed type."""
    messages, attachments = Tally(), defaultdict(Tally)
    for path in sorted((corpus / "eml").iterdir()):
        start = time.perf_counter()
        try:
            parsed = parse_message(path.read_bytes(), extract=sandbox)
        except UnparseableMessage as exc:
            messages.add(path.name, time.perf_counter() - start, False, [f"unparseable: {exc}"])
            continue
        seconds = time.perf_counter() - start
        texts = [parsed.body_text, *(a.text for a in parsed.attachments)]
        messages.add(path.name, seconds, any(t.strip() for t in texts), [])
        for attachment in parsed.attachments:
            attachments[attachment.detected_type].add(
                f"{path.name}/{attachment.path}", None, bool(attachment.text.strip()),
                _errors([attachment]),
            )  # fmt: skip
    return messages, dict(attachments)


def _errors(found: list[Attachment] | tuple[Attachment, ...]) -> list[str]:
    # Reasons are grouped as written; very long ones (file names in a list) are cut.
    return [a.error if len(a.error) <= 90 else a.error[:87] + "..." for a in found if a.error]


def render(title: str, tallies: dict[str, Tally]) -> list[str]:
    lines = [title, f"{'format':10} {'files':>5} {'text':>5}  slowest"]
    for kind, tally in sorted(tallies.items(), key=lambda item: (-item[1].files, item[0])):
        slowest = f"{tally.slowest[0]:5.1f} s  {tally.slowest[1]}" if tally.slowest else ""
        lines.append(f"{kind:10} {tally.files:5} {tally.with_text:5}  {slowest}".rstrip())
        for reason, count in tally.errors.most_common():
            lines.append(f"{'':10} {count:5}x {reason}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for chatty in ("mailparser", "pdfminer", "sandbox"):  # as the CLI: reasons are recorded
        logging.getLogger(chatty).setLevel(logging.ERROR)
    started = time.perf_counter()
    with Sandbox.from_config(ExtractConfig()) as sandbox:
        docs = documents(args.corpus, sandbox)
        messages, attached = mails(args.corpus, sandbox)
    lines = render("Documents (through the sandbox, default [extract] limits)", docs)
    lines += ["", *render("Mails (parse_message, attachments in the sandbox)", {"eml": messages})]
    lines += ["", *render("Attachments of those mails, by sniffed type", attached)]
    total_files = sum(t.files for t in docs.values()) + messages.files
    lines += ["", f"{total_files} files in {time.perf_counter() - started:.0f} s"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
