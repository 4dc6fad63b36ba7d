"""How uvicorn runs the desk: time limits on idle and unfinished requests, a connection cap.

Measured before: uvicorn never times out a request whose headers have not all arrived, so
1,100 connections that sent half a request line kept their sockets open until the process
ran out of file descriptors (1,024) and the desk stopped answering. Here a connection gets
HEADER_SECONDS for each request head (browsers send it in one packet), and beyond
`limit_concurrency` connections a new one is closed the moment it is accepted, so the open
files stay well under the process's limit.

When the limit is reached all the same (connections are accepted before any protocol code
runs), Python 3.11's accept loop logs a traceback for every one of up to 2,048 attempts per
turn of the event loop (530 MB of them in one measurement, while the desk stood still):
here that is one warning a minute.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import socket
import time
from typing import Any

import h11
import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.protocols.http.h11_impl import H11Protocol

from hoering.errors import UsageError

HEADER_SECONDS = 5.0
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 500

MAX_HEAD_BYTES = 16 * 1024  # request line and headers: the desk's own are under 2 kB
OPEN_FILES_WANTED = 65_536  # the soft limit asked for, up to the hard limit
ACCEPT_FAILED = "socket.accept() out of system resource"  # asyncio's message
WARN_EVERY_SECONDS = 60
log = logging.getLogger("uvicorn.error")


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol, with a deadline for every request head and a connection cap."""

    header_seconds = HEADER_SECONDS
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if self.limit_concurrency is not None and len(self.connections) > self.limit_concurrency:
            transport.abort()  # no answer: writing one would wait on a client we refuse
            return
        self._await_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._stop_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._await_head()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(self.header_seconds, self._head_too_slow)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        idle = self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE
        if idle and not self.transport.is_closing():
            self.transport.close()


def raise_open_files() -> None:
    """The soft open-files limit up to the hard one: the usual 1,024 is a default, not a
    choice, and every connection is a file."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = OPEN_FILES_WANTED if hard == resource.RLIM_INFINITY else min(hard, OPEN_FILES_WANTED)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


class QuietAccept:
    """An event-loop exception handler: a failed accept() is one warning a minute."""

    def __init__(self) -> None:
        self.warned = -WARN_EVERY_SECONDS

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if context.get("message") != ACCEPT_FAILED:
            loop.default_exception_handler(context)
            return
        now = time.monotonic()
        if now - self.warned >= WARN_EVERY_SECONDS:
            self.warned = now
            log.warning("no connection accepted: %s", context.get("exception"))


class DeskServer(uvicorn.Server):
    """uvicorn's server with QuietAccept on its event loop."""

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().set_exception_handler(QuietAccept())
        await super().serve(sockets)


def listen(host: str, port: int) -> socket.socket:
    """The desk's socket, bound before anything says "serving": a taken port or an address
    this machine does not have is one line and exit 2, not uvicorn's exit 3 (which is
    hoering's code for a refused IMAP login)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def run(app: Any, sock: socket.socket) -> None:
    """Serve `app` on `sock` (from listen) until Ctrl+C (SIGINT) or SIGTERM, as uvicorn.run
    would, with the limits."""
    raise_open_files()
    host, port = sock.getsockname()[:2]
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        # The app reads X-Forwarded-* itself, from [web] trusted_proxies only; uvicorn's own
        # default would believe any process on this machine.
        proxy_headers=False,
        **uvicorn_options(),
    )
    server = DeskServer(config)
    server.run(sockets=[sock])
    if not server.started:  # the port was taken, or the app did not start: as uvicorn.run
        raise SystemExit(STARTUP_FAILURE)


def connection_cap() -> int:
    """MAX_CONNECTIONS, or fewer when the open-files limit would not leave room for them."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(8, min(MAX_CONNECTIONS, soft // 2))  # half is left to the database and logs


def uvicorn_options() -> dict[str, Any]:
    """The keyword arguments of uvicorn.run that keep the desk up."""
    return {
        "http": GuardedH11,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": connection_cap(),
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }
