"""Hostile mails, generated small on disk, and a runner for `hoering import` under limits.

Shared by the hostile-input tests (tests/pipeline/test_hostile.py) and bench/bench_hostile.py.
Each builder returns the bytes of one reply whose subject matches the default marker.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.kit.mails import make_mail, write_config

SUBJECT = "OGP-høring: svar"
TOP_TEXT = "Vi støtter planen og foreslår åbne data."


def zip_of_text_files(count: int = 200, size: int = 1_000_000) -> bytes:
    """A reply with a ZIP of `count` text files of `size` bytes, each packed tightly."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for number in range(count):
            archive.writestr(f"del-{number:03d}.txt", b"a" * size)
    attachment = ("bilag.zip", "application/zip", buffer.getvalue())
    return make_mail(body=TOP_TEXT, attachments=[attachment])


def big_text_attachment(megabytes: int = 45) -> bytes:
    """A reply with one plain-text attachment of `megabytes` MB of Danish words."""
    line = "Forslag til handlingsplanen om åbne data og gennemsigtighed i kommunerne.\n"
    text = line * (megabytes * 1_000_000 // len(line))
    return make_mail(body=TOP_TEXT, attachments=[("bilag.txt", "text/plain", text.encode())])


def long_word_after_greeting(letters: int = 200_000) -> bytes:
    """A reply whose signature is one word of `letters` letters after "Med venlig hilsen"."""
    return make_mail(body=f"{TOP_TEXT}\n\nMed venlig hilsen\n{'a' * letters}\n")


def long_from_name(chars: int = 100_000) -> bytes:
    """A reply whose From display name is `chars` letters long."""
    return make_mail(body=TOP_TEXT, sender=f'"{"a" * chars}" <lang@example.dk>')


def unindented_header(pairs: int = 200_000) -> bytes:
    """A reply whose header has, after its From line, `pairs` fields each followed by a line
    that lost its folding blank (as a list gateway unfolds them), then the rest of its
    fields, the Subject among them: each run is a continuation to restore."""
    sender, _, rest = make_mail(body=TOP_TEXT).partition(b"\r\n")
    lost = b"".join(b"X-Note-%d: kept\r\nlost its blank\r\n" % n for n in range(pairs))
    return sender + b"\r\n" + lost + rest


def deep_rfc822(levels: int = 1000) -> bytes:
    """A reply whose top body text is followed by `levels` message/rfc822 parts, nested."""
    head = f"From: Søren <soren@example.dk>\r\nSubject: {SUBJECT}\r\nMIME-Version: 1.0\r\n"
    inner = "Subject: inderst\r\nContent-Type: text/plain\r\n\r\nbund\r\n"
    for level in range(levels):
        boundary = f"b{level}"
        inner = (
            f"Subject: niveau {level}\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\nContent-Type: text/plain\r\n\r\ntekst {level}\r\n"
            f"--{boundary}\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--{boundary}--\r\n"
        )
    top = (
        f'{head}Content-Type: multipart/mixed; boundary="top"\r\n\r\n'
        f"--top\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{TOP_TEXT}\r\n"
        f"--top\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--top--\r\n"
    )
    return top.encode()


def deep_multipart(levels: int = 1000) -> bytes:
    """A reply whose top body text is followed by `levels` multiparts nested in each other."""
    head = f"From: Søren <soren@example.dk>\r\nSubject: {SUBJECT}\r\nMIME-Version: 1.0\r\n"
    inner = "Content-Type: text/plain\r\n\r\nbund\r\n"
    for level in range(levels):
        inner = (
            f'Content-Type: multipart/mixed; boundary="m{level}"\r\n\r\n'
            f"--m{level}\r\n{inner}\r\n--m{level}--\r\n"
        )
    top = (
        f'{head}Content-Type: multipart/mixed; boundary="top"\r\n\r\n'
        f"--top\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{TOP_TEXT}\r\n"
        f"--top\r\n{inner}\r\n--top--\r\n"
    )
    return top.encode()


@dataclass(frozen=True)
class Outcome:
    returncode: int | None  # None: killed at the time bound
    seconds: float
    peak_mib: float  # largest resident set of hoering or any of its workers
    stderr: str


def import_limited(
    mail: bytes | list[bytes],
    workdir: Path,
    *,
    memory_mb: int,
    timeout: float,
    hoering: list[str] | None = None,
    extra_config: str = "",
) -> Outcome:
    """`hoering import` of the mail(s) in a fresh process under an address-space limit
    (as `prlimit --as`) and a timeout; the files are written to `workdir`, in order.

    The peak comes from a small wrapper process whose only children are hoering and its
    workers, so RUSAGE_CHILDREN is theirs alone.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, data in enumerate([mail] if isinstance(mail, bytes) else mail, 1):
        paths.append(workdir / f"svar-{number:02d}.eml")
        paths[-1].write_bytes(data)
    config = write_config(workdir, extra_config)
    command = [*(hoering or [sys.executable, "-m", "hoering"]), "import", "--config", str(config)]
    command += [str(path) for path in paths]
    wrapper = [sys.executable, "-c", _WRAPPER, str(memory_mb), str(timeout), *command]
    started = time.monotonic()
    done = subprocess.run(wrapper, cwd=workdir, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    code_text, peak_text = done.stdout.strip().splitlines()[-1].split()
    code = None if code_text == "timeout" else int(code_text)
    return Outcome(code, seconds, int(peak_text) / 1024, done.stderr)


# Runs the command with RLIMIT_AS set in the child, then prints its exit code and the peak
# resident size (KiB) of it and its descendants.
_WRAPPER = """
import os, resource, signal, subprocess, sys
memory, timeout, command = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
def limit():
    size = memory * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
child = subprocess.Popen(
    command, preexec_fn=limit, stdout=subprocess.DEVNULL, start_new_session=True
)
try:
    code = str(child.wait(timeout=timeout))
except subprocess.TimeoutExpired:
    os.killpg(child.pid, signal.SIGKILL)  # hoering and its extraction workers
    child.wait()
    code = "timeout"
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
