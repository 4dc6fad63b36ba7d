"""The review desk under test: the sample inbox (plus one hostile reply) in a real SQLite
database, the app over it, and a headless Chromium driven by Selenium."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.testclient import TestClient

from hoering.config import Config, load_config
from hoering.pipeline import import_paths
from hoering.rules import duplicates
from hoering.store.db import open_database
from hoering.web.app import create_app
from tests.kit.mails import make_mail, write_config
from tests.kit.paths import SAMPLE_INBOX

HOSTILE_ID = 14  # after the sample inbox's 13 replies
HOSTILE_BODY = 'Se her: <script>alert("xss")</script> og <img src=x onerror=alert(1)>\n'
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage", "--window-size=1280,900",
)  # fmt: skip


def build_sample(folder: Path) -> Path:
    """Import the sample inbox and a reply with markup in it; group duplicates. The config."""
    config = write_config(folder)
    hostile = folder / "hostile.eml"
    hostile.write_bytes(
        make_mail(
            subject="OGP-høring <script>alert(1)</script>",
            body=HOSTILE_BODY,
            message_id="<hostile@x.example>",
            attachments=[("../../etc/passwd.html", "text/html", b"<script>alert(2)</script>")],
        )
    )
    cfg = load_config(config)
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [SAMPLE_INBOX])
    import_paths(cfg, sessions, [hostile])
    with sessions() as session:
        duplicates.refresh(session)
        session.commit()
    sessions.kw["bind"].dispose()
    return config


def copy_sample(template: Path, target: Path) -> Config:
    shutil.copytree(template.parent, target)
    return load_config(target / "hoering.toml")


def make_app(cfg: Config, *, require_login: bool = False, **options) -> Starlette:
    return create_app(
        cfg,
        open_database(cfg.store_url),
        require_login=require_login,
        default_reviewer=options.pop("default_reviewer", "karen"),
        allowed_hosts=options.pop("allowed_hosts", ["testserver", "127.0.0.1"]),
        **options,
    )


def csrf_of(client: TestClient, path: str = "/") -> str:
    """The CSRF token of the session, read from a form's action on a page as a browser would."""
    found = re.search(r'method="post" action="[^"?]+\?csrf=([^"&]+)"', client.get(path).text)
    assert found, "no form with a CSRF token on " + path
    return found.group(1)


def submit(client: TestClient, path: str, data: dict, *, page: str = "/"):
    """POST `data` to `path` as the desk's forms do: the token (read from `page`) in the URL."""
    return client.post(path, params={"csrf": csrf_of(client, page)}, data=data)


def revision_of(client: TestClient, proposal_id: int) -> str:
    page = client.get(f"/proposals/{proposal_id}").text
    found = re.search(r'name="revision" value="(\d+)"', page)
    assert found
    return found.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(app: Starlette) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
