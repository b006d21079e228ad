"""Server-sent events through sse-starlette, with keep-alive pings and stream accounting.

sse-starlette rather than FastAPI's own EventSourceResponse (FastAPI 0.165): FastAPI's
pings every 15 s from a module constant, so SSE_PING_S could not be honoured, and it
runs the endpoint's body only after the 200 has been sent, so a bad request could no
longer be answered with its 4xx status and JSON error body.

On a client disconnect sse-starlette cancels the body; the cancellation reaches the
generation (the LLM stops) and the stream is counted as `cancelled`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

from sse_starlette import EventSourceResponse, ServerSentEvent

from llm_server.chat.events import WireEvent
from llm_server.errors import AppError
from llm_server.protocol import ErrorEvent
from llm_server.runtime import StreamStats

log = logging.getLogger(__name__)

#: Line separator: "\n", as the widget, the proxy and every client have always read it.
SEP = "\n"
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"}
INTERNAL_ERROR = ErrorEvent(code="internal_error", message="답변 중 오류가 발생했습니다. 다시 시도해 주세요.")


async def accounted(events: AsyncIterator[WireEvent], stats: StreamStats) -> AsyncIterator[WireEvent]:
    """Pass a turn's events on, counting how the stream ended (completed/failed/cancelled);
    an exception becomes an `error` event (headers are sent: report in-band, never a trace)."""
    stats.active += 1
    outcome = "cancelled"
    try:
        async for event in events:
            if event.event in ("done", "error"):
                outcome = "completed" if event.event == "done" else "failed"
            yield event
    except AppError as exc:
        outcome = "failed"
        log.warning("chat stream failed: %s (%s)", exc.code, exc.detail)
        yield ErrorEvent(code=exc.code, message=exc.message)
    except Exception:  # noqa: BLE001
        log.exception("chat stream failed")
        outcome = "failed"
        yield INTERNAL_ERROR
    finally:
        stats.active -= 1
        setattr(stats, outcome, getattr(stats, outcome) + 1)


def sse_response(
    events: AsyncIterator[WireEvent], stats: StreamStats, ping_s: float, headers: dict | None = None
) -> EventSourceResponse:
    async def body() -> AsyncIterator[ServerSentEvent]:
        async for event in accounted(events, stats):
            yield ServerSentEvent(data=json.dumps(event.data, ensure_ascii=False), event=event.event, sep=SEP)

    return EventSourceResponse(
        body(),
        headers={**SSE_HEADERS, **(headers or {})},
        ping=ping_s,
        sep=SEP,
        ping_message_factory=lambda: ServerSentEvent(comment="ping", sep=SEP),
    )
