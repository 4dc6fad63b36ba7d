"""Time and peak memory of `hoering import` on hostile mails. Run on demand, prints figures.

    .venv/bin/python -m bench.bench_hostile [--hoering /work/main/.venv/bin/hoering]
        [--memory-mb 4096] [--timeout 300] [--only zip200 ...]

Each mail is generated in a temporary directory and imported by a fresh `hoering import`
under an address-space limit (RLIMIT_AS, like `prlimit --as`) and a wall-clock bound.
Prints, per input: exit code (or "timeout"), wall seconds, and the peak resident memory of
hoering or any of its extraction workers. `--hoering` measures another install (e.g. main).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.kit import hostile

CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "zip200": ("ZIP of 200 text files of 1 MB each", hostile.zip_of_text_files),
    "text45": ("45 MB text attachment", hostile.big_text_attachment),
    "word200k": ('200,000-letter word after "Med venlig hilsen"', hostile.long_word_after_greeting),
    "from100k": ("100,000-character From name", hostile.long_from_name),
    "unfolded200k": ("200,000 header lines without their folding blank", hostile.unindented_header),
    "rfc822x1000": ("1,000 levels of message/rfc822", hostile.deep_rfc822),
    "multipartx1000": ("1,000 levels of multipart", hostile.deep_multipart),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hoering", help="hoering executable to measure (default: this one)")
    parser.add_argument("--memory-mb", type=int, default=4096)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=sorted(CASES))
    args = parser.parse_args()
    command = [args.hoering] if args.hoering else None
    print(f"# hoering import, RLIMIT_AS {args.memory_mb} MiB, timeout {args.timeout:g} s")
    for name in [case for case in CASES if case in args.only]:
        label, build = CASES[name]
        with tempfile.TemporaryDirectory(prefix=f"hostile-{name}-") as tmp:
            mail = build()
            outcome = hostile.import_limited(
                mail, Path(tmp), memory_mb=args.memory_mb, timeout=args.timeout, hoering=command
            )
        code = "timeout" if outcome.returncode is None else f"exit {outcome.returncode}"
        print(
            f"{name:15} {label:45} {len(mail) / 1e6:7.2f} MB  {code:8} "
            f"{outcome.seconds:7.1f} s  peak {outcome.peak_mib:7.0f} MiB",
            flush=True,
        )
        if outcome.returncode not in (0, None):
            print("    " + (outcome.stderr.strip().splitlines() or [""])[-1][:300])


if __name__ == "__main__":
    main()
