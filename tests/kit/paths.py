"""Where things are: the repository, its sample inbox and the shared corpus beside it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_INBOX = ROOT / "examples" / "inbox"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
