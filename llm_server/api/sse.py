"""Server-sent events: encoding, keep-alive pings, and stream accounting."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

from starlette.responses import StreamingResponse

from llm_server.chat.events import ChatEvent
from llm_server.errors import AppError
from llm_server.runtime import StreamStats

log = logging.getLogger(__name__)

PING = b": ping\n\n"
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"}


def encode_sse(event: str, data: dict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def with_pings(events: AsyncIterator[ChatEvent], interval: float) -> AsyncIterator[ChatEvent | None]:
    """Yield events as they come and None whenever `interval` passes without one.

    The source runs in its own task so a keep-alive never cancels a pending generation
    step; closing this generator cancels that task, which stops the generation.
    """
    queue: asyncio.Queue = asyncio.Queue()

    async def pump() -> None:
        try:
            async for event in events:
                queue.put_nowait(event)
        except Exception as exc:  # noqa: BLE001 - re-raised in the consumer
            queue.put_nowait(_Raised(exc))
        finally:
            queue.put_nowait(_END)

    task = asyncio.create_task(pump(), name="sse-source")
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), interval)
            except TimeoutError:
                yield None
                continue
            if item is _END:
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        task.cancel()


_END = object()


class _Raised:
    def __init__(self, exc: Exception):
        self.exc = exc


async def sse_body(events: AsyncIterator[ChatEvent], stats: StreamStats, ping_s: float) -> AsyncIterator[bytes]:
    """Encode a turn's events, counting how the stream ended (completed/failed/cancelled)."""
    stats.active += 1
    outcome = "cancelled"
    try:
        async for event in with_pings(events, ping_s):
            if event is None:
                yield PING
                continue
            if event.event in ("done", "error"):
                outcome = "completed" if event.event == "done" else "failed"
            yield encode_sse(event.event, event.data)
    except AppError as exc:
        outcome = "failed"
        yield encode_sse("error", exc.to_dict())
    except Exception:  # noqa: BLE001 - headers are sent: report in-band, never a trace
        log.exception("chat stream failed")
        outcome = "failed"
        yield encode_sse("error", {"code": "internal_error", "message": "답변 중 오류가 발생했습니다. 다시 시도해 주세요."})
    finally:
        stats.active -= 1
        setattr(stats, outcome, getattr(stats, outcome) + 1)


def sse_response(body: AsyncIterator[bytes], headers: dict | None = None) -> StreamingResponse:
    return StreamingResponse(body, media_type="text/event-stream", headers={**SSE_HEADERS, **(headers or {})})


