"""`hoering serve` and `hoering web-user`, registered on the CLI by cli.py (`register(app)`).

Imports the web app, uvicorn and argon2 only when a command runs (`hoering --help` stays fast).
"""

from __future__ import annotations

import getpass
import json
import os
from typing import Annotated

import typer

from hoering.ui import context
from hoering.ui.options import Command, ConfigOption, parse_port


def serve(
    config: ConfigOption = None,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="Address to listen on. Anything but this machine (127.0.0.1, ::1, localhost) "
            "needs users in the config's web.users table (see `hoering web-user`).",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(metavar="PORT", parser=parse_port, help="Port to listen on.")
    ] = 8080,
) -> None:
    """Review in the browser: the list, replies, review form, groups, exports, overview."""
    from hoering.web import auth, server
    from hoering.web.app import LOOPBACK_HOSTS, create_app

    cfg = context.load(config)
    require_login = auth.check_bind(host, cfg.web.users)
    where = f"[{host}]" if ":" in host else host
    app = create_app(
        cfg,
        context.sessions(cfg),
        require_login=require_login,
        default_reviewer=(os.environ.get("HOERING_USER") or getpass.getuser()).strip(),
        # Without logins: this machine's names and the address it listens on (127.0.0.2).
        allowed_hosts=None if require_login else [*LOOPBACK_HOSTS, where],
    )
    sock = server.listen(host, port)
    typer.echo(f"hoering: serving http://{where}:{port}/ (Ctrl+C stops)", err=True)
    server.run(app, sock)


def web_user(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The user name to log in with.")],
) -> None:
    """Ask for a password; print the config lines that let NAME log in (an argon2 hash)."""
    from hoering.web import auth

    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    if len(password) < 10:
        raise typer.BadParameter("use at least 10 characters")
    typer.echo("[web.users]")
    typer.echo(f"{json.dumps(name)} = {json.dumps(auth.hash_password(password))}")


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(serve)
    app.command("web-user", cls=Command)(web_user)
