"""Bridges blocking engines (llama.cpp, Whisper, Piper) to async code."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


async def iterate_in_thread(make_iterator: Callable[[], Iterator[T]]) -> AsyncIterator[T]:
    """Run a blocking iterator in a worker thread and yield its items as they come.

    Closing the async generator (client gone, task cancelled) stops the worker at its
    next item, so an abandoned generation does not keep the engine busy.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    stop = threading.Event()

    def put(item: object) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # loop already closed
            stop.set()

    def produce() -> None:
        try:
            for item in make_iterator():
                if stop.is_set():
                    break
                put(item)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the consumer
            put(_Failure(exc))
        finally:
            put(_DONE)

    worker = threading.Thread(target=produce, name="engine-stream", daemon=True)
    worker.start()
    try:
        while (item := await queue.get()) is not _DONE:
            if isinstance(item, _Failure):
                raise item.exc
            yield item
    finally:
        stop.set()


class _Failure:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException):
        self.exc = exc


# --- bounded generations ---
OVERLOADED_MESSAGE = "지금 상담 요청이 많아 답변을 시작하지 못했어요. {retry}초 후에 다시 시도해 주세요."
# The routes that run a chat turn (an LLM generation in generate mode).
GENERATION_PATHS = frozenset({"/chat", "/chat/stream", "/voice/chat", "/admin/try"})
GENERATION_WEBSOCKETS = frozenset({"/ws/chat"})


class Overloaded(Exception):
    """Every slot is busy and the wait queue is full (or the wait took too long)."""

    def __init__(self, retry_after_s: int):
        super().__init__("overloaded")
        self.retry_after_s = retry_after_s

    def body(self) -> dict:
        message = OVERLOADED_MESSAGE.format(retry=self.retry_after_s)
        return {"error": {"code": "overloaded", "message": message}}


class GenerationSlots:
    """At most `limit` chat turns at once, at most `queue` more waiting (up to `max_wait_s`);
    beyond that `Overloaded` at once, so clients get a 503 + Retry-After instead of a hang.
    `limit` 0 turns the bound off. One instance per process (per uvicorn worker).
    `applies` says whether turns generate with the LLM now: extractive turns (templates, no
    LLM; ~0.1 s of CPU) are counted but never queued or refused."""

    def __init__(
        self,
        limit: int,
        queue: int,
        max_wait_s: float = 30.0,
        retry_after_s: int = 5,
        applies: Callable[[], bool] = lambda: True,
    ):
        self.limit, self.queue, self.max_wait_s, self.retry_after_s = limit, queue, max_wait_s, retry_after_s
        self.applies = applies
        self.active = 0
        self.waiting = 0
        self.refused = 0
        self._free = asyncio.Condition()

    def stats(self) -> dict:
        return {"limit": self.limit, "queue": self.queue, "active": self.active, "waiting": self.waiting, "refused": self.refused}

    async def acquire(self) -> None:
        if not self.limit or not self.applies():
            self.active += 1
            return
        if self.active >= self.limit and self.waiting >= self.queue:
            self.refused += 1
            raise Overloaded(self.retry_after_s)
        async with self._free:
            self.waiting += 1
            try:
                await asyncio.wait_for(self._free.wait_for(lambda: self.active < self.limit), self.max_wait_s)
            except TimeoutError:
                self.refused += 1
                raise Overloaded(self.retry_after_s) from None
            finally:
                self.waiting -= 1
            self.active += 1

    async def release(self) -> None:
        async with self._free:
            self.active -= 1
            self._free.notify()


class GenerationLimitMiddleware:
    """Holds a generation slot for each chat turn: an HTTP chat request for its whole life
    (released the moment the stream ends or the client disconnects), a WebSocket chat turn
    from the client's message to the server's `done` / `error` frame. Refused turns get
    503 + Retry-After + a Korean message (WebSocket: an `event: error` frame `overloaded`).
    Plain ASGI, like RequestIdMiddleware, so nothing sits between a stream and its disconnect."""

    def __init__(self, app, slots: GenerationSlots):
        self.app = app
        self.slots = slots

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] == "http" and scope["method"] == "POST" and path in GENERATION_PATHS:
            return await self._http(scope, receive, send)
        if scope["type"] == "websocket" and path in GENERATION_WEBSOCKETS:
            return await self._websocket(scope, receive, send)
        return await self.app(scope, receive, send)

    async def _http(self, scope, receive, send):
        try:
            await self.slots.acquire()
        except Overloaded as exc:
            return await _send_overloaded(send, exc)
        try:
            await self.app(scope, receive, send)
        finally:
            await self.slots.release()

    async def _websocket(self, scope, receive, send):
        turn = _WebSocketTurns(self.slots, receive, send)
        try:
            await self.app(scope, turn.receive, turn.send)
        finally:
            await turn.end()


async def _send_overloaded(send, exc: Overloaded) -> None:
    body = json.dumps(exc.body(), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"retry-after", str(exc.retry_after_s).encode()),
               (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _WebSocketTurns:
    """Wraps a WebSocket's receive/send: a slot per turn, refused turns answered here."""

    def __init__(self, slots: GenerationSlots, receive, send):
        self.slots, self._receive, self._send = slots, receive, send
        self.holding = False

    async def receive(self):
        while True:
            message = await self._receive()
            if message["type"] != "websocket.receive" or self.holding:
                return message
            try:
                await self.slots.acquire()
            except Overloaded as exc:
                frame = {"event": "error", "data": {**exc.body()["error"], "retry_after_s": exc.retry_after_s}}
                await self._send({"type": "websocket.send", "text": json.dumps(frame, ensure_ascii=False)})
                continue
            self.holding = True
            return message

    async def send(self, message):
        await self._send(message)
        if self.holding and message["type"] == "websocket.send" and _ends_turn(message.get("text")):
            await self.end()

    async def end(self):
        if self.holding:
            self.holding = False
            await self.slots.release()


def _ends_turn(text: str | None) -> bool:
    if not text or '"event"' not in text[:40]:
        return False
    try:
        return json.loads(text).get("event") in ("done", "error")
    except ValueError:
        return False
