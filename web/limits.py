"""What a request body may be: at most MAX_BODY bytes, never multipart.

Enforced while the body arrives, before anything parses it: without a cap one POST of a
thousand 1 MB fields held 1.2 GB in the server, and a few at once ended in MemoryError.
The desk's forms are urlencoded review notes of a few kB; nothing in it uploads files.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hoering.errors import HoeringError

MAX_BODY = 1024 * 1024
TOO_LARGE = "Forespørgslen er for stor (højst 1 MB)."
NOT_A_FORM = "Formularer sendes som application/x-www-form-urlencoded; filer modtages ikke."


class BodyTooLarge(HoeringError):
    """More than MAX_BODY bytes arrived; raised from receive() so no reader gets them."""


async def refuse(send: Send, status: int, text: str) -> None:
    """A plain-text refusal that closes the connection: the unread body is never drained."""
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def declared_length(scope: Scope) -> int | None:
    """The Content-Length header as a number; None when absent (chunked) or not a number."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def is_multipart(scope: Scope) -> bool:
    return any(
        name == b"content-type" and value.lower().lstrip().startswith(b"multipart/")
        for name, value in scope["headers"]
    )


class BodyLimit:
    """413 for a body over `limit` (declared or counted), 415 for multipart; both close."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        if declared is not None and declared > self.limit:
            await refuse(send, 413, TOO_LARGE)
            return
        if is_multipart(scope):
            await refuse(send, 415, NOT_A_FORM)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except* BodyTooLarge:  # in a group: BaseHTTPMiddleware reads the body in a task group
            if started:  # too late to answer: the server drops the connection
                raise
            await refuse(send, 413, TOO_LARGE)
