"""A real Dovecot IMAP server for tests: self-contained config, temp Maildir, self-signed TLS."""

from __future__ import annotations

import datetime as dt
import grp
import ipaddress
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from imapclient import IMAPClient

PASSWORD = 'Hemmeligt "kodeord" 42'  # quotes and spaces: LOGIN must quote it
START_TIMEOUT = 10.0


def find_dovecot() -> str | None:
    """Path of the dovecot binary, or None; it lives in /usr/sbin, often not on PATH."""
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")


def make_certificate(directory: Path, name: str) -> tuple[Path, Path, Path]:
    """Write a CA and a localhost/127.0.0.1 leaf it signed; return (ca, cert, key) paths."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"hoering test CA {name}")])
    ca_cert = (
        _builder(ca_name, ca_name, ca_key.public_key(), now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    san = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        _builder(leaf_name, ca_name, key.public_key(), now)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = (
        directory / f"{name}-ca.pem",
        directory / f"{name}-cert.pem",
        directory / f"{name}-key.pem",
    )
    paths[0].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


def _builder(subject, issuer, public_key, now: dt.datetime) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=2))
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def free_ports(count: int) -> list[int]:
    """Ports the kernel just handed out on 127.0.0.1 (all held open together, so distinct)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _identities() -> dict[str, str | int]:
    """Who Dovecot's processes run as; it refuses to run mail processes as root."""
    if os.geteuid() == 0:
        mail = pwd.getpwnam("dovecot")
        login_user, internal_user, internal_group = "dovenull", "dovecot", "dovecot"
    else:  # unprivileged (e.g. a CI runner): every process runs as the current user
        mail = pwd.getpwuid(os.geteuid())
        login_user = internal_user = mail.pw_name
        internal_group = grp.getgrgid(mail.pw_gid).gr_name
    return {
        "login_user": login_user,
        "internal_user": internal_user,
        "internal_group": internal_group,
        "mail_uid": mail.pw_uid,
        "mail_gid": mail.pw_gid,
    }


CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
protocols = imap
listen = 127.0.0.1
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot-info.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
mail_uid = {mail_uid}
mail_gid = {mail_gid}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  # One file per user: Dovecot re-reads a changed passwd-file at most once a second,
  # too slow for a new user per test, but opens a file it has not seen at once.
  args = scheme=PLAIN {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # No auth penalty: after one wrong-password test every login from 127.0.0.1 would wait 2-15 s.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


# OAuth2 (XOAUTH2, OAUTHBEARER) for a server started with an introspection URL: Dovecot POSTs
# the bearer token there and accepts the login if the answer is {"active": true, "username": ...}
# for the same user. Only these mechanisms reach this passdb, so passwords work as before.
OAUTH2_PASSDB = """
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {args}
}}
"""
OAUTH2_ARGS = """\
introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
"""


@dataclass
class DovecotServer:
    """A running Dovecot: plain/STARTTLS on `port`, implicit TLS on `ssl_port`."""

    root: Path
    port: int
    ssl_port: int
    ca_file: str
    process: subprocess.Popen = field(repr=False)
    host: str = "127.0.0.1"

    def add_user(self, username: str, password: str = PASSWORD) -> None:
        """Add a login (an ASCII name without "/"), in a passwd-file of its own."""
        line = f"{username}:{{PLAIN}}{password}::::::\n"
        (self.root / "users" / username).write_text(line, encoding="utf-8")

    def log(self) -> str:
        """The server's error and info logs, for failure messages."""
        parts = [p.read_text(errors="replace") for p in self.root.glob("dovecot*.log")]
        return "\n".join(parts)

    def stop(self) -> None:
        """SIGTERM and wait (about a second), then remove the temp dir."""
        stop_server(self.process, self.root)


def stop_server(process: subprocess.Popen, root: Path) -> None:
    """SIGTERM a test server (its children go with it), wait, kill if it hangs; remove `root`."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    shutil.rmtree(root, ignore_errors=True)


class _TestServer(Protocol):
    def log(self) -> str: ...
    def stop(self) -> None: ...


Server = TypeVar("Server", bound=_TestServer)


def start_retrying(
    launch: Callable[[], Server], wait: Callable[[Server], None], name: str, attempts: int
) -> Server:
    """Launch a test server and wait until it listens; on a port taken meanwhile (the wait
    fails), stop it and launch again on new ports, `attempts` times in all."""
    for attempt in range(1, attempts + 1):
        server = launch()
        try:
            wait(server)
            return server
        except RuntimeError:
            log = server.log()
            server.stop()
            if attempt == attempts:
                raise RuntimeError(f"{name} did not start:\n{log}") from None
    raise AssertionError("unreachable")


def start_dovecot(
    binary: str, attempts: int = 3, introspection_url: str | None = None
) -> DovecotServer:
    """Start Dovecot in a fresh temp dir; retry with new ports if one was taken meanwhile.

    With `introspection_url`, users may also log in with XOAUTH2 bearer tokens it vouches for.
    """
    return start_retrying(
        lambda: _launch(binary, introspection_url), _wait_listening, "Dovecot", attempts
    )


def _launch(binary: str, introspection_url: str | None = None) -> DovecotServer:
    # mkdtemp makes a 0700 dir that Dovecot's unprivileged users cannot enter.
    root = Path(tempfile.mkdtemp(prefix="hoering-dovecot-"))
    root.chmod(0o755)
    identities = _identities()
    (root / "mail").mkdir()
    os.chown(root / "mail", identities["mail_uid"], identities["mail_gid"])
    (root / "users").mkdir()
    ca, cert, key = make_certificate(root, "server")
    port, ssl_port = free_ports(2)
    config = CONFIG.format(
        root=root,
        cert=cert,
        key=key,
        port=port,
        ssl_port=ssl_port,
        **identities,
    )
    if introspection_url:
        args = root / "oauth2.conf"
        args.write_text(OAUTH2_ARGS.format(url=introspection_url))
        config = config.replace(
            "auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2 oauthbearer"
        )
        config += OAUTH2_PASSDB.format(args=args)
    (root / "dovecot.conf").write_text(config)
    with open(root / "dovecot-stderr.log", "wb") as stderr:
        process = subprocess.Popen(
            [binary, "-F", "-c", str(root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    return DovecotServer(root, port, ssl_port, str(ca), process)


def _wait_listening(server: DovecotServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    pending = [server.port, server.ssl_port]
    while pending:
        if server.process.poll() is not None:
            raise RuntimeError(f"dovecot exited with {server.process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError("dovecot did not open its ports in time")
        try:
            socket.create_connection((server.host, pending[0]), timeout=1).close()
            pending.pop(0)
        except OSError:
            time.sleep(0.02)


_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")


@dataclass
class Mailbox:
    """One fresh user on the shared server, with helpers to put mail in place."""

    server: DovecotServer
    username: str
    password: str = field(default=PASSWORD, repr=False)
    _client: IMAPClient | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def ssl_port(self) -> int:
        return self.server.ssl_port

    @property
    def ca_file(self) -> str:
        return self.server.ca_file

    def client(self) -> IMAPClient:
        """A logged-in plain connection for arranging and inspecting mail (not code under test)."""
        if self._client is None:
            self._client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
            self._client.login(self.username, self.password)
        return self._client

    def append(
        self,
        folder: str,
        raw: bytes,
        flags: tuple[str, ...] = (),
        internal_date: dt.datetime | None = None,
    ) -> int:
        """APPEND a message (creating the folder if needed); return its UID (via UIDPLUS)."""
        client = self.client()
        if not client.folder_exists(folder):
            client.create_folder(folder)
        response = client.append(folder, raw, flags=flags, msg_time=internal_date)
        match = _APPENDUID.search(response)
        if match is None:  # no UIDPLUS (GNU Mailutils imap4d): the newest UID is ours
            return int(client.folder_status(folder, ["UIDNEXT"])[b"UIDNEXT"]) - 1
        return int(match.group(2))

    def uidvalidity(self, folder: str) -> int:
        """The folder's current UIDVALIDITY."""
        return self.client().folder_status(folder, ["UIDVALIDITY"])[b"UIDVALIDITY"]

    def recreate_folder(self, folder: str) -> int:
        """Delete and create the folder again, as an admin might; return the new UIDVALIDITY."""
        client = self.client()
        old = self.uidvalidity(folder)
        client.delete_folder(folder)
        client.create_folder(folder)
        new = self.uidvalidity(folder)
        assert new != old, "Dovecot kept UIDVALIDITY across delete+create"
        return new

    def flags(self, folder: str, uid: int) -> tuple[bytes, ...]:
        """The flags of one message, read without side effects (EXAMINE)."""
        client = self.client()
        client.select_folder(folder, readonly=True)
        try:
            return client.get_flags([uid])[uid]
        finally:
            client.unselect_folder()

    def expunge(self, folder: str, uid: int) -> None:
        """Delete one message for good, as another mail client would."""
        client = self.client()
        client.select_folder(folder)
        client.delete_messages([uid])
        client.uid_expunge([uid])
        client.unselect_folder()

    def close(self) -> None:
        """Log out the helper connection."""
        if self._client is not None:
            self._client.logout()
            self._client = None
