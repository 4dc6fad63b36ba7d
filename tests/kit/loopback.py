"""A scripted TCP server on a free loopback port, for IMAP servers that misbehave on purpose.

Bounded: it accepts in a thread of its own with a short timeout, `stop()` ends it, and a
subclass's `talk(conn)` is the dialogue with one connection.
"""

from __future__ import annotations

import socket
import threading
from abc import ABC, abstractmethod


class LoopbackServer(ABC):
    """Accepts connections one at a time and hands each to `talk`; `start()` after setup."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.server.close()

    @abstractmethod
    def talk(self, conn: socket.socket) -> None:
        """The dialogue with one connection; the socket is closed when it returns."""

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            with conn:
                self.talk(conn)
