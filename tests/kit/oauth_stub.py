"""A loopback OAuth2 token service for tests: Entra ID's token endpoint and an introspection URL.

Dovecot's oauth2 passdb POSTs `token=...` to the introspection URL (plain HTTP, as it is
configured in tests/kit/dovecot.py) and accepts the login when the answer is active for that user.
msal fetches tokens over HTTPS (it refuses anything else) from the same service: OpenID
discovery at `/{tenant}/v2.0/.well-known/openid-configuration`, then the client-credentials
grant at `/{tenant}/oauth2/v2.0/token`. Tokens it issues are accepted by the introspection.
"""

from __future__ import annotations

import json
import secrets
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs


@dataclass(frozen=True)
class Client:
    """An app registration: its secret and the mailbox its tokens may open."""

    secret: str = field(repr=False)
    username: str


class TokenService:
    """Issues and introspects bearer tokens; records the token requests it saw."""

    def __init__(self, cert: Path, key: Path, ca: Path) -> None:
        self.ca_file = ca  # clients trust the service through this (REQUESTS_CA_BUNDLE)
        self.tokens: dict[str, str] = {}  # access token -> username it is valid for
        self.clients: dict[str, Client] = {}  # client_id -> registration
        self.token_requests: list[dict[str, str]] = []  # the form fields of each request
        self.token_paths: list[str] = []  # and the path it was POSTed to
        self._lock = threading.Lock()
        self.introspection = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.https = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self.https.socket = context.wrap_socket(self.https.socket, server_side=True)
        self._threads = [
            threading.Thread(target=server.serve_forever, daemon=True)
            for server in (self.introspection, self.https)
        ]
        for thread in self._threads:
            thread.start()

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self.introspection.server_address[1]}/introspect"

    @property
    def base_url(self) -> str:
        """What `[imap] authority` says to reach this service instead of Entra ID."""
        return f"https://127.0.0.1:{self.https.server_address[1]}"

    def issue(self, username: str) -> str:
        """A new access token that Dovecot will accept for `username`."""
        token = "tok-" + secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[token] = username
        return token

    def register_client(self, client_id: str, secret: str, username: str) -> None:
        with self._lock:
            self.clients[client_id] = Client(secret, username)

    def stop(self) -> None:
        for server in (self.introspection, self.https):
            server.shutdown()
            server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep pytest's output clean
                pass

            def do_GET(self) -> None:
                tenant = self.path.split("/")[1]
                if not self.path.endswith("/v2.0/.well-known/openid-configuration"):
                    return self.reply(404, {"error": "not_found"})
                if tenant.startswith("no-such-"):
                    # What Entra ID answers for a tenant that does not exist.
                    return self.reply(400, {"error": "invalid_tenant"})
                base = f"https://127.0.0.1:{service.https.server_address[1]}/{tenant}"
                return self.reply(
                    200,
                    {
                        "token_endpoint": f"{base}/oauth2/v2.0/token",
                        "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                        "issuer": f"{base}/v2.0",
                    },
                )

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if self.path == "/introspect":
                    return self.reply(200, service._introspect(form.get("token", "")))
                if self.path.endswith("/oauth2/v2.0/token"):
                    return self.reply(*service._grant(self.path, form))
                return self.reply(404, {"error": "not_found"})

            def reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _introspect(self, token: str) -> dict:
        with self._lock:
            username = self.tokens.get(token)
        return {"active": True, "username": username} if username else {"active": False}

    def _grant(self, path: str, form: dict[str, str]) -> tuple[int, dict]:
        with self._lock:
            self.token_requests.append(form)
            self.token_paths.append(path)
            client = self.clients.get(form.get("client_id", ""))
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if client is None or form.get("client_secret") != client.secret:
            # The shape of Entra ID's answer to a wrong secret.
            return 401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided.",
            }
        token = self.issue(client.username)
        return 200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token}
