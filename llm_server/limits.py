"""A cap on JSON request bodies, before any route parses them.

Chat, search and admin JSON is small (a message is at most MAX_MESSAGE_CHARS); without a cap
a 10 MB JSON body was read, parsed and answered 200. Uploads (multipart audio, CSV imports)
keep their own limits (MAX_AUDIO_MB). Plain ASGI, so a streaming response still sees its
client's disconnect.
"""

from __future__ import annotations

import json

PAYLOAD_TOO_LARGE = "요청 본문이 너무 큽니다 (최대 {kb} KB). 메시지를 줄여서 다시 보내 주세요."


class JsonBodyLimitMiddleware:
    """413 `payload_too_large` for a JSON body over `max_bytes` (declared or streamed)."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not _is_json(scope) or not self.max_bytes:
            return await self.app(scope, receive, send)
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            return await self._refuse(send)
        body, more = await self._read(receive)
        if body is None:
            return await self._refuse(send)
        return await self.app(scope, _replay(body, receive) if more is None else more, send)

    async def _read(self, receive):
        """The whole body if it fits (None if not); a receive that replays it."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # disconnected before the body ended
                return b"".join(chunks), _replay_then(message, receive)
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                return None, None
            if not message.get("more_body"):
                return b"".join(chunks), None

    async def _refuse(self, send):
        message = PAYLOAD_TOO_LARGE.format(kb=self.max_bytes // 1024)
        body = json.dumps({"error": {"code": "payload_too_large", "message": message}}, ensure_ascii=False).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _is_json(scope) -> bool:
    for name, value in scope.get("headers") or []:
        if name == b"content-type":
            return b"json" in value.lower()
    return False


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers") or []:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()  # later calls: the real channel (http.disconnect)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _replay_then(message, receive):
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return message

    return replay
