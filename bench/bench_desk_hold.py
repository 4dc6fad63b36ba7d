"""The review desk under the full-size attacks of issue 20 item 3. Run on demand, prints figures.

    .venv/bin/python -m bench.bench_desk_hold [--only search logins slow]

Each case starts a real `hoering serve` on the sample inbox (tests/kit/served.py) and sends,
over loopback:
  search  one search of 2,000 "a*" terms; one of the longest search the desk accepts (300
          characters of different 3-letter prefixes); then 20 of each at once beside one
          ordinary page (/proposals/2): statuses, seconds, and the reply size.
  logins  30 wrong passwords then the right one; 40 logins at once (a fresh server):
          statuses, seconds, and the server's peak memory before and after (VmHWM).
  slow    1,100 connections that never finish their headers, the server limited to 1,024
          open files (RLIMIT_NOFILE, as `prlimit --nofile=1024`): seconds until an ordinary
          page answers, connections the server closed, and bytes it wrote to stderr.
"""

from __future__ import annotations

import argparse
import re
import resource
import socket
import string
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import product
from pathlib import Path

import httpx2 as httpx

from hoering.web import auth
from tests.kit.served import Desk, serve
from tests.kit.web import build_sample

PASSWORD = "korrekt hest batteri"
OWN = {"sec-fetch-site": "same-origin"}
MANY_TERMS = "a* " * 2000


def timed(get) -> tuple[str, float, int]:
    """(status or error name, seconds, reply bytes) of one request."""
    started = time.monotonic()
    try:
        answer = get()
        return str(answer.status_code), time.monotonic() - started, len(answer.content)
    except httpx.HTTPError as exc:
        return type(exc).__name__, time.monotonic() - started, 0


def search(config: Path) -> None:
    prefixes = " ".join(
        "".join(letters) + "*" for letters in product(string.ascii_lowercase, repeat=3)
    )
    longest = prefixes[:300].rsplit(" ", 1)[0]
    with serve(config) as desk, httpx.Client(base_url=desk.url, timeout=120) as client:
        for name, query in (("2,000 x a*", MANY_TERMS), ("300 chars of xyz*", longest)):
            status, seconds, size = timed(lambda q=query: client.get("/", params={"q": q}))
            print(f"search {name}: {status} in {seconds:.2f} s, {size / 1024:.0f} kB")
        for name, query in (("2,000 x a*", MANY_TERMS), ("300 chars of xyz*", longest)):
            at_once(desk, name, query)


def at_once(desk: Desk, name: str, query: str) -> None:
    """20 searches of `query` at once, and an ordinary page half a second in."""
    with ThreadPoolExecutor(21) as pool:
        searches = [
            pool.submit(timed, lambda: httpx.get(desk.url + "/", params={"q": query}, timeout=120))
            for _ in range(20)
        ]
        time.sleep(0.5)
        page = timed(lambda: httpx.get(desk.url + "/proposals/2", headers=OWN, timeout=120))
        done = [future.result() for future in searches]
    print(
        f"20 searches of {name} at once: {dict(Counter(s for s, _, _ in done))}, "
        f"slowest {max(t for _, t, _ in done):.2f} s; "
        f"an ordinary page meanwhile: {page[0]} in {page[1]:.2f} s"
    )


def log_in(desk: Desk, password: str) -> str:
    with httpx.Client(base_url=desk.url, timeout=120) as client:
        found = re.search(r'action="/login\?csrf=([^"&]+)"', client.get("/login").text)
        assert found
        form = {"username": "karen", "password": password, "next": "/"}
        try:
            return str(
                client.post("/login", params={"csrf": found.group(1)}, data=form).status_code
            )
        except httpx.HTTPError as exc:
            return type(exc).__name__


def logins(config: Path) -> None:
    with config.open("a", encoding="utf-8") as file:
        file.write(f'\n[web.users]\nkaren = "{auth.hash_password(PASSWORD)}"\n')
    with serve(config) as desk:
        started = time.monotonic()
        wrong = Counter(log_in(desk, "forkert") for _ in range(30))
        right = log_in(desk, PASSWORD)
        print(
            f"30 wrong passwords: {dict(wrong)} in {time.monotonic() - started:.1f} s; "
            f"then the right one: {right}"
        )
    with serve(config) as desk:
        before = desk.peak_kb()
        started = time.monotonic()
        with ThreadPoolExecutor(40) as pool:
            statuses = Counter(pool.map(lambda _: log_in(desk, PASSWORD), range(40)))
        print(
            f"40 logins at once: {dict(statuses)} in {time.monotonic() - started:.1f} s; "
            f"peak memory {before // 1024} MB -> {desk.peak_kb() // 1024} MB"
        )


def closed(sock: socket.socket) -> bool:
    sock.settimeout(0.05)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except OSError:
        return False


def slow(config: Path) -> None:
    held: list[socket.socket] = []
    with serve(config, open_files=1024) as desk:
        try:
            for _ in range(1100):
                sock = socket.create_connection(("127.0.0.1", desk.port), timeout=10)
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                held.append(sock)
            started = time.monotonic()
            answer = None
            while answer is None and time.monotonic() - started < 120:
                try:
                    answer = httpx.get(
                        desk.url + "/proposals/2", headers=OWN, timeout=3
                    ).status_code
                except httpx.HTTPError:
                    time.sleep(0.5)
            waited = time.monotonic() - started
            gone = sum(closed(sock) for sock in held)
        finally:
            for sock in held:
                sock.close()
    print(
        f"1,100 unfinished requests, 1,024 open files: "
        f"a page answered {answer} after {waited:.1f} s"
    )
    print(
        f"  closed by the server: {gone} of {len(held)}; "
        f"stderr: {len(desk.stderr.encode()) / 1024:.0f} kB"
    )


CASES = {"search": search, "logins": logins, "slow": slow}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=list(CASES))
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this side holds 1,100 sockets
    for name in [case for case in CASES if case in args.only]:
        with tempfile.TemporaryDirectory(prefix="bench-desk-hold-") as folder:
            print(f"# {name}")
            CASES[name](build_sample(Path(folder)))


if __name__ == "__main__":
    main()
