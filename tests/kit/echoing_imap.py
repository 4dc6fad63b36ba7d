"""A loopback IMAP server that refuses AUTHENTICATE PLAIN and quotes the client's base64
blob in its NO, as some servers do in their "invalid credentials" text. Bounded: `stop()`
ends it, and every connection is read with a timeout."""

from __future__ import annotations

import socket

from tests.kit.loopback import LoopbackServer


class EchoingImapServer(LoopbackServer):
    """Offers AUTH=PLAIN, then answers `NO ... <the blob it was sent>` to AUTHENTICATE."""

    def __init__(self) -> None:
        super().__init__()
        self.blobs: list[str] = []  # what clients sent after the "+" continuation
        self.start()

    def talk(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            self._dialogue(conn)
        except OSError:
            return

    def _dialogue(self, conn: socket.socket) -> None:
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGINDISABLED] echo server\r\n")
        reader = conn.makefile("rb")
        for line in reader:
            tag, _, rest = line.decode("ascii", "replace").rstrip("\r\n").partition(" ")
            command = rest.split(" ")[0].upper()
            if command == "AUTHENTICATE":
                conn.sendall(b"+ \r\n")
                blob = reader.readline().decode("ascii", "replace").strip()
                self.blobs.append(blob)
                answer = f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials: {blob}\r\n"
                conn.sendall(answer.encode("ascii"))
            elif command == "CAPABILITY":
                conn.sendall(f"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK done\r\n".encode())
            else:
                conn.sendall(f"{tag} BYE\r\n".encode())
                return
