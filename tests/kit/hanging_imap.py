"""A loopback IMAP server that answers a minimal dialogue and then goes silent at a chosen step,
as a server with a stuck backend or a half-dead firewall does. Bounded: it never waits longer
than `max_wait` seconds, and `stop()` ends everything."""

from __future__ import annotations

import socket

from tests.kit.loopback import LoopbackServer

STAGES = ("greeting", "login", "select", "fetch")


class HangingImapServer(LoopbackServer):
    """Speaks IMAP up to `hang_at` (one of STAGES), then reads and answers nothing more."""

    def __init__(self, hang_at: str, max_wait: float = 30.0) -> None:
        if hang_at not in STAGES:
            raise ValueError(hang_at)
        super().__init__()
        self.hang_at = hang_at
        self.max_wait = max_wait
        self.commands: list[str] = []  # command names seen, e.g. ["LOGIN", "EXAMINE"]
        self.start()

    def talk(self, conn: socket.socket) -> None:
        if self.hang_at == "greeting":
            return self._hang()
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hanging test server ready\r\n")
        reader = conn.makefile("rb")
        for line in reader:
            tag, _, rest = line.decode("ascii", "replace").rstrip("\r\n").partition(" ")
            command = rest.split(" ")[0].upper()
            if command == "UID":
                command = rest.split(" ")[1].upper()
            self.commands.append(command)
            if self._stage(command) == self.hang_at:
                return self._hang()
            conn.sendall(_answer(tag, command))
            if command == "LOGOUT":
                return None
        return None

    @staticmethod
    def _stage(command: str) -> str | None:
        return {
            "LOGIN": "login",
            "AUTHENTICATE": "login",
            "SELECT": "select",
            "EXAMINE": "select",
            "FETCH": "fetch",
        }.get(command)

    def _hang(self) -> None:
        self.stopped.wait(self.max_wait)


def _answer(tag: str, command: str) -> bytes:
    untagged = {
        "CAPABILITY": "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n",
        "EXAMINE": "* 1 EXISTS\r\n* OK [UIDVALIDITY 7] UIDs valid\r\n* OK [UIDNEXT 2] next\r\n",
        "SELECT": "* 1 EXISTS\r\n* OK [UIDVALIDITY 7] UIDs valid\r\n* OK [UIDNEXT 2] next\r\n",
        "SEARCH": "* SEARCH 1\r\n",
        "LOGOUT": "* BYE bye\r\n",
    }.get(command, "")
    return f"{untagged}{tag} OK {command} done\r\n".encode("ascii")
