"""The request id: read from X-Request-ID (or made up), echoed back, and kept in a
context variable so logs and a turn's `done` event can name the request they belong to."""

from __future__ import annotations

import logging
import uuid
from contextvars import ContextVar

log = logging.getLogger("llm_server")
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the HTTP request being served in this context (None outside one)."""
    return _request_id.get()


class RequestIdMiddleware:
    """Propagate X-Request-ID (one id across the Node proxy's and our logs).

    Plain ASGI rather than BaseHTTPMiddleware: it must not sit between a streaming
    response and the client's http.disconnect, which is what cancels generation.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):  # a WebSocket keeps its handshake's id
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1") or uuid.uuid4().hex
        token = _request_id.set(request_id)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode("latin-1"))]}
                log.info("%s %s -> %s [request_id=%s]", scope["method"], scope["path"], message["status"], request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _request_id.reset(token)
