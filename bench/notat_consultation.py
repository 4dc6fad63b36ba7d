"""The høringsnotat of the generated 140-reply test consultation (tests/kit/consultation.py),
for reading it as a ministry would and for the README's pictures (scripts/render-docs.sh):

    .venv/bin/python -m bench.notat_consultation FOLDER   # FOLDER/notat.docx, pages counted

The consultation is imported by the real pipeline into FOLDER/hoering.db and decided as in
the tests; the notat is written with the config's [notat] section.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hoering.export.notat import consultation_of
from hoering.export.run import ExportOptions, run_notat
from hoering.store.queries import ProposalFilter
from tests.kit.consultation import imported_consultation


def main(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    cfg, sessions = imported_consultation(folder)
    out = folder / "notat.docx"
    with sessions() as session:
        result = run_notat(
            session, ProposalFilter(), out, ExportOptions("notat"), consultation_of(cfg)
        )
    print(f"{result.rows} replies: {out}")
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]))
