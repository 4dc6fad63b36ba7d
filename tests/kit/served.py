"""The real `hoering serve` as a subprocess on a free loopback port: its URL, its memory, and
requests written byte by byte where an HTTP client would not send them as they are."""

from __future__ import annotations

import resource
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.kit.web import free_port

START_SECONDS = 60  # two shared cores: importing the app can take a while


@dataclass
class Desk:
    url: str
    port: int
    process: subprocess.Popen
    stderr: str = ""  # what the server printed, once it has stopped

    def rss_kb(self) -> int:
        """The server's resident memory (VmRSS in /proc/PID/status), in kB."""
        return self._status_kb("VmRSS:")

    def peak_kb(self) -> int:
        """The most resident memory the server has had (VmHWM), in kB."""
        return self._status_kb("VmHWM:")

    def _status_kb(self, field: str) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
        raise AssertionError(f"no {field} for the server")


@contextmanager
def serve(config: Path, *, open_files: int | None = None) -> Iterator[Desk]:
    """`hoering serve -c config` on a free port until it answers; SIGTERM (as Ctrl+C) after.

    `open_files` lowers the server's open-files limit (RLIMIT_NOFILE), as `prlimit` would.
    """
    port = free_port()

    def limit() -> None:
        if open_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    process = subprocess.Popen(
        [sys.executable, "-m", "hoering", "serve", "-c", str(config), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit,
    )  # fmt: skip
    desk = Desk(f"http://127.0.0.1:{port}", port, process)
    try:
        _wait_until_answering(desk)
        yield desk
    finally:
        process.terminate()
        _, desk.stderr = process.communicate(timeout=20)


def _wait_until_answering(desk: Desk) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and desk.process.poll() is None:
        try:
            urllib.request.urlopen(desk.url + "/static/favicon.svg", timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    if desk.process.poll() is not None:
        raise AssertionError("hoering serve exited: " + desk.process.stderr.read())
    raise AssertionError("hoering serve did not answer in time")


@dataclass(frozen=True)
class RawAnswer:
    status: int
    head: str
    closed: bool  # the server closed the connection after answering


def raw_post(port: int, path: str, headers: dict[str, str], chunks: Iterable[bytes]) -> RawAnswer:
    """POST with exactly these headers and `chunks` as they are, then read the answer.

    A server that answers early and closes makes the rest of the sending fail; Linux keeps
    the answer that arrived before the reset readable, as a browser would show it.
    """
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        try:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            for chunk in chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered and closed before the whole body was sent
        received = b""
        while b"\r\n\r\n" not in received:
            data = sock.recv(65536)
            if not data:
                break
            received += data
        head, _, rest = received.partition(b"\r\n\r\n")
        closed = _closed_after(sock, head, rest)
    return RawAnswer(int(head.split(b" ", 2)[1]), head.decode("latin-1"), closed)


def _closed_after(sock: socket.socket, head: bytes, rest: bytes) -> bool:
    """Whether the server closes the connection once the answer's body has arrived."""
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n")
         if line.lower().startswith(b"content-length:")),
        0,
    )  # fmt: skip
    sock.settimeout(5)
    try:
        while len(rest) < length:
            data = sock.recv(65536)
            if not data:
                return True
            rest += data
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def chunked(data: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    """`data` in HTTP/1.1 chunked transfer coding (Transfer-Encoding: chunked, no length)."""
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        yield b"%x\r\n" % len(piece) + piece + b"\r\n"
    yield b"0\r\n\r\n"
