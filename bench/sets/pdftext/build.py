"""Build the PDFs of the PDF reading set from its typed texts. Run from the repository root:

    .venv/bin/python bench/sets/pdftext/build.py

Each case is NAME.txt (the text as a person reads it off the page, typed by hand:
paragraphs parted by a blank line) and NAME.toml (its layout). The body is the text less
the paragraphs that are the layout's header, footer or letterhead. Two producers:

- LibreOffice: a DOCX written with python-docx, converted by `soffice --headless`, as a
  respondent's Word letter is printed to PDF;
- ReportLab (`pip install reportlab`; not a dependency of hoering: the PDFs are committed),
  a second layout engine with its own text placement, TrueType subsets as Word embeds them.

Writes pdf/NAME.libreoffice.pdf and pdf/NAME.reportlab.pdf beside this file.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/liberation")
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class Case:
    name: str
    body: list[str]
    font_size: float = 12
    justify: bool = True
    columns: int = 1
    column_break_before: str = ""
    width_cm: float = 0.0
    header: str = ""
    footer: str = ""
    letterhead: str = ""
    page_numbers: bool = False
    soft_hyphens: list[str] = field(default_factory=list)


def load(name: str) -> Case:
    layout = tomllib.loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    furniture = {layout.get(key, "") for key in ("header", "footer", "letterhead")} - {""}
    body = [part.strip() for part in text.split("\n\n") if part.strip() not in furniture]
    body = [_hyphenable(part, layout.get("soft_hyphens", [])) for part in body if part]
    return Case(name=name, body=body, **layout)


def _hyphenable(text: str, words: list[str]) -> str:
    for word in words:
        text = text.replace(word.replace("|", ""), word.replace("|", SOFT_HYPHEN))
    return text


def cases() -> list[Case]:
    return [load(path.stem) for path in sorted(HERE.glob("*.toml"))]


def main() -> None:
    out = HERE / "pdf"
    out.mkdir(exist_ok=True)
    from libreoffice import libreoffice_pdf  # beside this script
    from reportlab_pdf import reportlab_pdf

    for case in cases():
        for producer, make in (("libreoffice", libreoffice_pdf), ("reportlab", reportlab_pdf)):
            path = out / f"{case.name}.{producer}.pdf"
            path.write_bytes(make(case))
            pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
            count = next((line.split()[-1] for line in pages.splitlines() if "Pages" in line), "?")
            print(f"{path.relative_to(HERE)}: {path.stat().st_size} bytes, {count} pages")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
